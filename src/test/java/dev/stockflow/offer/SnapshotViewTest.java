package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The snapshot values of an offer, and a view reused from offer to offer as the processor reuses it. */
class SnapshotViewTest {

    private static final RuleSettings RULES = RuleSettings.DEFAULTS;
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void shouldShowTotalsAvailabilityPricesAndTheLatestUpdate() {
        // Given
        final OfferState state = new OfferState();
        apply(state, new OfferEvent.StockChange("s1", "wh-2", 3, T0 + DAY));
        apply(state, new OfferEvent.StockChange("s2", "wh-1", 4, T0));
        apply(state, new OfferEvent.PriceChange("p1", "web", "EUR", 1000L, null, T0));
        apply(state, new OfferEvent.PriceChange("p2", "web", "EUR", 1000L, 800L, T0 + 3 * DAY));

        // When
        final SnapshotView view = SnapshotView.of("acme:shoe-42", state, RULES);

        // Then
        assertThat(view.totalQuantity()).isEqualTo(7L);
        assertThat(view.available()).isTrue();
        assertThat(view.updatedAt()).isEqualTo(T0 + 3 * DAY);
        assertThat(view.locationCount()).isEqualTo(2);
        assertThat(view.locationId(0)).isEqualTo("wh-1");
        assertThat(view.quantity(1)).isEqualTo(3);
        assertThat(view.locationUpdatedAt(1)).isEqualTo(T0 + DAY);
        assertThat(view.priceCount()).isEqualTo(1);
        assertThat(view.salePrice(0)).isEqualTo(800L);
        assertThat(view.effectivePrice(0)).isEqualTo(800L);
        assertThat(view.lowestPrice30d(0)).isEqualTo(1000L);
        assertThat(view.priceUpdatedAt(0)).isEqualTo(T0 + 3 * DAY);
    }

    @Test
    void shouldBeUnavailableWithoutStock() {
        // Given: prices only
        final OfferState state = new OfferState();
        apply(state, new OfferEvent.PriceChange("p1", "web", "EUR", 1000L, null, T0));

        // When
        final SnapshotView view = SnapshotView.of("acme:shoe-42", state, RULES);

        // Then
        assertThat(view.totalQuantity()).isZero();
        assertThat(view.available()).isFalse();
        assertThat(view.locationCount()).isZero();
    }

    @Test
    void shouldSplitTheKeyAtItsFirstColonCountingUtf8Bytes() {
        // Given
        final OfferState state = stockOf(1);

        // When
        final SnapshotView view = SnapshotView.of("p.2:\u00e9t\u00e9:\u4e2d", state, RULES);

        // Then
        assertThat(view.partnerId()).isEqualTo("p.2");
        assertThat(view.sku()).isEqualTo("\u00e9t\u00e9:\u4e2d");
        assertThat(view.partnerIdLength()).isEqualTo(3);
        assertThat(view.offerKeyUtf8()).isEqualTo("p.2:\u00e9t\u00e9:\u4e2d".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldShowOnlyTheNewOfferWhenReused() {
        // Given: a view that showed an offer with three channels on sale
        final OfferState first = new OfferState();
        for (final String channel : new String[] {"a", "b", "c"}) {
            apply(first, new OfferEvent.PriceChange(channel + "1", channel, "EUR", 900L, null, T0));
            apply(first, new OfferEvent.PriceChange(channel + "2", channel, "EUR", 900L, 500L, T0 + DAY));
        }
        final SnapshotView view = new SnapshotView(RULES).show(utf8("acme:first"), first);
        final OfferState second = stockOf(2);
        apply(second, new OfferEvent.PriceChange("x1", "web", "EUR", 1000L, null, T0));

        // When
        view.show(utf8("brand:second"), second);

        // Then
        assertThat(view.partnerId()).isEqualTo("brand");
        assertThat(view.totalQuantity()).isEqualTo(2L);
        assertThat(view.priceCount()).isEqualTo(1);
        assertThat(view.channel(0)).isEqualTo("web");
        assertThat(view.lowestPrice30d(0)).isNull();
    }

    @Test
    void shouldRefuseAnOfferThatIsNotListed() {
        // Given: an offer whose only slot a delisting removed
        final OfferState state = stockOf(1);
        apply(state, new OfferEvent.Delisting("d1", T0 + DAY));

        // When / Then
        assertThatThrownBy(() -> SnapshotView.of("acme:gone", state, RULES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OfferState stockOf(final int quantity) {
        final OfferState state = new OfferState();
        apply(state, new OfferEvent.StockChange("s1", "wh-1", quantity, T0));
        return state;
    }

    private static void apply(final OfferState state, final OfferEvent event) {
        state.apply(event, event.occurredAt(), RULES);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
