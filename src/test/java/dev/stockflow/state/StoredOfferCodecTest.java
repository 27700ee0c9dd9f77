package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.Input;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The applied input offsets in the stored form: their place in the bytes is part of the state format. */
class StoredOfferCodecTest {

    @Test
    void shouldWriteTheAppliedOffsetsInStockPriceDelistingOrderAfterTheTwoHeaderBytes() {
        // Given
        final StoredOffer offer = new StoredOffer();
        offer.markApplied(Input.STOCK, 5);
        offer.markApplied(Input.PRICE, 300);
        offer.markApplied(Input.DELISTING, 0);

        // When
        final byte[] bytes = StoredOfferCodec.encode(offer);

        // Then: offset + 1 as LEB128 varints, 6, then 301 = 0xAD 0x02, then 1
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(bytes, 2, 6)).containsExactly(6, 0xAD, 2, 1);
    }

    @Test
    void shouldReadEveryInputsAppliedOffsetBack() {
        // Given
        final StoredOffer offer = new StoredOffer();
        offer.markApplied(Input.PRICE, 42);

        // When
        final StoredOffer decoded = StoredOfferCodec.decode(StoredOfferCodec.encode(offer));

        // Then
        assertThat(decoded.appliedOffset(Input.STOCK)).isEqualTo(-1L);
        assertThat(decoded.appliedOffset(Input.PRICE)).isEqualTo(42L);
        assertThat(decoded.appliedOffset(Input.DELISTING)).isEqualTo(-1L);
        assertThat(decoded.isReplay(Input.PRICE, 42)).isTrue();
        assertThat(decoded.isReplay(Input.PRICE, 43)).isFalse();
        assertThat(decoded.isReplay(Input.STOCK, 0)).isFalse();
    }
}
