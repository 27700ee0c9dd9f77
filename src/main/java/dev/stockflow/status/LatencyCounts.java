package dev.stockflow.status;

import java.util.Arrays;

/**
 * The snapshot latency histogram's classic buckets at one moment: the upper bound of each bucket in seconds
 * (the last one {@code +Inf}) and the observations counted in it so far (per bucket, not cumulative).
 */
public record LatencyCounts(double[] upperBounds, long[] counts) {

    /** No buckets: a histogram that observed nothing yet, or none at all. */
    public static final LatencyCounts NONE = new LatencyCounts(new double[0], new long[0]);

    public LatencyCounts {
        if (upperBounds.length != counts.length) {
            throw new IllegalArgumentException("one count per bucket: " + upperBounds.length + " bounds, "
                    + counts.length + " counts");
        }
        upperBounds = upperBounds.clone();
        counts = counts.clone();
    }

    @Override
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** What was observed since {@code earlier}, bucket by bucket; nothing when the buckets differ. */
    public LatencyCounts since(final LatencyCounts earlier) {
        if (!Arrays.equals(upperBounds, earlier.upperBounds)) {
            return this;
        }
        final long[] delta = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            delta[i] = Math.max(0, counts[i] - earlier.counts[i]);
        }
        return new LatencyCounts(upperBounds, delta);
    }

    /** Every observation counted. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The {@code q}-quantile in seconds, estimated as Prometheus' {@code histogram_quantile} does: linear
     * interpolation inside the bucket that holds the rank (the first bucket starts at 0), and the highest finite
     * bound when the rank falls into the {@code +Inf} bucket. NaN when nothing was observed.
     */
    public double quantile(final double q) {
        final long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        final double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                return interpolate(i, rank - below);
            }
            below += counts[i];
        }
        return highestFiniteBound();
    }

    private double interpolate(final int bucket, final double rankInBucket) {
        if (Double.isInfinite(upperBounds[bucket])) {
            return highestFiniteBound();
        }
        final double lower = bucket == 0 ? 0 : upperBounds[bucket - 1];
        return lower + (upperBounds[bucket] - lower) * rankInBucket / counts[bucket];
    }

    private double highestFiniteBound() {
        for (int i = upperBounds.length - 1; i >= 0; i--) {
            if (!Double.isInfinite(upperBounds[i])) {
                return upperBounds[i];
            }
        }
        return Double.NaN;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof LatencyCounts that && Arrays.equals(upperBounds, that.upperBounds)
                && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyCounts" + Arrays.toString(upperBounds) + Arrays.toString(counts);
    }
}
