package dev.stockflow.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.workload.GeneratedEvent;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes input records as a JSON Lines feed that {@link JsonLinesFeedParser} reads back: one object per
 * line, {@code type} first, every field of the record (salePrice only when set), occurredAt as an ISO-8601
 * instant. Give it a buffered writer; closing this closes it.
 */
public final class JsonLinesFeedWriter implements Closeable, Flushable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;

    public JsonLinesFeedWriter(final Writer out) throws IOException {
        json = FACTORY.createGenerator(out);
        json.setRootValueSeparator(null);
    }

    /**
     * Writes the event's value as one line, unless the line would not tell the truth about it: a feed line
     * has no key of its own (it is derived from partnerId and sku), so an event whose key is not its
     * value's offer key cannot be written.
     *
     * @return whether the line was written
     */
    public boolean write(final GeneratedEvent event) throws IOException {
        if (!event.key().equals(FeedRecords.offerKey(event.value()))) {
            return false;
        }
        write(event.value());
        return true;
    }

    /** Writes a {@code StockUpdate}, {@code PriceUpdate} or {@code OfferDelisted} as one line. */
    public void write(final SpecificRecord record) throws IOException {
        final Input input = FeedRecords.inputOf(record);
        json.writeStartObject();
        json.writeStringField("type", input.typeName());
        if (record instanceof StockUpdate stock) {
            writeStock(stock);
        } else if (record instanceof PriceUpdate price) {
            writePrice(price);
        } else {
            writeDelisting((OfferDelisted) record);
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private void writeStock(final StockUpdate stock) throws IOException {
        writeOffer(stock.getEventId(), stock.getPartnerId(), stock.getSku());
        json.writeStringField("locationId", stock.getLocationId());
        json.writeNumberField("quantity", stock.getQuantity());
        writeOccurredAt(stock.getOccurredAt());
    }

    private void writePrice(final PriceUpdate price) throws IOException {
        writeOffer(price.getEventId(), price.getPartnerId(), price.getSku());
        json.writeStringField("channel", price.getChannel());
        json.writeStringField("currency", price.getCurrency());
        json.writeNumberField("regularPrice", price.getRegularPrice());
        if (price.getSalePrice() != null) {
            json.writeNumberField("salePrice", price.getSalePrice());
        }
        writeOccurredAt(price.getOccurredAt());
    }

    private void writeDelisting(final OfferDelisted delisting) throws IOException {
        writeOffer(delisting.getEventId(), delisting.getPartnerId(), delisting.getSku());
        writeOccurredAt(delisting.getOccurredAt());
    }

    private void writeOffer(final String eventId, final String partnerId, final String sku) throws IOException {
        json.writeStringField("eventId", eventId);
        json.writeStringField("partnerId", partnerId);
        json.writeStringField("sku", sku);
    }

    private void writeOccurredAt(final Instant occurredAt) throws IOException {
        json.writeStringField("occurredAt", occurredAt.toString());
    }
}
