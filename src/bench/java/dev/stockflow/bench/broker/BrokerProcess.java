package dev.stockflow.bench.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link dev.stockflow.runtime.EmbeddedKafkaBroker} in a child JVM with its own heap, so a benchmark measures the processor
 * without the broker competing for the same heap and garbage collector.
 *
 * <p>The child runs on this JVM's classpath. It stops when {@link #close()} closes its stdin, and also
 * when this JVM dies, because its stdin then closes too. Started on a {@link BrokerHome}, it keeps its data,
 * and {@link #kill()} ends it as a crash would, for the chaos suite to start it again on the same home.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);
    private static final Duration TERMINATE_STOP = Duration.ofSeconds(5);

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(final Process process, final String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker JVM and waits until it accepts clients.
     *
     * @param maxHeap the child's {@code -Xmx} value, e.g. {@code "1g"}
     * @param startTimeout how long to wait for the broker to be ready before killing it
     */
    public static BrokerProcess start(final String maxHeap, final Duration startTimeout) {
        return start(launch(maxHeap, List.of(), ProcessBuilder.Redirect.INHERIT), startTimeout);
    }

    /**
     * Starts the broker JVM on a home that keeps its data (formatted on the first start only) and waits until
     * it accepts clients.
     *
     * @param log where the broker's log goes (appended to, so that every start of one home shares a file)
     */
    public static BrokerProcess start(final String maxHeap, final Duration startTimeout, final BrokerHome home,
                                      final Path log) {
        return start(launch(maxHeap, home.arguments(), ProcessBuilder.Redirect.appendTo(log.toFile())),
                startTimeout);
    }

    private static BrokerProcess start(final Process process, final Duration startTimeout) {
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final Thread reader = new Thread(() -> readOutput(process, ready), "broker-process-stdout");
        reader.setDaemon(true);
        reader.start();
        final String bootstrapServers = awaitReady(process, ready, startTimeout);
        log.info("Kafka broker process {} ready at {}", process.pid(), bootstrapServers);
        return new BrokerProcess(process, bootstrapServers);
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Ends the broker with SIGKILL ({@code kill -9} on Linux and macOS), with no chance to flush, close its logs
     * or leave its controller quorum, and waits until the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        if (!waitFor(GRACEFUL_STOP)) {
            throw new IllegalStateException("Kafka broker process " + process.pid() + " survived SIGKILL for "
                    + GRACEFUL_STOP);
        }
    }

    /** Asks the broker to stop by closing its stdin; terminates, then kills it if it does not. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (final IOException e) {
            log.debug("stdin of broker process {} was already closed", process.pid(), e);
        }
        if (!waitFor(GRACEFUL_STOP)) {
            log.warn("Kafka broker process {} did not stop in {}; terminating it", process.pid(), GRACEFUL_STOP);
            process.destroy();
            if (!waitFor(TERMINATE_STOP)) {
                process.destroyForcibly();
                waitFor(TERMINATE_STOP);
            }
        }
    }

    private static Process launch(final String maxHeap, final List<String> arguments,
                                  final ProcessBuilder.Redirect log) {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap,
            "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName()));
        command.addAll(arguments);
        try {
            // Broker logs go to stderr (ours, or a file); stdout carries only the ready line.
            return new ProcessBuilder(command).redirectError(log).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not start a Kafka broker process", e);
        }
    }

    /** Keeps reading to the end so the child never blocks on a full pipe. */
    private static void readOutput(final Process process, final CompletableFuture<String> ready) {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(BrokerMain.READY_PREFIX)) {
                    ready.complete(line.substring(BrokerMain.READY_PREFIX.length()).trim());
                } else {
                    log.debug("broker process {}: {}", process.pid(), line);
                }
            }
        } catch (final IOException e) {
            log.debug("stopped reading broker process {} output", process.pid(), e);
        }
        ready.completeExceptionally(new IllegalStateException("Kafka broker process " + process.pid()
            + " ended its output before it was ready"));
    }

    private static String awaitReady(final Process process, final CompletableFuture<String> ready,
                                     final Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka broker process was not ready within " + timeout, e);
        } catch (final ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker process", e);
        }
    }

    private boolean waitFor(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }
}
