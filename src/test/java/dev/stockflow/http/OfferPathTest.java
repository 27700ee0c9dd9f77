package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfferPathTest {

    @Test
    void shouldDecodePercentEncodedUnicodeAndSlashesInTheSku() {
        // When
        final OfferPath path = OfferPath.parse("brand-1/J%C3%A4cke%2FRot+XL");

        // Then
        assertThat(path.error()).isNull();
        assertThat(path.partnerId()).isEqualTo("brand-1");
        assertThat(path.sku()).isEqualTo("Jäcke/Rot+XL");
    }

    @Test
    void shouldTakeEverythingAfterThePartnerIdAsTheSku() {
        // When
        final OfferPath path = OfferPath.parse("brand-1/a/b");

        // Then
        assertThat(path.sku()).isEqualTo("a/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"brand-1", "brand-1/", "/sku", "bad%ZZ/sku", "brand-1/%C3", "bad partner/sku",
            "brand-1/with%20space", "brand-1/tab%09", "p:x/sku"})
    void shouldRejectMalformedOrInvalidIds(final String raw) {
        // When
        final OfferPath path = OfferPath.parse(raw);

        // Then
        assertThat(path.error()).isNotBlank();
    }
}
