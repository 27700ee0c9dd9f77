package dev.stockflow.feed;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the fields of one feed line, whatever the file format, into a validated input record. Fields are
 * read in a fixed order, so a line with several problems always reports the same first one.
 */
final class FeedRecordDecoder {

    private final DerivedEventIds eventIds = new DerivedEventIds();

    /** @throws BadLineException naming the first problem of the line */
    ParsedRecord decode(final Input input, final FieldSource fields, final String source, final long line) {
        final SpecificRecord value = switch (input) {
            case STOCK -> stock(fields);
            case PRICE -> price(fields);
            case DELISTING -> delisting(fields);
            case ORDER -> order(fields);
        };
        final String error = FeedRecords.check(value);
        if (error != null) {
            throw new BadLineException(error);
        }
        return new ParsedRecord(input, FeedRecords.offerKey(value), value, FeedRecords.occurredAt(value), source,
                line);
    }

    private StockUpdate stock(final FieldSource fields) {
        final String partnerId = fields.text("partnerId");
        final String sku = fields.text("sku");
        final String locationId = fields.text("locationId");
        final int quantity = fields.intValue("quantity");
        final long occurredAt = fields.epochMillis("occurredAt");
        final String eventId = givenOrDerived(fields, () -> eventIds.derive(Input.STOCK, partnerId, sku,
                locationId, Integer.toString(quantity), Long.toString(occurredAt)));
        return new StockUpdate(eventId, partnerId, sku, locationId, quantity, Instant.ofEpochMilli(occurredAt));
    }

    private PriceUpdate price(final FieldSource fields) {
        final String partnerId = fields.text("partnerId");
        final String sku = fields.text("sku");
        final String channel = fields.text("channel");
        final String currency = fields.text("currency");
        final long regularPrice = fields.longValue("regularPrice");
        final Long salePrice = fields.optionalLong("salePrice");
        final long occurredAt = fields.epochMillis("occurredAt");
        final String eventId = givenOrDerived(fields, () -> eventIds.derive(Input.PRICE, partnerId, sku,
                channel, currency, Long.toString(regularPrice), salePrice == null ? "" : salePrice.toString(),
                Long.toString(occurredAt)));
        return new PriceUpdate(eventId, partnerId, sku, channel, currency, regularPrice, salePrice,
                Instant.ofEpochMilli(occurredAt));
    }

    private OfferDelisted delisting(final FieldSource fields) {
        final String partnerId = fields.text("partnerId");
        final String sku = fields.text("sku");
        final long occurredAt = fields.epochMillis("occurredAt");
        final String eventId = givenOrDerived(fields, () -> eventIds.derive(Input.DELISTING, partnerId, sku,
                Long.toString(occurredAt)));
        return new OfferDelisted(eventId, partnerId, sku, Instant.ofEpochMilli(occurredAt));
    }

    private OrderLineEvent order(final FieldSource fields) {
        final String partnerId = fields.text("partnerId");
        final String sku = fields.text("sku");
        final String orderId = fields.text("orderId");
        final String locationId = fields.text("locationId");
        final int quantity = fields.intValue("quantity");
        final OrderLineStatus status = status(fields.text("status"));
        final long occurredAt = fields.epochMillis("occurredAt");
        final String eventId = givenOrDerived(fields, () -> eventIds.derive(Input.ORDER, partnerId, sku, orderId,
                locationId, Integer.toString(quantity), status.name(), Long.toString(occurredAt)));
        return new OrderLineEvent(eventId, orderId, partnerId, sku, locationId, quantity, status,
                Instant.ofEpochMilli(occurredAt));
    }

    private static OrderLineStatus status(final String text) {
        for (final OrderLineStatus status : OrderLineStatus.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw new BadLineException("status must be \"PLACED\" or \"CANCELLED\", was "
                + BadLineException.shorten(text));
    }

    private static String givenOrDerived(final FieldSource fields, final Supplier<String> derived) {
        final String given = fields.optionalText("eventId");
        return given != null ? given : derived.get();
    }
}
