package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class RecentOffersTest {

    private final RecentOffers recent = new RecentOffers();

    @Test
    void shouldLetTheLeastRecentlyUsedOfferGoWhenFull() {
        // Given: a full set, whose oldest entry was just used again
        for (int i = 0; i < RecentOffers.CAPACITY; i++) {
            recent.remember(key(i), new StoredOffer());
        }
        final StoredOffer first = recent.get(key(0));

        // When
        recent.remember(key(RecentOffers.CAPACITY), new StoredOffer());

        // Then: the second oldest went, the used one stayed
        assertThat(recent.get(key(0))).isSameAs(first);
        assertThat(recent.get(key(1))).isNull();
        assertThat(recent.get(key(RecentOffers.CAPACITY))).isNotNull();
    }

    @Test
    void shouldForgetOnRequest() {
        // Given
        recent.remember(key(1), new StoredOffer());
        recent.remember(key(2), new StoredOffer());

        // When
        recent.forget(key(1));

        // Then
        assertThat(recent.get(key(1))).isNull();
        assertThat(recent.get(key(2))).isNotNull();
        recent.clear();
        assertThat(recent.get(key(2))).isNull();
    }

    private static Bytes key(final int i) {
        return Bytes.wrap(("partner:sku-" + i).getBytes(StandardCharsets.UTF_8));
    }
}
