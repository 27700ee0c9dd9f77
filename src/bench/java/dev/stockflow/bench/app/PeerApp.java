package dev.stockflow.bench.app;

import dev.stockflow.bench.peer.PeerCounters;
import dev.stockflow.bench.peer.PeerTopology;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryClients;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The DSL baseline ({@link PeerTopology}) with Kafka Streams' defaults, apart from the processing
 * guarantee under test.
 *
 * <p>It is done when every input record has been read, each stage has applied all it was sent, and
 * nothing has moved for a few commit intervals (the slot table's cache forwards at commits); the time
 * reported is that of the last record applied, so the quiet wait itself is not counted. The quiet wait
 * is generous: ending early would close the peer with slot changes still in its cache, which the close
 * writes to the repartition topic but nobody reads any more, and its output would be wrong.
 */
final class PeerApp implements BenchmarkedApp {

    static final String SNAPSHOTS = "snapshots";
    static final String TOMBSTONES = "tombstones";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final long MIN_QUIET_MS = 5_000;
    private static final int QUIET_COMMITS = 3;

    private final SchemaRegistryClient registry;
    private final KafkaStreams streams;
    private final PeerCounters counters = new PeerCounters();
    private final long quietMs;
    private volatile long runningSince;

    PeerApp(final AppSettings settings) {
        registry = SchemaRegistryClients.create(settings.get(AppSettings.REGISTRY));
        final PeerTopology.Topics topics = new PeerTopology.Topics(settings.get(AppSettings.STOCK_TOPIC),
                settings.get(AppSettings.PRICE_TOPIC), settings.get(AppSettings.DELISTING_TOPIC),
                settings.get(AppSettings.OUTPUT_TOPIC), settings.get(AppSettings.DLQ_TOPIC));
        final Properties props = properties(settings);
        final StreamsConfig config = new StreamsConfig(props);
        quietMs = Math.max(MIN_QUIET_MS, QUIET_COMMITS * config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        streams = new KafkaStreams(PeerTopology.build(topics, registry, RuleSettings.DEFAULTS.omnibusWindowMs(),
                counters), props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && runningSince == 0) {
                runningSince = System.currentTimeMillis();
            }
        });
        streams.start();
    }

    private static Properties properties(final AppSettings settings) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.get(AppSettings.RUN_ID));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(AppSettings.BOOTSTRAP));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.get(AppSettings.STATE_DIR));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.get(AppSettings.GUARANTEE));
        props.putAll(settings.extra());
        return props;
    }

    @Override
    public long runningSince() {
        return runningSince;
    }

    @Override
    public long completedAt(final long expected) {
        if (expected < 0 || counters.consumed() < expected || !counters.stagesCaughtUp()) {
            return -1;
        }
        final long last = counters.lastActivity();
        return System.currentTimeMillis() - last >= quietMs ? last : -1;
    }

    @Override
    public Map<String, Object> counters() {
        return Map.of("consumed", counters.consumed(), "slotUpdatesApplied", counters.slotUpdatesApplied(),
                "offerChangesApplied", counters.offerChangesApplied(), SNAPSHOTS, counters.snapshots(),
                TOMBSTONES, counters.tombstones());
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
        registry.close();
    }
}
