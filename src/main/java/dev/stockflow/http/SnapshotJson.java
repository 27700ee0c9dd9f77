package dev.stockflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link OfferSnapshot} as plain JSON with the Avro record's field names. Timestamps are epoch
 * milliseconds (the Avro {@code timestamp-millis} value); absent optional prices are {@code null}.
 */
public final class SnapshotJson {

    private static final JsonFactory JSON = new JsonFactory();

    private SnapshotJson() {
    }

    public static byte[] write(final OfferSnapshot snapshot) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("partnerId", snapshot.getPartnerId());
            json.writeStringField("sku", snapshot.getSku());
            json.writeNumberField("totalQuantity", snapshot.getTotalQuantity());
            json.writeBooleanField("available", snapshot.getAvailable());
            json.writeArrayFieldStart("locations");
            for (final LocationQuantity location : snapshot.getLocations()) {
                json.writeStartObject();
                json.writeStringField("locationId", location.getLocationId());
                json.writeNumberField("quantity", location.getQuantity());
                json.writeNumberField("updatedAt", location.getUpdatedAt().toEpochMilli());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("prices");
            for (final ChannelPrice price : snapshot.getPrices()) {
                writePrice(json, price);
            }
            json.writeEndArray();
            json.writeNumberField("updatedAt", snapshot.getUpdatedAt().toEpochMilli());
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writePrice(final JsonGenerator json, final ChannelPrice price) throws IOException {
        json.writeStartObject();
        json.writeStringField("channel", price.getChannel());
        json.writeStringField("currency", price.getCurrency());
        json.writeNumberField("regularPrice", price.getRegularPrice());
        writeNullable(json, "salePrice", price.getSalePrice());
        json.writeNumberField("effectivePrice", price.getEffectivePrice());
        writeNullable(json, "lowestPrice30d", price.getLowestPrice30d());
        json.writeNumberField("updatedAt", price.getUpdatedAt().toEpochMilli());
        json.writeEndObject();
    }

    private static void writeNullable(final JsonGenerator json, final String field, final Long value)
            throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
