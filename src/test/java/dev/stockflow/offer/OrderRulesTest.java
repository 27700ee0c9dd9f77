package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * One example per rule of orders and reservations: what reserves, what settles, amendments, cancellations,
 * outcomes, updatedAt, delistings and the retention of ended lines (default 7 days).
 */
class OrderRulesTest {

    private static final String KEY = "acme:shoe-42";
    private static final RuleSettings SETTINGS = RuleSettings.DEFAULTS;
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static final Applied CHANGED = new Applied(Outcome.CHANGED, Applied.Emission.SNAPSHOT, true);
    private static final Applied UNCHANGED = new Applied(Outcome.UNCHANGED, Applied.Emission.NONE, true);
    private static final Applied STALE = new Applied(Outcome.STALE, Applied.Emission.NONE, false);
    private static final Applied DUPLICATE = new Applied(Outcome.DUPLICATE, Applied.Emission.NONE, false);

    private final OfferState state = new OfferState();
    private long streamTime = Long.MIN_VALUE;

    @Test
    void shouldReserveALinePlacedAfterThePartnersCount() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));

        // When
        final Applied applied = apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // Then
        assertThat(applied).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 10, 2, 3));
        assertThat(snapshot().getTotalQuantity()).isEqualTo(5L);
        assertThat(snapshot().getReservedQuantity()).isEqualTo(2L);
        assertThat(snapshot().getSellableQuantity()).isEqualTo(3L);
        assertThat(snapshot().getAvailable()).isTrue();
    }

    @Test
    void shouldSettleTheLineWithAReCountOfTheSameQuantityThatIncludesIt() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // When: the partner's next count, the same 5, at or after the order
        final Applied applied = apply(stock("s2", "wh-1", 5, T0 + 10));

        // Then: a change although the quantity is the same
        assertThat(applied).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 10, 0, 5));
        assertThat(state.orders().get(0).isOpen()).isFalse();
    }

    @Test
    void shouldKeepReservingAfterACountOlderThanTheLine() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // When: a newer count that still predates the order
        final Applied applied = apply(stock("s2", "wh-1", 4, T0 + 5));

        // Then
        assertThat(applied).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 4, T0 + 5, 2, 2));
    }

    @Test
    void shouldNotReserveALinePlacedBeforeTheCountAndEndItAtOnce() {
        // Given
        apply(stock("s1", "wh-1", 5, T0 + 10));

        // When
        final Applied applied = apply(placed("o1", "order-1", "wh-1", 2, T0));

        // Then: nothing observable changed, the version is stored all the same
        assertThat(applied).isEqualTo(UNCHANGED);
        assertThat(snapshot().getReservedQuantity()).isZero();
        assertThat(state.orders().get(0).isOpen()).isFalse();
        assertThat(apply(placed("o0", "order-1", "wh-1", 2, T0 - 1))).isEqualTo(STALE);
    }

    @Test
    void shouldCountALineAtALocationWithoutStockNowhereUntilACountArrives() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));

        // When
        final Applied placed = apply(placed("o1", "order-1", "store-2", 3, T0 + 10));
        final Applied counted = apply(stock("s2", "store-2", 4, T0 + 5));

        // Then
        assertThat(placed).isEqualTo(UNCHANGED);
        assertThat(counted).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("store-2", 4, T0 + 5, 3, 1),
                location("wh-1", 5, T0, 0, 5));
    }

    @Test
    void shouldNeverSellBelowZeroAndBeUnavailableWhenEverythingIsReserved() {
        // Given
        apply(stock("s1", "wh-1", 2, T0));

        // When
        apply(placed("o1", "order-1", "wh-1", 3, T0 + 10));

        // Then
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 2, T0 + 10, 3, 0));
        assertThat(snapshot().getSellableQuantity()).isZero();
        assertThat(snapshot().getAvailable()).isFalse();
    }

    @Test
    void shouldAmendALineToAnotherLocationAndQuantity() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(stock("s2", "wh-2", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // When
        final Applied applied = apply(placed("o2", "order-1", "wh-2", 1, T0 + 20));

        // Then
        assertThat(applied).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 20, 0, 5),
                location("wh-2", 5, T0 + 20, 1, 4));
    }

    @Test
    void shouldTreatARePlacedLineThatReservesTheSameAsUnchanged() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // When
        final Applied applied = apply(placed("o2", "order-1", "wh-1", 2, T0 + 20));

        // Then
        assertThat(applied).isEqualTo(UNCHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 10, 2, 3));
    }

    @Test
    void shouldEndTheReservationWithACancellationAndDropTheLatePlacedLine() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // When
        final Applied cancelled = apply(cancelled("c1", "order-1", T0 + 20));
        final Applied redelivered = apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));

        // Then
        assertThat(cancelled).isEqualTo(CHANGED);
        assertThat(redelivered).isEqualTo(STALE);
        assertThat(apply(cancelled("c1", "order-1", T0 + 20))).isEqualTo(DUPLICATE);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 20, 0, 5));
    }

    @Test
    void shouldTreatACancellationOfALineThatReservedNothingAsUnchanged() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));

        // When
        final Applied applied = apply(cancelled("c1", "order-1", T0 + 20));

        // Then: remembered, so that the older PLACED arriving late stays stale
        assertThat(applied).isEqualTo(UNCHANGED);
        assertThat(apply(placed("o1", "order-1", "wh-1", 2, T0 + 10))).isEqualTo(STALE);
        assertThat(snapshot().getReservedQuantity()).isZero();
    }

    @Test
    void shouldNotListAnOfferWithOrdersAlone() {
        // Given a never-seen offer

        // When
        final Applied applied = apply(placed("o1", "order-1", "wh-1", 2, T0));

        // Then
        assertThat(applied).isEqualTo(UNCHANGED);
        assertThat(state.isListed()).isFalse();
        assertThat(state.isEmpty()).isFalse();
    }

    @Test
    void shouldRemoveLinesAtOrBeforeADelistingAndDropLaterOnesThere() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 10));
        apply(placed("o2", "order-2", "wh-1", 1, T0 + 30));

        // When
        apply(new OfferEvent.Delisting("d1", T0 + 20));

        // Then
        assertThat(state.orders()).extracting(OrderSlot::orderId).containsExactly("order-2");
        assertThat(apply(placed("o3", "order-3", "wh-1", 1, T0 + 20))).isEqualTo(STALE);
        assertThat(apply(stock("s2", "wh-1", 5, T0 + 25))).isEqualTo(CHANGED);
        assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, T0 + 25, 1, 4));
    }

    @Test
    void shouldForgetAnEndedLineAfterTheRetentionOfStreamTimeSinceItEnded() {
        // Given a line cancelled at stream time T0
        apply(stock("s1", "wh-1", 5, T0));
        apply(cancelled("c1", "order-1", T0));
        final long retention = SETTINGS.orderRetentionMs();

        // When: stream time passes the retention
        apply(stock("s2", "wh-1", 5, T0 + retention));
        final int keptAtRetention = state.orders().size();
        apply(stock("s3", "wh-1", 5, T0 + retention + 1));

        // Then: the version is kept for the retention, then forgotten (the documented limit: it would reserve now)
        assertThat(keptAtRetention).isEqualTo(1);
        assertThat(state.orders()).isEmpty();
        assertThat(apply(placed("o1", "order-1", "wh-1", 2, T0 + retention + 2))).isEqualTo(CHANGED);
    }

    @Test
    void shouldKeepAnOpenLineWhateverTheStreamTime() {
        // Given
        apply(stock("s1", "wh-1", 5, T0));
        apply(placed("o1", "order-1", "wh-1", 2, T0 + 1));

        // When
        apply(stock("s2", "other", 1, T0 + 30 * DAY));

        // Then
        assertThat(state.orders()).hasSize(1);
        assertThat(snapshot().getReservedQuantity()).isEqualTo(2L);
    }

    private Applied apply(final OfferEvent event) {
        streamTime = Math.max(streamTime, event.occurredAt());
        return state.apply(event, streamTime, SETTINGS);
    }

    private OfferSnapshot snapshot() {
        return SnapshotRecords.of(KEY, state, SETTINGS);
    }

    private static OfferEvent.StockChange stock(final String eventId, final String location, final int quantity,
                                                final long occurredAt) {
        return new OfferEvent.StockChange(eventId, location, quantity, occurredAt);
    }

    private static OfferEvent.OrderLine placed(final String eventId, final String orderId, final String location,
                                               final int quantity, final long occurredAt) {
        return new OfferEvent.OrderLine(eventId, orderId, location, quantity, OrderStatus.PLACED, occurredAt);
    }

    private static OfferEvent.OrderLine cancelled(final String eventId, final String orderId, final long occurredAt) {
        return new OfferEvent.OrderLine(eventId, orderId, "wh-1", 1, OrderStatus.CANCELLED, occurredAt);
    }

    private static LocationQuantity location(final String locationId, final int quantity, final long updatedAt,
                                             final int reserved, final int sellable) {
        return new LocationQuantity(locationId, quantity, Instant.ofEpochMilli(updatedAt), reserved, sellable);
    }
}
