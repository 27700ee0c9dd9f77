package dev.stockflow.bench.chaos;

/** Waiting between two polls of something the harness waits for, or to pace what it does. */
final class Pause {

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
}
