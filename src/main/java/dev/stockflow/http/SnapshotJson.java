package dev.stockflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.offer.SnapshotView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A snapshot as plain JSON with the Avro record's field names, in its field order. Timestamps are epoch
 * milliseconds (the Avro {@code timestamp-millis} value); absent optional prices are {@code null}.
 */
public final class SnapshotJson {

    private static final JsonFactory JSON = new JsonFactory();

    private SnapshotJson() {
    }

    public static byte[] write(final SnapshotView snapshot) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("partnerId", snapshot.partnerId());
            json.writeStringField("sku", snapshot.sku());
            json.writeNumberField("totalQuantity", snapshot.totalQuantity());
            json.writeBooleanField("available", snapshot.available());
            json.writeArrayFieldStart("locations");
            for (int i = 0; i < snapshot.locationCount(); i++) {
                writeLocation(json, snapshot, i);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("prices");
            for (int i = 0; i < snapshot.priceCount(); i++) {
                writePrice(json, snapshot, i);
            }
            json.writeEndArray();
            json.writeNumberField("updatedAt", snapshot.updatedAt());
            json.writeNumberField("reservedQuantity", snapshot.reservedQuantity());
            json.writeNumberField("sellableQuantity", snapshot.sellableQuantity());
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLocation(final JsonGenerator json, final SnapshotView snapshot, final int location)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("locationId", snapshot.locationId(location));
        json.writeNumberField("quantity", snapshot.quantity(location));
        json.writeNumberField("updatedAt", snapshot.locationUpdatedAt(location));
        json.writeNumberField("reservedQuantity", snapshot.reservedQuantity(location));
        json.writeNumberField("sellableQuantity", snapshot.sellableQuantity(location));
        json.writeEndObject();
    }

    private static void writePrice(final JsonGenerator json, final SnapshotView snapshot, final int price)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("channel", snapshot.channel(price));
        json.writeStringField("currency", snapshot.currency(price));
        json.writeNumberField("regularPrice", snapshot.regularPrice(price));
        writeNullable(json, "salePrice", snapshot.salePrice(price));
        json.writeNumberField("effectivePrice", snapshot.effectivePrice(price));
        writeNullable(json, "lowestPrice30d", snapshot.lowestPrice30d(price));
        json.writeNumberField("updatedAt", snapshot.priceUpdatedAt(price));
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
