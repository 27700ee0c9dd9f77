package dev.stockflow.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Stockflow instance as operators run it: {@code stockflow run --config FILE} from the runnable jar, in
 * a process of its own, with a fixed identity ({@code state.dir}, {@code http.port} and
 * {@code application.server}), so that an instance killed and started again is the same instance coming
 * back, not a new one.
 */
final class AppInstance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppInstance.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path directory;
    private final List<String> command;
    private final int httpPort;
    private Process process;
    private StateWatch watch;
    private int starts;

    /**
     * @param settings the instance's settings, written to its config file
     * @param log4j    the extra logging configuration (see {@link StateWatch})
     */
    AppInstance(final String name, final Path directory, final ChaosSettings chaos, final Map<String, String> settings,
                final int httpPort, final Path log4j) {
        this.name = name;
        this.directory = directory;
        this.httpPort = httpPort;
        final Path config = directory.resolve("stockflow.properties");
        writeConfig(config, settings);
        this.command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + chaos.appHeap(), "-XX:+ExitOnOutOfMemoryError",
                // The product's logging configuration, plus the suite's (composite configuration).
                "-Dlog4j2.configurationFile=log4j2.xml," + log4j.toAbsolutePath(),
                "-jar", chaos.jar().toAbsolutePath().toString(), "run", "--config", config.toString());
    }

    private static void writeConfig(final Path file, final Map<String, String> settings) {
        final Properties properties = new Properties();
        properties.putAll(settings);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "A Stockflow instance of the chaos suite");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Starts the process; returns the time it was started (epoch ms). Its log goes to {@code run-N.log}. */
    long start() {
        final long startedAt = System.currentTimeMillis();
        try {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // As the Helm chart sets it: glibc's per-thread malloc arenas would inflate RocksDB's footprint.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            process = builder.start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        starts++;
        watch = StateWatch.of(process, directory.resolve("run-" + starts + ".log"), name + "#" + starts);
        LOG.info("Started {} (pid {}, start {})", name, process.pid(), starts);
        return startedAt;
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook, no commit, no flush. Returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor(process);
        LOG.info("Killed {} (pid {}) with SIGKILL", name, process.pid());
    }

    /** SIGTERM, as an orchestrator stops a pod: Stockflow closes cleanly, committing what it has done. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within {} s of SIGTERM; killing it", name, STOP_TIMEOUT_SECONDS);
                kill();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private static void waitFor(final Process process) {
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL if the process runs, without waiting: for a harness that is exiting itself. */
    void killIfAlive() {
        if (isAlive()) {
            process.destroyForcibly();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The watch of the current start. */
    StateWatch watch() {
        return watch;
    }

    String name() {
        return name;
    }

    int httpPort() {
        return httpPort;
    }

    int starts() {
        return starts;
    }

    /**
     * The Kafka Streams process id this instance keeps in its state directory: it names the instance's
     * consumers ({@code <application.id>-<processId>-StreamThread-N-consumer}) and transactional ids.
     */
    String processId(final String applicationId) {
        final Path file = directory.resolve("state").resolve(applicationId).resolve("kafka-streams-process-metadata");
        try {
            final JsonNode metadata = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return metadata.get("processId").asText();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the process id of " + name + " from " + file, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
