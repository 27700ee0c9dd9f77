package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {

    /** What {@code GET /offers/brand-1/SKU:42-ü} answers for the offer of the golden test below. */
    private static final String GOLDEN = "{\"partnerId\":\"brand-1\",\"sku\":\"SKU:42-\u00fc\",\"totalQuantity\":7,"
            + "\"available\":true,\"locations\":["
            + "{\"locationId\":\"berlin\",\"quantity\":7,\"updatedAt\":1735689600000,"
            + "\"reservedQuantity\":0,\"sellableQuantity\":7},"
            + "{\"locationId\":\"wh-2\",\"quantity\":0,\"updatedAt\":1735776000000,"
            + "\"reservedQuantity\":0,\"sellableQuantity\":0}],"
            + "\"prices\":["
            + "{\"channel\":\"about-you\",\"currency\":\"EUR\",\"regularPrice\":2599,\"salePrice\":null,"
            + "\"effectivePrice\":2599,\"lowestPrice30d\":null,\"updatedAt\":1735776000000},"
            + "{\"channel\":\"zalando-de\",\"currency\":\"EUR\",\"regularPrice\":1999,\"salePrice\":1499,"
            + "\"effectivePrice\":1499,\"lowestPrice30d\":1999,\"updatedAt\":1735862400000}],"
            + "\"updatedAt\":1735862400000,\"reservedQuantity\":0,\"sellableQuantity\":7}";
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void shouldUseTheAvroFieldNamesWithEpochMillisAndNulls() throws IOException {
        // Given
        final OfferState state = new OfferState();
        apply(state, new OfferEvent.StockChange("s1", "berlin", 7, 1000));
        apply(state, new OfferEvent.PriceChange("p1", "zalando-de", "EUR", 1999L, null, 2000));

        // When
        final JsonNode json = new ObjectMapper().readTree(
                SnapshotJson.write(SnapshotView.of("brand-1:SKU-42", state, RuleSettings.DEFAULTS)));

        // Then
        assertThat(json.get("partnerId").asText()).isEqualTo("brand-1");
        assertThat(json.get("sku").asText()).isEqualTo("SKU-42");
        assertThat(json.get("totalQuantity").asLong()).isEqualTo(7);
        assertThat(json.get("available").asBoolean()).isTrue();
        assertThat(json.get("locations").get(0).get("locationId").asText()).isEqualTo("berlin");
        assertThat(json.get("locations").get(0).get("quantity").asInt()).isEqualTo(7);
        assertThat(json.get("locations").get(0).get("updatedAt").asLong()).isEqualTo(1000);
        final JsonNode price = json.get("prices").get(0);
        assertThat(price.get("channel").asText()).isEqualTo("zalando-de");
        assertThat(price.get("currency").asText()).isEqualTo("EUR");
        assertThat(price.get("regularPrice").asLong()).isEqualTo(1999);
        assertThat(price.get("salePrice").isNull()).isTrue();
        assertThat(price.get("effectivePrice").asLong()).isEqualTo(1999);
        assertThat(price.get("lowestPrice30d").isNull()).isTrue();
        assertThat(price.get("updatedAt").asLong()).isEqualTo(2000);
        assertThat(json.get("updatedAt").asLong()).isEqualTo(2000);
    }

    @Test
    void shouldWriteTheSnapshotByteForByteAsLookupsAlwaysHaveAnsweredIt() {
        // Given: two locations, a channel on sale with an Omnibus price and one without, a sku with ':' and 'ü'
        final OfferState state = new OfferState();
        apply(state, new OfferEvent.StockChange("s1", "berlin", 7, T0));
        apply(state, new OfferEvent.StockChange("s2", "wh-2", 0, T0 + DAY));
        apply(state, new OfferEvent.PriceChange("p1", "zalando-de", "EUR", 1999L, null, T0));
        apply(state, new OfferEvent.PriceChange("p2", "about-you", "EUR", 2599L, null, T0 + DAY));
        apply(state, new OfferEvent.PriceChange("p3", "zalando-de", "EUR", 1999L, 1499L, T0 + 2 * DAY));

        // When
        final byte[] json = SnapshotJson.write(SnapshotView.of("brand-1:SKU:42-\u00fc", state, RuleSettings.DEFAULTS));

        // Then: compact, in the Avro record's field order, UTF-8 as it is
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
        assertThat(json).isEqualTo(GOLDEN.getBytes(StandardCharsets.UTF_8));
    }

    private static void apply(final OfferState state, final OfferEvent event) {
        state.apply(event, event.occurredAt(), RuleSettings.DEFAULTS);
    }
}
