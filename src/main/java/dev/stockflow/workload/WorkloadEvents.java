package dev.stockflow.workload;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import java.time.Instant;

/** Builds the records of the synthetic workload from catalog numbers, each with a fresh eventId. */
final class WorkloadEvents {

    private final WorkloadCatalog catalog;
    private final EventIdSequence eventIds;

    WorkloadEvents(final WorkloadCatalog catalog, final EventIdSequence eventIds) {
        this.catalog = catalog;
        this.eventIds = eventIds;
    }

    StockUpdate stock(final int offer, final int location, final int quantity, final long occurredAt) {
        return new StockUpdate(eventIds.next(), catalog.partnerId(offer), catalog.sku(offer),
                catalog.locationId(location), quantity, Instant.ofEpochMilli(occurredAt));
    }

    /** A price; {@code salePrice} 0 means no sale. */
    PriceUpdate price(final int offer, final int channel, final long regularPrice, final long salePrice,
                      final long occurredAt) {
        final SalesChannel sales = catalog.channel(channel);
        return new PriceUpdate(eventIds.next(), catalog.partnerId(offer), catalog.sku(offer), sales.name(),
                sales.currency(), regularPrice, salePrice == 0 ? null : salePrice, Instant.ofEpochMilli(occurredAt));
    }

    OfferDelisted delisting(final int offer, final long occurredAt) {
        return new OfferDelisted(eventIds.next(), catalog.partnerId(offer), catalog.sku(offer),
                Instant.ofEpochMilli(occurredAt));
    }

    OrderLineEvent order(final int offer, final String orderId, final int location, final int quantity,
                         final OrderLineStatus status, final long occurredAt) {
        return new OrderLineEvent(eventIds.next(), orderId, catalog.partnerId(offer), catalog.sku(offer),
                catalog.locationId(location), quantity, status, Instant.ofEpochMilli(occurredAt));
    }

    GeneratedEvent valid(final int offer, final OrderLineEvent value) {
        return new GeneratedEvent(Input.ORDER, catalog.key(offer), value, value.getOccurredAt().toEpochMilli(),
                null);
    }

    GeneratedEvent valid(final int offer, final StockUpdate value) {
        return new GeneratedEvent(Input.STOCK, catalog.key(offer), value, value.getOccurredAt().toEpochMilli(),
                null);
    }

    GeneratedEvent valid(final int offer, final PriceUpdate value) {
        return new GeneratedEvent(Input.PRICE, catalog.key(offer), value, value.getOccurredAt().toEpochMilli(),
                null);
    }

    GeneratedEvent valid(final int offer, final OfferDelisted value) {
        return new GeneratedEvent(Input.DELISTING, catalog.key(offer), value,
                value.getOccurredAt().toEpochMilli(), null);
    }
}
