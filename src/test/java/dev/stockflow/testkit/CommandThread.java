package dev.stockflow.testkit;

import dev.stockflow.Stockflow;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@code stockflow} command line in this JVM on a thread of its own and waits for its exit code, for commands
 * such as {@code run} that return only when they fail. One that has not returned by the deadline is interrupted
 * (which makes {@code run} close its processor) and the test fails.
 */
public final class CommandThread {

    private CommandThread() {
    }

    /** The command's exit code. */
    public static int execute(final Duration deadline, final String... args) throws Exception {
        final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable,
                "stockflow-" + args[0]));
        try {
            final Future<Integer> exit = thread.submit(() -> Stockflow.execute(args));
            try {
                return exit.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final TimeoutException e) {
                exit.cancel(true);
                throw new AssertionError("stockflow " + String.join(" ", args) + " did not end within " + deadline, e);
            } catch (final ExecutionException e) {
                throw new AssertionError("stockflow " + String.join(" ", args) + " threw", e.getCause());
            }
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
