package dev.stockflow.offer;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;

/**
 * Turns input records that passed {@link InputRules} into the events the offer rules consume: the offer
 * identity is dropped (the store key carries it) and occurredAt becomes epoch milliseconds.
 */
final class InputEvents {

    private InputEvents() {
    }

    static OfferEvent of(final StockUpdate update) {
        return new OfferEvent.StockChange(update.getEventId(), update.getLocationId(), update.getQuantity(),
                update.getOccurredAt().toEpochMilli());
    }

    static OfferEvent of(final PriceUpdate update) {
        return new OfferEvent.PriceChange(update.getEventId(), update.getChannel(), update.getCurrency(),
                update.getRegularPrice(), update.getSalePrice(), update.getOccurredAt().toEpochMilli());
    }

    static OfferEvent of(final OfferDelisted delisting) {
        return new OfferEvent.Delisting(delisting.getEventId(), delisting.getOccurredAt().toEpochMilli());
    }

    static OfferEvent of(final OrderLineEvent line) {
        final OrderStatus status = line.getStatus() == OrderLineStatus.CANCELLED ? OrderStatus.CANCELLED
                : OrderStatus.PLACED;
        return new OfferEvent.OrderLine(line.getEventId(), line.getOrderId(), line.getLocationId(),
                line.getQuantity(), status, line.getOccurredAt().toEpochMilli());
    }
}
