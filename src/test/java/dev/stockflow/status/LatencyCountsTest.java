package dev.stockflow.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles from bucket counts, as Prometheus' histogram_quantile estimates them. */
class LatencyCountsTest {

    private static final double[] BOUNDS = {0.01, 0.1, 1, Double.POSITIVE_INFINITY};

    @Test
    void shouldInterpolateInsideTheBucketThatHoldsTheRank() {
        // Given: 100 observations, 50 up to 10 ms, 40 in (10 ms, 100 ms], 10 in (100 ms, 1 s]
        final LatencyCounts counts = new LatencyCounts(BOUNDS, new long[] {50, 40, 10, 0});

        // When / Then
        assertThat(counts.total()).isEqualTo(100);
        assertThat(counts.quantile(0.5)).isCloseTo(0.01, within(1e-12));
        assertThat(counts.quantile(0.25)).isCloseTo(0.005, within(1e-12));
        assertThat(counts.quantile(0.7)).isCloseTo(0.01 + 0.09 * 20 / 40, within(1e-12));
        assertThat(counts.quantile(0.99)).isCloseTo(0.1 + 0.9 * 9 / 10, within(1e-12));
    }

    @Test
    void shouldAnswerTheHighestFiniteBoundForARankBeyondIt() {
        // Given: most observations above 1 s
        final LatencyCounts counts = new LatencyCounts(BOUNDS, new long[] {1, 0, 0, 99});

        // When / Then
        assertThat(counts.quantile(0.5)).isEqualTo(1.0);
        assertThat(counts.quantile(0.99)).isEqualTo(1.0);
    }

    @Test
    void shouldKnowNoPercentileWithoutObservations() {
        assertThat(new LatencyCounts(BOUNDS, new long[4]).quantile(0.5)).isNaN();
        assertThat(LatencyCounts.NONE.quantile(0.99)).isNaN();
    }

    @Test
    void shouldCountWhatWasObservedSinceAnEarlierReading() {
        // Given
        final LatencyCounts earlier = new LatencyCounts(BOUNDS, new long[] {10, 5, 1, 0});
        final LatencyCounts later = new LatencyCounts(BOUNDS, new long[] {10, 25, 3, 1});

        // When
        final LatencyCounts window = later.since(earlier);

        // Then: only the window's observations, so an old burst does not weigh on recent percentiles
        assertThat(window).isEqualTo(new LatencyCounts(BOUNDS, new long[] {0, 20, 2, 1}));
        assertThat(window.quantile(0.5)).isCloseTo(0.01 + 0.09 * 11.5 / 20, within(1e-12));
    }
}
