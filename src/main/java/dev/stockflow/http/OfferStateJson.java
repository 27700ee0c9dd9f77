package dev.stockflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferKey;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.OrderSlot;
import dev.stockflow.offer.PricePoint;
import dev.stockflow.offer.PriceSlot;
import dev.stockflow.offer.StockSlot;
import dev.stockflow.offer.Version;
import dev.stockflow.state.StoredOffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An offer's full stored state as JSON, for support ("why does my offer show 3 units?"): every slot with the
 * version (occurredAt, eventId) of the update applied last, its value and updatedAt; each channel's price
 * history as the Omnibus lowest price reads it; the delisting remembered; the highest input offset applied
 * per input topic; and which instance answered. Timestamps are epoch milliseconds, like the snapshot's.
 */
final class OfferStateJson {

    private static final JsonFactory JSON = new JsonFactory();

    private OfferStateJson() {
    }

    /**
     * @param offerKey   the offer key, {@code partnerId + ":" + sku}
     * @param answeredBy the instance whose store this is ({@code application.server})
     */
    static byte[] write(final String offerKey, final StoredOffer stored, final String answeredBy) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            final OfferState state = stored.state();
            json.writeStartObject();
            json.writeStringField("partnerId", OfferKey.partnerId(offerKey));
            json.writeStringField("sku", OfferKey.sku(offerKey));
            json.writeStringField("answeredBy", answeredBy);
            json.writeBooleanField("listed", state.isListed());
            writeDelisting(json, state);
            writeLocations(json, state);
            writePrices(json, state);
            writeOrders(json, state);
            writeAppliedOffsets(json, stored);
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeDelisting(final JsonGenerator json, final OfferState state) throws IOException {
        if (state.delisting() == null) {
            json.writeNullField("delisting");
            return;
        }
        json.writeObjectFieldStart("delisting");
        writeVersionFields(json, state.delisting());
        json.writeNumberField("processedAtStreamTime", state.delistingProcessedAt());
        json.writeEndObject();
    }

    private static void writeLocations(final JsonGenerator json, final OfferState state) throws IOException {
        json.writeArrayFieldStart("locations");
        for (int index = 0; index < state.locations().size(); index++) {
            final StockSlot slot = state.locations().get(index);
            json.writeStartObject();
            json.writeStringField("locationId", slot.locationId());
            json.writeNumberField("quantity", slot.quantity());
            json.writeNumberField("reservedQuantity", state.reservedAt(index));
            json.writeNumberField("sellableQuantity", Math.max(0, slot.quantity() - state.reservedAt(index)));
            json.writeNumberField("updatedAt", slot.updatedAt());
            writeVersion(json, slot.version());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writePrices(final JsonGenerator json, final OfferState state) throws IOException {
        json.writeArrayFieldStart("prices");
        for (final PriceSlot slot : state.prices()) {
            json.writeStartObject();
            json.writeStringField("channel", slot.channel());
            json.writeStringField("currency", slot.currency());
            json.writeNumberField("regularPrice", slot.regularPrice());
            if (slot.salePrice() == null) {
                json.writeNullField("salePrice");
            } else {
                json.writeNumberField("salePrice", slot.salePrice());
            }
            json.writeNumberField("effectivePrice", slot.effectivePrice());
            json.writeNumberField("updatedAt", slot.updatedAt());
            writeVersion(json, slot.version());
            writeHistory(json, slot);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * The order slots: an open line with its location and quantity (it reserves while its location's count is
     * older than it), an ended one (settled or cancelled) with the stream time it ended, kept for
     * {@code order.retention}; each with the updatedAt and version of the order event applied last.
     */
    private static void writeOrders(final JsonGenerator json, final OfferState state) throws IOException {
        json.writeArrayFieldStart("orders");
        for (final OrderSlot slot : state.orders()) {
            json.writeStartObject();
            json.writeStringField("orderId", slot.orderId());
            json.writeBooleanField("open", slot.isOpen());
            if (slot.isOpen()) {
                json.writeStringField("locationId", slot.locationId());
                json.writeNumberField("quantity", slot.quantity());
            } else {
                json.writeNumberField("endedAtStreamTime", slot.endedAt());
            }
            // The time of the line's current version: when an open line was placed or amended, when a cancelled
            // one was cancelled. A settled line keeps the time of its last PLACED: the later count that settled
            // it is a stock event, whose time shows in its location's updatedAt, not here.
            json.writeNumberField("updatedAt", slot.version().occurredAt());
            writeVersion(json, slot.version());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The effective prices applied, oldest first, as far back as the Omnibus window needs them. */
    private static void writeHistory(final JsonGenerator json, final PriceSlot slot) throws IOException {
        json.writeArrayFieldStart("history");
        for (final PricePoint point : slot.history().points()) {
            json.writeStartObject();
            json.writeNumberField("occurredAt", point.occurredAt());
            json.writeStringField("currency", point.currency());
            json.writeNumberField("effectivePrice", point.effectivePrice());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeAppliedOffsets(final JsonGenerator json, final StoredOffer stored) throws IOException {
        json.writeObjectFieldStart("appliedInputOffsets"); // by input, named as in feed files; -1: none yet
        for (final Input input : Input.values()) {
            json.writeNumberField(input.typeName(), stored.appliedOffset(input));
        }
        json.writeEndObject();
    }

    private static void writeVersion(final JsonGenerator json, final Version version) throws IOException {
        json.writeObjectFieldStart("version");
        writeVersionFields(json, version);
        json.writeEndObject();
    }

    private static void writeVersionFields(final JsonGenerator json, final Version version) throws IOException {
        json.writeNumberField("occurredAt", version.occurredAt());
        json.writeStringField("eventId", version.eventId());
    }
}
