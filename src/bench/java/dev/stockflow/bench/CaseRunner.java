package dev.stockflow.bench;

import dev.stockflow.bench.app.AppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one case once over a data set: starts the application in its own JVM, times it from READY until
 * it has handled every input record and the input offsets it committed reach the end, samples CPU and
 * memory of the application and the broker, then checks its output and removes what the run created.
 */
final class CaseRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CaseRunner.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final double MIN_EVENTS_PER_SECOND_BEFORE_TIMEOUT = 1_000;

    private final BenchEnvironment env;

    CaseRunner(final BenchEnvironment env) {
        this.env = env;
    }

    /**
     * Runs the case.
     *
     * @param label   names the run among the others of the case ("1", "warmup1", "profiled")
     * @param jfrFile when not null, the application records a flight recording there
     */
    RunResult run(final BenchCase benchCase, final Dataset data, final String label, final int repetition,
                  final Path jfrFile) {
        final String runId = "bench-" + data.name() + "-" + benchCase.id() + "-" + label;
        final Path stateDir = env.stateDirectory(runId);
        final String output = runId + "-output";
        final String dlq = runId + "-dlq";
        createOutputs(benchCase, data, output, dlq);
        LOG.info("Running {} over {} ({} records)", runId, data.name(), data.records());
        final Measurement measured;
        try (ChildJvm app = ChildJvm.start(jvmOptions(jfrFile), arguments(benchCase, data, runId, output, dlq,
                stateDir, data.records()), Map.of("MALLOC_ARENA_MAX", "2"), env.logFile(runId))) {
            measured = measure(app, data, runId);
        }
        final long stateBytes = sizeOf(stateDir);
        final RunResult result = verify(benchCase, data, repetition, runId, output, measured, stateBytes);
        cleanUp(runId, output, dlq, stateDir);
        LOG.info("{}: {} events/s, {} s, app {} CPU s, broker {} CPU s, app peak RSS {} MiB; {}", runId,
                Math.round(result.eventsPerSecond()), round(result.seconds()), round(result.appCpuSeconds()),
                round(result.brokerCpuSeconds()), result.appPeakRssBytes() >> 20,
                result.check() != null ? result.check().summary() : result.correct() ? "all records copied"
                        : "records missing from the copy");
        return result;
    }

    /** What was measured while the application ran. */
    private record Measurement(double seconds, double appCpuSeconds, double brokerCpuSeconds, long appPeakRssBytes,
                               Double initialSeconds, Map<String, Object> counters) {
    }

    private Measurement measure(final ChildJvm app, final Dataset data, final String group) {
        final long ready = app.awaitReady(READY_TIMEOUT);
        final ProcessSample appAtStart = app.sample();
        final ProcessSample brokerAtStart = env.brokerSample();
        final long deadline = System.nanoTime() + timeout(data).toNanos();
        long initialDone = 0;
        long committed = 0;
        ChildJvm.Done done = null;
        while (done == null || committed == 0) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application of " + group + " died; see its log");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " did not finish within " + timeout(data));
            }
            LockSupport.parkNanos(POLL_NANOS); // polling the broker, not waiting for a result
            if (data.initialEnds() != null && initialDone == 0 && env.cluster().hasCommitted(group, data.initialEnds())) {
                initialDone = System.currentTimeMillis();
            }
            if (committed == 0 && env.cluster().hasCommitted(group, data.ends())) {
                committed = System.currentTimeMillis();
            }
            done = app.doneIfReported();
        }
        final ProcessSample appAtEnd = app.sample();
        final ProcessSample brokerAtEnd = env.brokerSample();
        final long end = Math.max(done.epochMillis(), committed);
        return new Measurement((end - ready) / 1000.0, appAtEnd.cpuSeconds() - appAtStart.cpuSeconds(),
                brokerAtEnd.cpuSeconds() - brokerAtStart.cpuSeconds(), appAtEnd.peakRssBytes(),
                initialDone == 0 ? null : (Math.min(initialDone, end) - ready) / 1000.0, done.counters());
    }

    private RunResult verify(final BenchCase benchCase, final Dataset data, final int repetition, final String runId,
                             final String output, final Measurement measured, final long stateBytes) {
        if (!benchCase.writesSnapshots()) {
            final long copied = env.snapshots().count(output);
            return new RunResult(benchCase.id(), repetition, data.records(), measured.seconds(),
                    measured.appCpuSeconds(), measured.brokerCpuSeconds(), measured.appPeakRssBytes(), copied, 0,
                    null, copied == data.records(), measured.initialSeconds(), stateBytes, measured.counters());
        }
        final Map<String, SnapshotDigest> actual = env.snapshots().read(output, benchCase.output());
        final SnapshotCheck check = SnapshotCheck.compare(data.expectation().snapshots(), actual);
        if (!check.exact()) {
            env.reportMismatches(runId, data, check, env.snapshots().describe(output, benchCase.output(),
                    new TreeSet<>(check.examples())));
        }
        final long tombstones = count(measured.counters(), "tombstones");
        return new RunResult(benchCase.id(), repetition, data.records(), measured.seconds(), measured.appCpuSeconds(),
                measured.brokerCpuSeconds(), measured.appPeakRssBytes(), count(measured.counters(), "snapshots")
                + tombstones, tombstones, check, check.valuesMatch(), measured.initialSeconds(), stateBytes,
                measured.counters());
    }

    private static long count(final Map<String, Object> counters, final String name) {
        final Object value = counters.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private void createOutputs(final BenchCase benchCase, final Dataset data, final String output, final String dlq) {
        // Stockflow creates its own output topics, as in production; the others need theirs up front.
        if (benchCase == BenchCase.PASSTHROUGH) {
            env.cluster().createTopics(List.of(output), data.partitions(), Map.of());
        } else if (benchCase == BenchCase.PEER) {
            env.cluster().createTopics(List.of(output), data.partitions(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            env.cluster().createTopics(List.of(dlq), data.partitions(), Map.of());
        }
    }

    private List<String> jvmOptions(final Path jfrFile) {
        final List<String> options = new ArrayList<>(List.of("-Xmx" + env.options().appHeap(),
                "-XX:+ExitOnOutOfMemoryError"));
        final String extra = System.getenv("BENCH_APP_JVM_OPTS"); // for experiments with JVM flags
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (jfrFile != null) {
            options.add("-XX:StartFlightRecording=filename=" + jfrFile + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    private List<String> arguments(final BenchCase benchCase, final Dataset data, final String runId,
                                   final String output, final String dlq, final Path stateDir, final long expected) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(AppSettings.BOOTSTRAP, env.cluster().bootstrapServers());
        values.put(AppSettings.REGISTRY, env.registryUrl());
        values.put(AppSettings.RUN_ID, runId);
        values.put(AppSettings.EXPECTED, Long.toString(expected));
        values.put(AppSettings.STOCK_TOPIC, data.stockTopic());
        values.put(AppSettings.PRICE_TOPIC, data.priceTopic());
        values.put(AppSettings.DELISTING_TOPIC, data.delistingTopic());
        values.put(AppSettings.OUTPUT_TOPIC, output);
        values.put(AppSettings.DLQ_TOPIC, dlq);
        values.put(AppSettings.STATE_DIR, stateDir.toString());
        values.put(AppSettings.GUARANTEE, benchCase == BenchCase.PEER ? env.options().peerGuarantee()
                : benchCase.guarantee());
        final Map<String, String> extra = benchCase.isStockflow() ? env.options().stockflowSettings() : Map.of();
        return AppSettings.arguments(benchCase.app(), values, extra);
    }

    private void cleanUp(final String runId, final String output, final String dlq, final Path stateDir) {
        env.cluster().deleteTopics(name -> name.equals(output) || name.equals(dlq) || name.startsWith(runId + "-"));
        env.cluster().deleteGroup(runId);
        try {
            Utils.delete(stateDir.toFile());
        } catch (final IOException e) {
            LOG.warn("Could not delete {}", stateDir, e);
        }
    }

    private static Duration timeout(final Dataset data) {
        return Duration.ofSeconds(Math.max(300, (long) (data.records() / MIN_EVENTS_PER_SECOND_BEFORE_TIMEOUT)));
    }

    private static long sizeOf(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(CaseRunner::sizeOfFile).sum();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOfFile(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            return 0; // a RocksDB file removed by a compaction while we looked
        }
    }

    private static double round(final double value) {
        return Math.round(value * 10) / 10.0;
    }
}
