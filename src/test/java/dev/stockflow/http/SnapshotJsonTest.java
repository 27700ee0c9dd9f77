package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {

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
}
