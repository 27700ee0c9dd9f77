package dev.stockflow.bench;

import dev.stockflow.bench.app.AppSettings;
import dev.stockflow.bench.app.BenchApp;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.workload.WorkloadSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore measurement: an initial full stock feed of N offer-locations (plus optional workload events) is
 * preloaded; Stockflow (EOS, defaults, its own JVM) processes all of it, which writes the offer store's
 * changelog, and stops; then Stockflow starts again on the same application id with an empty state directory,
 * so it must restore the whole store from the changelog. The restoration is watched through the instance's
 * own {@code /health/ready} (every 50 ms) and {@code /metrics}: its time is from the first answer that reports
 * a restoration to the first that no longer does, and its records are {@code stockflow_restore_records_total}.
 */
final class RestoreRun {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreRun.class);
    private static final int LOCATIONS_PER_OFFER = 3;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long ROW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RestoreBench.Environment env;

    RestoreRun(final RestoreBench.Environment env) {
        this.env = env;
    }

    /** What one restoration took and gave. */
    record Result(int offerLocations, long inputRecords, double buildSeconds, long changelogOffsets,
                  long restoredRecords, double restoreSeconds, double secondsToReady, double appCpuSeconds,
                  long appPeakRssBytes, List<String> progress) {

        double recordsPerSecond() {
            return restoredRecords / restoreSeconds;
        }

        double offerLocationsPerSecond() {
            return offerLocations / restoreSeconds;
        }
    }

    /** The restoration as watched: when it was first and last seen, the application's CPU over it. */
    private record Watched(long firstNanos, long endNanos, ProcessSample atStart, ProcessSample atEnd,
                           List<String> progress) {
    }

    Result run(final int offerLocations) throws InterruptedException, IOException {
        final String name = "restore" + offerLocations;
        final int offers = (offerLocations + LOCATIONS_PER_OFFER - 1) / LOCATIONS_PER_OFFER;
        final Dataset data = env.preloader().preload(name, name + "-", Workload.endingNow(WorkloadSettings.builder()
                .seed(env.seed()).offers(offers).locationsPerOffer(LOCATIONS_PER_OFFER), true, env.events()),
                env.partitions());
        final String runId = "bench-" + name;
        try {
            final double buildSeconds = build(data, runId);
            final long changelogOffsets = env.cluster().endOffsets(List.of(runId + "-offer-state-changelog"))
                    .values().stream().mapToLong(Long::longValue).sum();
            return restore(data, runId, offerLocations, buildSeconds, changelogOffsets);
        } finally {
            env.cluster().deleteTopics(topic -> topic.startsWith(name + "-") || topic.startsWith(runId + "-"));
            env.cluster().deleteGroup(runId);
            delete(env.work().resolve(runId + "-build"));
            delete(env.work().resolve(runId + "-restore"));
        }
    }

    /** Processes the whole input, so that the changelog holds every offer; returns how long it took. */
    private double build(final Dataset data, final String runId) throws InterruptedException {
        LOG.info("Writing the changelog: Stockflow processes {} records of {}", data.records(), data.name());
        try (ChildJvm app = start(data, runId, "build", data.records(), Map.of())) {
            final long ready = app.awaitReady(READY_TIMEOUT);
            final long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
            while (app.doneIfReported() == null || !env.cluster().hasCommitted(runId, data.ends())) {
                check(app, deadline, "processing the input");
                LockSupport.parkNanos(POLL_NANOS * 4); // polling the application and the broker
            }
            return (System.currentTimeMillis() - ready) / 1000.0;
        }
    }

    private Result restore(final Dataset data, final String runId, final int offerLocations, final double buildSeconds,
                           final long changelogOffsets) throws InterruptedException, IOException {
        final int port = freePort();
        LOG.info("Restoring: Stockflow starts again on {} with an empty state directory", runId);
        final long launched = System.nanoTime();
        try (ChildJvm app = start(data, runId, "restore", -1, Map.of(StockflowConfig.HTTP_PORT_CONFIG,
                Integer.toString(port)))) {
            final RestoreProbe probe = new RestoreProbe(port);
            final Watched watched = watch(app, probe);
            final long restored = (long) probe.metric("stockflow_restore_records_total");
            return new Result(offerLocations, data.records(), buildSeconds, changelogOffsets, restored,
                    (watched.endNanos() - watched.firstNanos()) / 1e9, (watched.endNanos() - launched) / 1e9,
                    watched.atEnd().cpuSeconds() - watched.atStart().cpuSeconds(), watched.atEnd().peakRssBytes(),
                    watched.progress());
        }
    }

    /** Polls readiness until a restoration has been seen and is over; keeps one progress row a second. */
    private static Watched watch(final ChildJvm app, final RestoreProbe probe) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        final List<String> rows = new ArrayList<>(List.of("seconds,restoredRecords,remainingRecords,"
                + "recordsPerSecond,etaSeconds"));
        long first = 0;
        ProcessSample atStart = null;
        while (true) {
            check(app, deadline, "restoring");
            LockSupport.parkNanos(POLL_NANOS); // polling the application's HTTP API
            final RestoreProbe.Readiness readiness = probe.readiness();
            final long now = System.nanoTime();
            if (readiness != null && readiness.restoring()) {
                if (first == 0) {
                    first = now;
                    atStart = app.sample();
                }
                if (now - first >= (rows.size() - 1) * ROW_NANOS) {
                    rows.add(row(now - first, readiness));
                }
            } else if (first != 0) {
                return new Watched(first, now, atStart, app.sample(), rows);
            } else if (readiness != null && readiness.status() == 200) {
                throw new IllegalStateException("the instance was ready before any restoration was seen");
            }
        }
    }

    private static String row(final long elapsedNanos, final RestoreProbe.Readiness readiness) {
        return String.format(Locale.ROOT, "%.1f,%d,%d,%s,%s", elapsedNanos / 1e9, readiness.restored(),
                readiness.remaining(), readiness.body().at("/restoring/recordsPerSecond").asText(),
                readiness.body().at("/restoring/etaSeconds").asText());
    }

    private ChildJvm start(final Dataset data, final String runId, final String phase, final long expected,
                           final Map<String, String> extra) {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put(AppSettings.BOOTSTRAP, env.cluster().bootstrapServers());
        values.put(AppSettings.REGISTRY, env.registryUrl());
        values.put(AppSettings.RUN_ID, runId);
        values.put(AppSettings.EXPECTED, Long.toString(expected));
        values.put(AppSettings.STOCK_TOPIC, data.stockTopic());
        values.put(AppSettings.PRICE_TOPIC, data.priceTopic());
        values.put(AppSettings.DELISTING_TOPIC, data.delistingTopic());
        values.put(AppSettings.OUTPUT_TOPIC, runId + "-output");
        values.put(AppSettings.DLQ_TOPIC, runId + "-dlq");
        values.put(AppSettings.STATE_DIR, env.work().resolve(runId + "-" + phase).toString());
        values.put(AppSettings.GUARANTEE, StockflowConfig.EXACTLY_ONCE_V2);
        return ChildJvm.start(List.of("-Xmx" + env.appHeap(), "-XX:+ExitOnOutOfMemoryError"),
                AppSettings.arguments(BenchApp.STOCKFLOW, values, extra), Map.of("MALLOC_ARENA_MAX", "2"),
                env.logFile(runId + "-" + phase));
    }

    private static void check(final ChildJvm app, final long deadline, final String what) {
        if (!app.isAlive()) {
            throw new IllegalStateException("the application died while " + what + "; see its log");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the application took over an hour " + what);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(final Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (final IOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }
}
