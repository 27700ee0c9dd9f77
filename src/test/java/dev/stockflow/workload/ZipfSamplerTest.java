package dev.stockflow.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    private static final int DRAWS = 200_000;

    @Test
    void shouldDrawRanksInProportionToOneOverRankToTheExponent() {
        // Given
        final int size = 1_000;
        final double exponent = 1.0;
        final ZipfSampler sampler = new ZipfSampler(size, exponent);

        // When
        final int[] counts = draw(sampler, new SplittableRandom(7));

        // Then
        double harmonic = 0;
        for (int rank = 1; rank <= size; rank++) {
            harmonic += 1 / Math.pow(rank, exponent);
        }
        for (int rank = 0; rank < 5; rank++) {
            final double expected = 1 / Math.pow(rank + 1, exponent) / harmonic;
            assertThat(counts[rank] / (double) DRAWS).isCloseTo(expected, within(expected * 0.05));
        }
    }

    @Test
    void shouldDrawUniformlyWithExponentZero() {
        // Given
        final ZipfSampler sampler = new ZipfSampler(10, 0.0);

        // When
        final int[] counts = draw(sampler, new SplittableRandom(7));

        // Then
        for (final int count : counts) {
            assertThat(count / (double) DRAWS).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void shouldMakeTheSkewSteeperWithALargerExponent() {
        // Given
        final ZipfSampler mild = new ZipfSampler(1_000, 0.5);
        final ZipfSampler steep = new ZipfSampler(1_000, 1.5);

        // When
        final int mildTop = draw(mild, new SplittableRandom(7))[0];
        final int steepTop = draw(steep, new SplittableRandom(7))[0];

        // Then
        assertThat(steepTop).isGreaterThan(5 * mildTop);
    }

    @Test
    void shouldOnlyDrawRanksInRange() {
        // Given
        final ZipfSampler sampler = new ZipfSampler(3, 1.2);
        final SplittableRandom random = new SplittableRandom(11);

        // Then
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.sample(random)).isBetween(0, 2);
        }
        assertThat(new ZipfSampler(1, 1.0).sample(random)).isZero();
    }

    @Test
    void shouldRefuseAnEmptyRangeOrANegativeExponent() {
        // Then
        assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(10, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] draw(final ZipfSampler sampler, final SplittableRandom random) {
        final int[] counts = new int[sampler.size()];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.sample(random)]++;
        }
        return counts;
    }
}
