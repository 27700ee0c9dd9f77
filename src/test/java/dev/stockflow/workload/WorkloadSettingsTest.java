package dev.stockflow.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkloadSettingsTest {

    @Test
    void shouldDefaultToTheDocumentedMix() {
        // When
        final WorkloadSettings settings = WorkloadSettings.defaults();

        // Then
        assertThat(settings.unchangedShare()).isEqualTo(0.50);
        assertThat(settings.duplicateShare()).isEqualTo(0.10);
        assertThat(settings.outOfOrderShare()).isEqualTo(0.05);
        assertThat(settings.delistingShare()).isEqualTo(0.01);
        assertThat(settings.badShare()).isEqualTo(0.001);
        assertThat(settings.channels()).isEqualTo(4);
    }

    @Test
    void shouldRebuildTheSameSettingsFromTheirBuilder() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().seed(9).partners(2).offers(5)
                .locationsPerOffer(7).channels(13).zipfExponent(0.7).start(Instant.EPOCH).eventsPerSecond(3)
                .maxLateness(Duration.ofMillis(1)).unchangedShare(0.1).duplicateShare(0.2).outOfOrderShare(0.3)
                .delistingShare(0.1).badShare(0.05).priceShare(0.9).saleShare(1).build();

        // Then
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void shouldRefuseSharesThatAddUpToMoreThanAllEvents() {
        // Then
        assertThatThrownBy(() -> WorkloadSettings.builder().unchangedShare(0.6).duplicateShare(0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to more than 1");
    }

    @Test
    void shouldRefuseValuesOutOfRange() {
        // Then
        assertThatThrownBy(() -> WorkloadSettings.builder().partners(10).offers(5).build())
                .hasMessage("offers must be at least 10, was 5");
        assertThatThrownBy(() -> WorkloadSettings.builder().badShare(-0.1).build())
                .hasMessage("badShare must be between 0 and 1, was -0.1");
        assertThatThrownBy(() -> WorkloadSettings.builder().eventsPerSecond(0).build())
                .hasMessage("eventsPerSecond must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> WorkloadSettings.builder().start(Instant.EPOCH.minusMillis(1)).build())
                .hasMessage("start must be at or after 1970-01-01T00:00:00Z, was 1969-12-31T23:59:59.999Z");
        assertThatThrownBy(() -> WorkloadSettings.builder().offers(Integer.MAX_VALUE / 4).build())
                .hasMessage("offers * (locationsPerOffer + channels) is too large");
    }
}
