package dev.stockflow.bench.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Waiting: to pace what the harness does, and for something it waits for, polled with a deadline. */
final class Pause {

    private static final long POLL_MS = 100;

    private Pause() {
    }

    static void millis(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Polls {@code doneAt} until it answers a time (epoch ms; 0 for not yet) and returns that time.
     *
     * @param possible false once waiting is pointless (the process waited on has ended)
     * @param what     what is waited for, for the exception
     * @throws IllegalStateException after {@code timeout}, or as soon as {@code possible} says so
     */
    static long until(final LongSupplier doneAt, final Duration timeout, final BooleanSupplier possible,
                      final Supplier<String> what) {
        final long deadline = System.currentTimeMillis() + timeout.toMillis();
        long at;
        while ((at = doneAt.getAsLong()) == 0) {
            if (!possible.getAsBoolean()) {
                throw new IllegalStateException("no longer possible: " + what.get());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("not within " + timeout + ": " + what.get());
            }
            millis(POLL_MS);
        }
        return at;
    }

    /** {@link #until} for a condition; returns when it was first seen to hold. */
    static long until(final BooleanSupplier done, final Duration timeout, final BooleanSupplier possible,
                      final Supplier<String> what) {
        return until(() -> done.getAsBoolean() ? System.currentTimeMillis() : 0, timeout, possible, what);
    }
}
