package dev.stockflow.bench;

import dev.stockflow.bench.app.AppSettings;
import dev.stockflow.bench.app.BenchApp;
import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.Input;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.runtime.WorkloadRunner;
import dev.stockflow.workload.WorkloadGenerator;
import dev.stockflow.workload.WorkloadSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency from event to snapshot at a steady input rate: Stockflow (exactly_once_v2, defaults) runs in its
 * own JVM while the harness feeds the workload at the given rate, with an event clock that runs with the
 * wall clock, and reads the snapshot topic as a read_committed consumer. Each snapshot's latency is the
 * time it was received minus its record timestamp, which is the occurredAt of the event that caused it.
 * Snapshots of events from the warm-up seconds are not counted.
 */
final class LatencyCase {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyCase.class);
    private static final String NAME = "bench-latency";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final long DRAIN_QUIET_MS = 2_000;
    private static final long DRAIN_MAX_MS = 30_000;

    /** The figures of the latency run. */
    record Result(double targetRate, double achievedRate, int seconds, long snapshots, long p50Ms, long p90Ms,
                  long p99Ms, long p999Ms, long maxMs, double appCpuSeconds, long appPeakRssBytes) {
    }

    private final BenchEnvironment env;

    LatencyCase(final BenchEnvironment env) {
        this.env = env;
    }

    Result run() throws InterruptedException {
        final BenchOptions options = env.options();
        final String stock = NAME + "-stock-updates";
        final String price = NAME + "-price-updates";
        final String delisting = NAME + "-offer-delistings";
        final String output = NAME + "-output";
        env.cluster().createTopics(List.of(stock, price, delisting, AppSettings.orderTopicBeside(delisting)),
                options.partitions(), Map.of());
        try (ChildJvm app = ChildJvm.start(List.of("-Xmx" + options.appHeap(), "-XX:+ExitOnOutOfMemoryError"),
                arguments(stock, price, delisting, output), Map.of("MALLOC_ARENA_MAX", "2"), env.logFile(NAME))) {
            app.awaitReady(Duration.ofMinutes(3));
            return measure(app, stock, price, delisting, output);
        } finally {
            env.cluster().deleteTopics(name -> name.startsWith(NAME + "-"));
            env.cluster().deleteGroup(NAME);
        }
    }

    private Result measure(final ChildJvm app, final String stock, final String price, final String delisting,
                           final String output) throws InterruptedException {
        final BenchOptions options = env.options();
        final long events = (long) (options.latencyRate() * (options.latencyWarmupSeconds() + options.latencySeconds()));
        final LatencyHistogram histogram = new LatencyHistogram();
        final LatencySeries series = new LatencySeries();
        final AtomicLong lastReceived = new AtomicLong(System.currentTimeMillis());
        final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread reader = new Thread(() -> read(output, measureFrom, histogram, series, lastReceived, stop),
                "latency-reader");
        reader.start();
        ProcessSample appAtStart = null;
        final long sent;
        final double feedSeconds;
        try (InputProducer producer = new InputProducer(producerConfig(stock, price, delisting),
                env.registry().registry())) {
            // The event clock starts with the feed, so that an event's occurredAt is the time it is sent.
            final Instant start = Instant.now();
            measureFrom.set(start.toEpochMilli() + options.latencyWarmupSeconds() * 1000L);
            final WorkloadGenerator generator = new WorkloadGenerator(WorkloadSettings.builder().seed(options.seed())
                    .offers(options.offers()).start(start).eventsPerSecond(options.latencyRate()).build());
            final WorkloadRunner runner = new WorkloadRunner(generator, producer, events, options.latencyRate());
            final Thread feeder = new Thread(runner, "latency-feeder");
            final long fed = System.nanoTime();
            feeder.start();
            Thread.sleep(options.latencyWarmupSeconds() * 1000L); // the warm-up period itself, not a wait for a result
            appAtStart = app.sample();
            feeder.join();
            feedSeconds = (System.nanoTime() - fed) / 1e9;
            sent = runner.sent();
        }
        final ProcessSample appAtEnd = app.sample();
        awaitQuiet(lastReceived);
        stop.set(true);
        reader.join();
        series.write(env.options().outputDirectory().resolve("latency.csv"), measureFrom.get());
        final Result result = new Result(options.latencyRate(), sent / feedSeconds, options.latencySeconds(),
                histogram.count(), histogram.percentile(0.5), histogram.percentile(0.9), histogram.percentile(0.99),
                histogram.percentile(0.999), histogram.max(), appAtEnd.cpuSeconds() - appAtStart.cpuSeconds(),
                appAtEnd.peakRssBytes());
        LOG.info("Latency at {} events/s (achieved {}): p50 {} ms, p99 {} ms, max {} ms over {} snapshots",
                Math.round(result.targetRate()), Math.round(result.achievedRate()), result.p50Ms(), result.p99Ms(),
                result.maxMs(), result.snapshots());
        return result;
    }

    /** Waits until no snapshot has arrived for a while: the last events' snapshots are in. */
    private static void awaitQuiet(final AtomicLong lastReceived) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + DRAIN_MAX_MS;
        while (System.currentTimeMillis() - lastReceived.get() < DRAIN_QUIET_MS && System.currentTimeMillis() < deadline) {
            Thread.sleep(100); // polling the reader's progress
        }
    }

    private void read(final String output, final AtomicLong measureFrom, final LatencyHistogram histogram,
                      final LatencySeries series, final AtomicLong lastReceived, final AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.cluster().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(output).forEach(info -> partitions.add(new TopicPartition(output, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final long now = System.currentTimeMillis();
                    lastReceived.set(now);
                    series.record(record.timestamp(), now - record.timestamp());
                    if (record.timestamp() >= measureFrom.get()) {
                        histogram.record(now - record.timestamp());
                    }
                }
            }
        }
    }

    private StockflowConfig producerConfig(final String stock, final String price, final String delisting) {
        return ConfigLoader.load(null, Map.of(), Map.of(
                StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, env.cluster().bootstrapServers(),
                StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, env.registryUrl(),
                Input.STOCK.configKey(), stock,
                Input.PRICE.configKey(), price,
                Input.DELISTING.configKey(), delisting));
    }

    private List<String> arguments(final String stock, final String price, final String delisting,
                                   final String output) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(AppSettings.BOOTSTRAP, env.cluster().bootstrapServers());
        values.put(AppSettings.REGISTRY, env.registryUrl());
        values.put(AppSettings.RUN_ID, NAME);
        values.put(AppSettings.EXPECTED, "-1");
        values.put(AppSettings.STOCK_TOPIC, stock);
        values.put(AppSettings.PRICE_TOPIC, price);
        values.put(AppSettings.DELISTING_TOPIC, delisting);
        values.put(AppSettings.OUTPUT_TOPIC, output);
        values.put(AppSettings.DLQ_TOPIC, NAME + "-dlq");
        values.put(AppSettings.STATE_DIR, env.stateDirectory(NAME).toString());
        values.put(AppSettings.GUARANTEE, StockflowConfig.EXACTLY_ONCE_V2);
        return AppSettings.arguments(BenchApp.STOCKFLOW, values, env.options().stockflowSettings());
    }
}
