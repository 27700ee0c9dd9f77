package dev.stockflow.topology;

import static dev.stockflow.topology.OfferTopologyFixture.days;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import dev.stockflow.state.StoredOffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order-events input through the whole topology: reservations, settlement, outcomes and retention. */
class OrderTopologyTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final Bytes KEY = Bytes.wrap(OFFER.getBytes(StandardCharsets.UTF_8));
    private static final long T0 = OfferTopologyFixture.T0;

    private final OfferTopologyFixture fixture = new OfferTopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldReserveAnOrderLineAndSettleItWithThePartnersNextCount() {
        // Given
        fixture.stock(OFFER, "berlin", 5, T0, "s1");

        // When: an order after the count, then the partner's next count of the same 5 units
        fixture.order(OFFER, "order-1", "berlin", 2, OrderLineStatus.PLACED, T0 + 10, "o1");
        final OfferSnapshot reserved = latest();
        fixture.stock(OFFER, "berlin", 5, T0 + 20, "s2");
        final OfferSnapshot settled = latest();

        // Then
        assertThat(reserved.getLocations()).containsExactly(location("berlin", 5, T0 + 10, 2, 3));
        assertThat(reserved.getReservedQuantity()).isEqualTo(2L);
        assertThat(reserved.getSellableQuantity()).isEqualTo(3L);
        assertThat(settled.getLocations()).containsExactly(location("berlin", 5, T0 + 20, 0, 5));
        assertThat(settled.getSellableQuantity()).isEqualTo(5L);
        assertThat(fixture.counts.outcome(Input.ORDER, Outcome.CHANGED)).isEqualTo(1);
        assertThat(fixture.counts.outcome(Input.STOCK, Outcome.CHANGED)).isEqualTo(2);
        assertThat(fixture.counts.snapshots).isEqualTo(3);
    }

    @Test
    void shouldEndTheReservationOnCancellationAndDropTheRedeliveredPlacedLine() {
        // Given
        fixture.stock(OFFER, "berlin", 1, T0, "s1");
        fixture.order(OFFER, "order-1", "berlin", 1, OrderLineStatus.PLACED, T0 + 10, "o1");
        assertThat(latest().getAvailable()).isFalse();

        // When
        fixture.order(OFFER, "order-1", "berlin", 1, OrderLineStatus.CANCELLED, T0 + 20, "c1");
        fixture.order(OFFER, "order-1", "berlin", 1, OrderLineStatus.PLACED, T0 + 10, "o1");

        // Then
        assertThat(latest().getAvailable()).isTrue();
        assertThat(latest().getSellableQuantity()).isEqualTo(1L);
        assertThat(fixture.counts.outcome(Input.ORDER, Outcome.CHANGED)).isEqualTo(2);
        assertThat(fixture.counts.outcome(Input.ORDER, Outcome.STALE)).isEqualTo(1);
    }

    @Test
    void shouldEmitNothingForOrdersThatChangeNothingObservable() {
        // Given
        fixture.stock(OFFER, "berlin", 5, T0 + 10, "s1");
        fixture.snapshots();

        // When: a line the count already includes, one at a location without stock, one for an unknown offer
        fixture.order(OFFER, "order-1", "berlin", 2, OrderLineStatus.PLACED, T0, "o1");
        fixture.order(OFFER, "order-2", "hamburg", 2, OrderLineStatus.PLACED, T0 + 20, "o2");
        fixture.order("brand-1:NEW", "order-3", "berlin", 1, OrderLineStatus.PLACED, T0 + 20, "o3");

        // Then
        assertThat(fixture.snapshots()).isEmpty();
        assertThat(fixture.counts.outcome(Input.ORDER, Outcome.UNCHANGED)).isEqualTo(3);
        assertThat(fixture.deadLetters()).isEmpty();
    }

    @Test
    void shouldForgetAnEndedLineAfterTheRetentionAndSweepItFromTheStore() {
        // Given: a line cancelled at T0 on an offer without stock: the store holds its version only
        fixture.order(OFFER, "order-1", "berlin", 1, OrderLineStatus.CANCELLED, T0, "c1");
        assertThat(stored().state().orders()).hasSize(1);

        // When: stream time moves past the retention on another offer, then the sweep runs
        fixture.stock("other:sku", "berlin", 1, T0 + days(7) + 1, "e1");
        fixture.advanceWallClock(Duration.ofMillis(TopologySettings.DEFAULT_SWEEP_INTERVAL_MS));

        // Then: nothing else was left of the offer, so it is gone from the store
        assertThat(fixture.store().get(KEY)).isNull();
    }

    @Test
    void shouldKeepTheOrderSlotsInTheStoreWithTheirVersions() {
        // Given
        fixture.stock(OFFER, "berlin", 5, T0, "s1");

        // When
        fixture.order(OFFER, "order-1", "berlin", 2, OrderLineStatus.PLACED, T0 + 10, "o1");
        fixture.order(OFFER, "order-2", "berlin", 1, OrderLineStatus.CANCELLED, T0 + 10, "c2");

        // Then
        final StoredOffer stored = stored();
        assertThat(stored.state().orders()).extracting(slot -> slot.orderId() + "@" + slot.version().eventId()
                + (slot.isOpen() ? " open" : " ended")).containsExactly("order-1@o1 open", "order-2@c2 ended");
        assertThat(stored.appliedOffset(Input.ORDER)).isEqualTo(1L);
    }

    private StoredOffer stored() {
        return fixture.store().read(KEY);
    }

    private OfferSnapshot latest() {
        final Map<String, OfferSnapshot> snapshots = fixture.latestSnapshots();
        return snapshots.get(OFFER);
    }

    private static LocationQuantity location(final String locationId, final int quantity, final long updatedAt,
                                             final int reserved, final int sellable) {
        return new LocationQuantity(locationId, quantity, Instant.ofEpochMilli(updatedAt), reserved, sellable);
    }
}
