package dev.stockflow.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.bench.app.BenchApp;
import dev.stockflow.bench.app.ChildProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An application under benchmark in a JVM of its own ({@link BenchApp} on this JVM's classpath), with
 * its stderr in a log file and its stdout read as {@link ChildProtocol}.
 */
final class ChildJvm implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final CompletableFuture<Done> done = new CompletableFuture<>();

    /** What the application reported when it had handled its input. */
    record Done(long epochMillis, Map<String, Object> counters) {
    }

    private ChildJvm(final Process process) {
        this.process = process;
        final Thread reader = new Thread(this::readProtocol, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java <jvmOptions> -cp <this classpath> BenchApp <arguments>}.
     *
     * @param environment extra environment variables
     */
    static ChildJvm start(final List<String> jvmOptions, final List<String> arguments,
                          final Map<String, String> environment, final Path log) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchApp.class.getName());
        command.addAll(arguments);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(builder.start());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessSample sample() {
        return ProcessSample.of(process.pid());
    }

    /** The time (epoch ms) the application reported it could start processing. */
    long awaitReady(final Duration timeout) {
        return await(ready, timeout, "ready");
    }

    /** The completion report, if it has arrived. */
    Done doneIfReported() {
        return done.isDone() && !done.isCompletedExceptionally() ? done.join() : null;
    }

    /** Closes the application's stdin, which makes it close cleanly and exit; kills it if it does not. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (final IOException e) {
            // Already closed: the process has ended.
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readProtocol() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                accept(line);
            }
        } catch (final IOException e) {
            // The process ended; the futures below say so.
        }
        final IllegalStateException ended = new IllegalStateException("the application (pid " + process.pid()
                + ") ended its output early; see its log");
        ready.completeExceptionally(ended);
        done.completeExceptionally(ended);
    }

    private void accept(final String line) throws IOException {
        final String[] parts = line.split(" ", 3);
        if (ChildProtocol.READY.equals(parts[0])) {
            ready.complete(Long.parseLong(parts[1]));
        } else if (ChildProtocol.DONE.equals(parts[0])) {
            done.complete(new Done(Long.parseLong(parts[1]),
                    JSON.readValue(parts[2], new TypeReference<Map<String, Object>>() { })));
        }
    }

    private <T> T await(final CompletableFuture<T> future, final Duration timeout, final String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("the application (pid " + process.pid() + ") was not " + what
                    + " within " + timeout + "; see its log", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
