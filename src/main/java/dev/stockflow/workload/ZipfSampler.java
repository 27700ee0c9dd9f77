package dev.stockflow.workload;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent: rank 0 is the hottest.
 * An exponent of 0 draws uniformly; around 1 a few ranks get most of the draws, as hot offers do.
 *
 * <p>Keeps the cumulative distribution (8 bytes per rank) and finds a draw by binary search. Immutable;
 * the randomness comes from the caller.
 */
public final class ZipfSampler {

    private final double[] cumulative;

    public ZipfSampler(final int size, final double exponent) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a finite number >= 0, was " + exponent);
        }
        cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
        // Rounding must not leave a gap at the top that a draw close to 1 could fall into.
        cumulative[size - 1] = 1.0;
    }

    public int size() {
        return cumulative.length;
    }

    /** A rank in 0..size-1. */
    public int sample(final RandomGenerator random) {
        final int found = Arrays.binarySearch(cumulative, random.nextDouble());
        return found >= 0 ? found : -found - 1;
    }
}
