package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.topology.TopologySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTopicCheckTest {

    private final TopologySettings settings = TopologySettings.DEFAULTS;

    @Test
    void shouldAcceptCoPartitionedInputTopics() {
        // Given
        final Map<String, Integer> counts = Map.of("stock-updates", 6, "price-updates", 6, "offer-delistings", 6,
                "order-events", 6, "unrelated", 1);

        // When / Then
        assertThatCode(() -> InputTopicCheck.verify(settings, counts)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectDifferentPartitionCountsNamingEachTopic() {
        // Given
        final Map<String, Integer> counts = Map.of("stock-updates", 6, "price-updates", 4, "offer-delistings", 6,
                "order-events", 3);

        // When / Then
        assertThatThrownBy(() -> InputTopicCheck.verify(settings, counts))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same partition count")
                .hasMessageContaining("stock-updates=6")
                .hasMessageContaining("price-updates=4")
                .hasMessageContaining("offer-delistings=6")
                .hasMessageContaining("order-events=3");
    }

    @Test
    void shouldNameMissingInputTopics() {
        // Given
        final Map<String, Integer> counts = Map.of("stock-updates", 6);

        // When / Then
        assertThatThrownBy(() -> InputTopicCheck.verify(settings, counts))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing: price-updates, offer-delistings, order-events");
    }
}
