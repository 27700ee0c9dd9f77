package dev.stockflow.status;

/**
 * Snapshot latency over a recent window, estimated from the histogram's buckets.
 *
 * @param windowSeconds how far back the window reaches (less than asked for while the process is young)
 * @param snapshots     snapshots observed in the window
 * @param p50Ms         median latency in milliseconds, NaN when no snapshot was observed in the window
 */
public record LatencyFigures(double windowSeconds, long snapshots, double p50Ms, double p90Ms, double p99Ms) {

    /** The percentiles of what {@code counts} observed over {@code windowSeconds}. */
    public static LatencyFigures of(final LatencyCounts counts, final double windowSeconds) {
        return new LatencyFigures(windowSeconds, counts.total(), millis(counts.quantile(0.5)),
                millis(counts.quantile(0.9)), millis(counts.quantile(0.99)));
    }

    private static double millis(final double seconds) {
        return seconds * 1000;
    }
}
