package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * This instance's local state of the application: Kafka Streams keeps it in {@code <state.dir>/<application.id>}
 * (one directory per task, RocksDB inside), with {@code state.dir} defaulting to Kafka Streams' own default.
 */
public final class ApplicationStateDirectory {

    private ApplicationStateDirectory() {
    }

    /**
     * The directory; {@code application.id} becomes a path segment, so it must be a plain name (Kafka Streams
     * requires one anyway: it prefixes topic names).
     */
    public static Path of(final StockflowConfig config) {
        final String applicationId = config.getString(StockflowConfig.APPLICATION_ID_CONFIG);
        if (!applicationId.matches("[A-Za-z0-9._-]+") || applicationId.matches("\\.+")) {
            throw new ConfigException(StockflowConfig.APPLICATION_ID_CONFIG, applicationId,
                    "must be made of letters, digits, '.', '_' and '-'");
        }
        final String configured = config.getString(StockflowConfig.STATE_DIR_CONFIG);
        final String stateDir = configured == null || configured.isBlank()
                ? (String) StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG) : configured;
        return Path.of(stateDir).resolve(applicationId).toAbsolutePath().normalize();
    }

    /** Deletes the directory and everything in it; nothing happens when it does not exist. */
    static void delete(final Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            final List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (final Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot delete the local state directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
