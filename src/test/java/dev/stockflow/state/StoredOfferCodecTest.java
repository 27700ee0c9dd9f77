package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.OrderSlot;
import dev.stockflow.offer.OrderStatus;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.StockSlot;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stored form: the applied input offsets' place in the bytes, order slots, and states of format 1. */
class StoredOfferCodecTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void shouldWriteTheAppliedOffsetsInStockPriceDelistingOrderOrderAfterTheTwoHeaderBytes() {
        // Given
        final StoredOffer offer = new StoredOffer();
        offer.markApplied(Input.STOCK, 5);
        offer.markApplied(Input.PRICE, 300);
        offer.markApplied(Input.DELISTING, 0);
        offer.markApplied(Input.ORDER, 2);

        // When
        final byte[] bytes = StoredOfferCodec.encode(offer);

        // Then: format 2, offset + 1 as LEB128 varints, 6, then 301 = 0xAD 0x02, then 1, then 3
        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertThat(Arrays.copyOfRange(bytes, 2, 7)).containsExactly(6, 0xAD, 2, 1, 3);
    }

    @Test
    void shouldReadEveryInputsAppliedOffsetBack() {
        // Given
        final StoredOffer offer = new StoredOffer();
        offer.markApplied(Input.PRICE, 42);
        offer.markApplied(Input.ORDER, 7);

        // When
        final StoredOffer decoded = StoredOfferCodec.decode(StoredOfferCodec.encode(offer));

        // Then
        assertThat(decoded.appliedOffset(Input.STOCK)).isEqualTo(-1L);
        assertThat(decoded.appliedOffset(Input.PRICE)).isEqualTo(42L);
        assertThat(decoded.appliedOffset(Input.DELISTING)).isEqualTo(-1L);
        assertThat(decoded.appliedOffset(Input.ORDER)).isEqualTo(7L);
        assertThat(decoded.isReplay(Input.PRICE, 42)).isTrue();
        assertThat(decoded.isReplay(Input.PRICE, 43)).isFalse();
        assertThat(decoded.isReplay(Input.STOCK, 0)).isFalse();
    }

    @Test
    void shouldKeepOpenAndEndedOrderLinesAndALocationTouchedByAnOrder() {
        // Given: a count at wh1, a line reserving there (which moves wh1's updatedAt past its count) and one
        // cancelled at stream time T0 + 9
        final StoredOffer offer = new StoredOffer();
        final OfferState state = offer.state();
        state.apply(new OfferEvent.StockChange("s1", "wh1", 5, T0), T0, RuleSettings.DEFAULTS);
        state.apply(new OfferEvent.OrderLine("o1", "order-1", "wh1", 2, OrderStatus.PLACED, T0 + 5), T0 + 5,
                RuleSettings.DEFAULTS);
        state.apply(new OfferEvent.OrderLine("o2", "order-2", "wh1", 1, OrderStatus.CANCELLED, T0 + 3), T0 + 9,
                RuleSettings.DEFAULTS);

        // When
        final byte[] bytes = StoredOfferCodec.encode(offer);
        final OfferState decoded = StoredOfferCodec.decode(bytes).state();

        // Then
        assertThat(StoredOfferCodec.encode(StoredOfferCodec.decode(bytes))).isEqualTo(bytes);
        assertThat(decoded.locations().get(0).updatedAt()).isEqualTo(T0 + 5);
        assertThat(decoded.reservedAt(0)).isEqualTo(2);
        final OrderSlot open = decoded.orders().get(0);
        assertThat(open.orderId()).isEqualTo("order-1");
        assertThat(open.isOpen()).isTrue();
        assertThat(open.locationId()).isEqualTo("wh1");
        assertThat(open.quantity()).isEqualTo(2);
        final OrderSlot ended = decoded.orders().get(1);
        assertThat(ended.isOpen()).isFalse();
        assertThat(ended.version().eventId()).isEqualTo("o2");
        assertThat(ended.endedAt()).isEqualTo(T0 + 9);
    }

    @Test
    void shouldReadAStateStoredInFormat1BeforeOrdersExisted() {
        // Given the bytes format 1 wrote for one count of 5 at wh1 (updatedAt 3 ms before its version time)
        // and applied offsets stock 5, price 300, delisting 0
        final ByteWriter format1 = new ByteWriter(64);
        format1.writeByte(1);
        format1.writeByte(1); // last emission SNAPSHOT, no delisting
        format1.writeVarLong(6);
        format1.writeVarLong(301);
        format1.writeVarLong(1);
        format1.writeVarLong(1); // one stock slot
        format1.writeSizedString("wh1");
        format1.writeVarLong(5);
        format1.writeZigZag(T0);
        format1.writeSizedString("ev-1");
        format1.writeVarLong(3); // unsigned distance back from the version time
        format1.writeVarLong(0); // no price slot

        // When
        final StoredOffer decoded = StoredOfferCodec.decode(format1.toByteArray());

        // Then
        final StockSlot slot = decoded.state().locations().get(0);
        assertThat(slot.locationId()).isEqualTo("wh1");
        assertThat(slot.quantity()).isEqualTo(5);
        assertThat(slot.version().occurredAt()).isEqualTo(T0);
        assertThat(slot.updatedAt()).isEqualTo(T0 - 3);
        assertThat(decoded.state().orders()).isEmpty();
        assertThat(decoded.appliedOffset(Input.STOCK)).isEqualTo(5L);
        assertThat(decoded.appliedOffset(Input.PRICE)).isEqualTo(300L);
        assertThat(decoded.appliedOffset(Input.DELISTING)).isEqualTo(0L);
        assertThat(decoded.appliedOffset(Input.ORDER)).isEqualTo(-1L);
        assertThat(StoredOfferCodec.encode(decoded)[0]).isEqualTo((byte) 2);
    }
}
