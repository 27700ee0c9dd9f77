package dev.stockflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stockflow.bench.broker.BrokerProcess;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The restore benchmark ({@code bench/restore}): how fast Stockflow rebuilds its offer store from the
 * changelog, at given numbers of offer-locations, as an instance that lost its state directory does. Each
 * point is a {@link RestoreRun}. Prints a table and writes {@code restore/restore.json} with a progress CSV
 * per point (the readiness answers, one a second). Exits 0 when every point was measured.
 */
@Command(name = "bench/restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure how fast Stockflow restores its state store from the changelog.",
            "Starts its own Kafka broker (a child JVM), preloads an initial stock feed,",
            "lets Stockflow process it, then starts Stockflow again with an empty state",
            "directory and watches it restore. See docs/benchmark.md."})
public final class RestoreBench implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreBench.class);
    private static final Duration BROKER_START = Duration.ofMinutes(3);

    @Option(names = "--offer-locations", split = ",", defaultValue = "1000000",
            description = "Distinct offer-locations (3 per offer) of each point (default ${DEFAULT-VALUE}).")
    List<Integer> points;

    @Option(names = "--events", defaultValue = "0",
            description = "Workload events after the initial stock feed (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions per topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--app-heap", defaultValue = "512m",
            description = "-Xmx of the Stockflow JVM, as the Helm chart's defaults give (default ${DEFAULT-VALUE}).")
    String appHeap;

    @Option(names = "--broker-heap", defaultValue = "1g",
            description = "-Xmx of the broker JVM (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--output", defaultValue = "target/bench",
            description = "Where results go (default ${DEFAULT-VALUE}).")
    Path output;

    /** What every point shares: the broker, the registry, the preloader, the options, the directories. */
    record Environment(Cluster cluster, SchemaRegistryServer registry, Preloader preloader, Path work, Path results,
                       long seed, long events, int partitions, String appHeap) {

        String registryUrl() {
            return registry.url();
        }

        Path logFile(final String name) {
            return results.resolve("logs").resolve(name + ".log");
        }
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new RestoreBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        final Path results = Files.createDirectories(output.toAbsolutePath().resolve("restore"));
        Files.createDirectories(results.resolve("logs"));
        final Path work = Files.createTempDirectory("stockflow-restore-");
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", Instant.now().toString());
        report.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("settings", Map.of("partitions", partitions, "events", events, "seed", seed, "appHeap", appHeap,
                "cpus", Runtime.getRuntime().availableProcessors()));
        final List<RestoreRun.Result> measured = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        try (BrokerProcess broker = BrokerProcess.start(brokerHeap, BROKER_START);
             Cluster cluster = new Cluster(broker.bootstrapServers());
             SchemaRegistryServer registry = new SchemaRegistryServer(InMemorySchemaRegistry.forScope("restore"), 0)) {
            final RestoreRun run = new RestoreRun(new Environment(cluster, registry,
                    new Preloader(cluster, registry.registry(), registry.url()), work, results, seed, events,
                    partitions, appHeap));
            for (final int point : points) {
                measure(run, point, results, measured, failures);
            }
        } finally {
            Utils.delete(work.toFile());
        }
        report.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report.put("points", measured.stream().map(RestoreBench::describe).toList());
        report.put("failures", failures);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                results.resolve("restore.json").toFile(), report);
        System.out.println(); // the table is this command's output
        System.out.print(table(measured));
        System.out.println("\nResults: " + results.resolve("restore.json"));
        return failures.isEmpty() ? 0 : 1;
    }

    private static void measure(final RestoreRun run, final int point, final Path results,
                                final List<RestoreRun.Result> measured, final List<String> failures)
            throws InterruptedException, IOException {
        try {
            final RestoreRun.Result result = run.run(point);
            Files.write(results.resolve("restore-" + point + ".csv"), result.progress());
            LOG.info("{} offer-locations: {} records restored in {} s, {} records/s", point,
                    result.restoredRecords(), round(result.restoreSeconds()), Math.round(result.recordsPerSecond()));
            measured.add(result);
        } catch (final RuntimeException e) {
            LOG.error("The restore run at {} offer-locations failed", point, e);
            failures.add(point + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> describe(final RestoreRun.Result result) {
        final Map<String, Object> point = new LinkedHashMap<>();
        point.put("offerLocations", result.offerLocations());
        point.put("inputRecords", result.inputRecords());
        point.put("buildSeconds", round(result.buildSeconds()));
        point.put("changelogOffsets", result.changelogOffsets());
        point.put("restoredRecords", result.restoredRecords());
        point.put("restoreSeconds", round(result.restoreSeconds()));
        point.put("recordsPerSecond", Math.round(result.recordsPerSecond()));
        point.put("offerLocationsPerSecond", Math.round(result.offerLocationsPerSecond()));
        point.put("secondsFromStartToReady", round(result.secondsToReady()));
        point.put("appCpuSeconds", round(result.appCpuSeconds()));
        point.put("appPeakRssMiB", result.appPeakRssBytes() >> 20);
        return point;
    }

    private static String table(final List<RestoreRun.Result> results) {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%-16s %-16s %-10s %-14s %-22s %-12s %-14s%n", "offer-locations", "records restored", "seconds",
                "records/s", "offer-locations/s", "app CPU s", "app RSS MiB"));
        for (final RestoreRun.Result result : results) {
            text.append(String.format(Locale.ROOT, "%-16d %-16d %-10.1f %-14d %-22d %-12.1f %-14d%n",
                    result.offerLocations(), result.restoredRecords(), result.restoreSeconds(),
                    Math.round(result.recordsPerSecond()), Math.round(result.offerLocationsPerSecond()),
                    result.appCpuSeconds(), result.appPeakRssBytes() >> 20));
        }
        return text.toString();
    }

    private static double round(final double value) {
        return Math.round(value * 10) / 10.0;
    }
}
