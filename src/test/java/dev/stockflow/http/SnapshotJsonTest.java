package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {

    /** What {@code GET /offers/brand-1/SKU:42-ü} answers for the offer of the golden test below. */
    private static final String GOLDEN = "{\"partnerId\":\"brand-1\",\"sku\":\"SKU:42-\u00fc\",\"totalQuantity\":7,"
            + "\"available\":true,\"locations\":["
            + "{\"locationId\":\"berlin\",\"quantity\":7,\"updatedAt\":1735689600000},"
            + "{\"locationId\":\"wh-2\",\"quantity\":0,\"updatedAt\":1735776000000}],"
            + "\"prices\":["
            + "{\"channel\":\"about-you\",\"currency\":\"EUR\",\"regularPrice\":2599,\"salePrice\":null,"
            + "\"effectivePrice\":2599,\"lowestPrice30d\":null,\"updatedAt\":1735776000000},"
            + "{\"channel\":\"zalando-de\",\"currency\":\"EUR\",\"regularPrice\":1999,\"salePrice\":1499,"
            + "\"effectivePrice\":1499,\"lowestPrice30d\":1999,\"updatedAt\":1735862400000}],"
            + "\"updatedAt\":1735862400000}";

    @Test
    void shouldUseTheAvroFieldNamesWithEpochMillisAndNulls() throws IOException {
        // Given
        final OfferSnapshot snapshot = new OfferSnapshot("brand-1", "SKU-42", 7L, true,
                List.of(new LocationQuantity("berlin", 7, Instant.ofEpochMilli(1000))),
                List.of(new ChannelPrice("zalando-de", "EUR", 1999L, null, 1999L, null, Instant.ofEpochMilli(2000))),
                Instant.ofEpochMilli(2000));

        // When
        final JsonNode json = new ObjectMapper().readTree(SnapshotJson.write(snapshot));

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
        final OfferSnapshot snapshot = new OfferSnapshot("brand-1", "SKU:42-\u00fc", 7L, true,
                List.of(new LocationQuantity("berlin", 7, Instant.ofEpochMilli(1735689600000L)),
                        new LocationQuantity("wh-2", 0, Instant.ofEpochMilli(1735776000000L))),
                List.of(new ChannelPrice("about-you", "EUR", 2599L, null, 2599L, null,
                                Instant.ofEpochMilli(1735776000000L)),
                        new ChannelPrice("zalando-de", "EUR", 1999L, 1499L, 1499L, 1999L,
                                Instant.ofEpochMilli(1735862400000L))),
                Instant.ofEpochMilli(1735862400000L));

        // When
        final byte[] json = SnapshotJson.write(snapshot);

        // Then: compact, in the Avro record's field order, UTF-8 as it is
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
        assertThat(json).isEqualTo(GOLDEN.getBytes(StandardCharsets.UTF_8));
    }
}
