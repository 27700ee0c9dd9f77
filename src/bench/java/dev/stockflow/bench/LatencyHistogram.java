package dev.stockflow.bench;

/** Latencies in whole milliseconds up to a minute, the rest counted as a minute or more. Not thread-safe. */
final class LatencyHistogram {

    private static final int MAX_MS = 60_000;

    private final long[] counts = new long[MAX_MS + 1];
    private long total;
    private long max;

    void record(final long millis) {
        final long clamped = Math.max(0, Math.min(millis, MAX_MS));
        counts[(int) clamped]++;
        total++;
        max = Math.max(max, millis);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The smallest latency that {@code quantile} of the recorded ones do not exceed. */
    long percentile(final double quantile) {
        if (total == 0) {
            return 0;
        }
        final long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int millis = 0; millis < counts.length; millis++) {
            seen += counts[millis];
            if (seen >= rank) {
                return millis;
            }
        }
        return MAX_MS;
    }
}
