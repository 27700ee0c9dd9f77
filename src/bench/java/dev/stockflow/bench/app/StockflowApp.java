package dev.stockflow.bench.app;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Input;
import dev.stockflow.runtime.StockflowProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The real Stockflow processor, started exactly as {@code stockflow run} starts it, with its default
 * settings apart from where it connects, its names and the processing guarantee under test.
 *
 * <p>It has handled every record once the {@code stockflow_events_total} counters, which count each input
 * record exactly once (an outcome, or {@code invalid} for a dead letter), add up to the input.
 */
final class StockflowApp implements BenchmarkedApp {

    private final StockflowProcessor processor;
    private final MeterRegistry meters;
    /** Registered up front by the processor; looked up once, since a search walks every meter. */
    private final Collection<Counter> events;
    private volatile long runningSince;

    StockflowApp(final AppSettings settings) {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(AppSettings.BOOTSTRAP));
        overrides.put(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, settings.get(AppSettings.REGISTRY));
        overrides.put(StockflowConfig.APPLICATION_ID_CONFIG, settings.get(AppSettings.RUN_ID));
        overrides.put(StockflowConfig.PROCESSING_GUARANTEE_CONFIG, settings.get(AppSettings.GUARANTEE));
        overrides.put(StockflowConfig.STATE_DIR_CONFIG, settings.get(AppSettings.STATE_DIR));
        overrides.put(StockflowConfig.HTTP_PORT_CONFIG, 0);
        overrides.put(Input.STOCK.configKey(), settings.get(AppSettings.STOCK_TOPIC));
        overrides.put(Input.PRICE.configKey(), settings.get(AppSettings.PRICE_TOPIC));
        overrides.put(Input.DELISTING.configKey(), settings.get(AppSettings.DELISTING_TOPIC));
        overrides.put(Input.ORDER.configKey(), AppSettings.orderTopicBeside(settings.get(AppSettings.DELISTING_TOPIC)));
        overrides.put(StockflowConfig.TOPIC_SNAPSHOT_CONFIG, settings.get(AppSettings.OUTPUT_TOPIC));
        overrides.put(StockflowConfig.TOPIC_DLQ_CONFIG, settings.get(AppSettings.DLQ_TOPIC));
        overrides.putAll(settings.extra());
        processor = StockflowProcessor.start(ConfigLoader.load(null, Map.of(), overrides));
        meters = processor.metrics().registry();
        events = meters.find(StockflowMetrics.EVENTS).counters();
    }

    @Override
    public long runningSince() {
        // StockflowProcessor owns the state listener, so the state is watched instead.
        if (runningSince == 0 && processor.streams().state() == KafkaStreams.State.RUNNING) {
            runningSince = System.currentTimeMillis();
        }
        return runningSince;
    }

    @Override
    public long completedAt(final long expected) {
        return expected >= 0 && handled() >= expected ? System.currentTimeMillis() : -1;
    }

    private long handled() {
        long total = 0;
        for (final Counter counter : events) {
            total += (long) counter.count();
        }
        return total;
    }

    @Override
    public Map<String, Object> counters() {
        final Map<String, Object> counters = new TreeMap<>();
        for (final Counter counter : events) {
            counters.merge(counter.getId().getTag("outcome"), (long) counter.count(),
                    (a, b) -> (Long) a + (Long) b);
        }
        counters.put(PeerApp.SNAPSHOTS, (long) meters.get(StockflowMetrics.SNAPSHOTS).counter().count());
        counters.put(PeerApp.TOMBSTONES, (long) meters.get(StockflowMetrics.TOMBSTONES).counter().count());
        return counters;
    }

    @Override
    public void close() {
        processor.close();
    }
}
