package dev.stockflow.bench;

import dev.stockflow.bench.broker.BrokerProcess;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.serde.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every run of one benchmark shares: the broker, the registry, the options and the output files. */
final class BenchEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(BenchEnvironment.class);

    private final BenchOptions options;
    private final BrokerProcess broker;
    private final Cluster cluster;
    private final SchemaRegistryServer registry;
    private final SnapshotOutput snapshots;
    private final Path workDirectory;

    BenchEnvironment(final BenchOptions options, final BrokerProcess broker, final Cluster cluster,
                     final SchemaRegistryServer registry, final Path workDirectory) {
        this.options = options;
        this.broker = broker;
        this.cluster = cluster;
        this.registry = registry;
        this.snapshots = new SnapshotOutput(cluster.bootstrapServers(), registry.registry());
        this.workDirectory = workDirectory;
    }

    BenchOptions options() {
        return options;
    }

    Cluster cluster() {
        return cluster;
    }

    SchemaRegistryServer registry() {
        return registry;
    }

    String registryUrl() {
        return registry.url();
    }

    SnapshotOutput snapshots() {
        return snapshots;
    }

    ProcessSample brokerSample() {
        return ProcessSample.of(broker.pid());
    }

    Path stateDirectory(final String runId) {
        return workDirectory.resolve(runId);
    }

    Path logFile(final String runId) {
        return directory("logs").resolve(runId + ".log");
    }

    Path directory(final String name) {
        final Path directory = options.outputDirectory().resolve(name);
        try {
            return Files.createDirectories(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    /** Appends what the reference model expected and what the run produced for a few offending offers. */
    void reportMismatches(final String runId, final Dataset data, final SnapshotCheck check,
                          final Map<String, String> actual) {
        final Map<String, String> expected = ExpectedSnapshots.describe(data.workload(),
                RuleSettings.DEFAULTS, Set.copyOf(check.examples()));
        final StringBuilder text = new StringBuilder(runId).append(": ").append(check.summary()).append('\n');
        for (final String key : check.examples()) {
            text.append("  ").append(key).append('\n')
                    .append("    expected ").append(expected.get(key)).append('\n')
                    .append("    actual   ").append(actual.get(key)).append('\n');
        }
        final Path file = options.outputDirectory().resolve("mismatches.txt");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        LOG.warn("{}: final snapshots differ from the reference model; details in {}", runId, file);
    }
}
