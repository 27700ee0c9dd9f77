package dev.stockflow.bench;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OrderStatus;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.workload.GeneratedEvent;

/**
 * What the processor makes of a generated record, decided the way it decides: the field rules of
 * {@link InputRules}, then the key must be the value's offer key. A record failing either goes to the
 * dead-letter topic; any other becomes the {@link OfferEvent} the rules apply. (The third reason, an
 * occurredAt too far in the future, cannot happen: preloaded workloads end at the current time, and the
 * chaos suite sends no event before its occurredAt.)
 */
public final class ProcessorView {

    private ProcessorView() {
    }

    /** The valid event with its offer key, or null for a record the processor dead-letters. */
    static KeyedEvent of(final GeneratedEvent generated) {
        return of(generated.key(), generated.value());
    }

    /**
     * The same for a record read back from an input topic: its key and its decoded value.
     *
     * @param value a {@code StockUpdate}, {@code PriceUpdate}, {@code OfferDelisted} or {@code OrderLineEvent}
     */
    public static KeyedEvent of(final String key, final Object value) {
        if (value instanceof StockUpdate stock) {
            return InputRules.check(stock) != null ? null : keyed(key, stock.getPartnerId(), stock.getSku(),
                    new OfferEvent.StockChange(stock.getEventId(), stock.getLocationId(), stock.getQuantity(),
                            stock.getOccurredAt().toEpochMilli()));
        }
        if (value instanceof PriceUpdate price) {
            return InputRules.check(price) != null ? null : keyed(key, price.getPartnerId(), price.getSku(),
                    new OfferEvent.PriceChange(price.getEventId(), price.getChannel(), price.getCurrency(),
                            price.getRegularPrice(), price.getSalePrice(), price.getOccurredAt().toEpochMilli()));
        }
        if (value instanceof OrderLineEvent line) {
            final OrderStatus status = line.getStatus() == OrderLineStatus.CANCELLED ? OrderStatus.CANCELLED
                    : OrderStatus.PLACED;
            return InputRules.check(line) != null ? null : keyed(key, line.getPartnerId(), line.getSku(),
                    new OfferEvent.OrderLine(line.getEventId(), line.getOrderId(), line.getLocationId(),
                            line.getQuantity(), status, line.getOccurredAt().toEpochMilli()));
        }
        final OfferDelisted delisting = (OfferDelisted) value;
        return InputRules.check(delisting) != null ? null : keyed(key, delisting.getPartnerId(),
                delisting.getSku(), new OfferEvent.Delisting(delisting.getEventId(),
                        delisting.getOccurredAt().toEpochMilli()));
    }

    private static KeyedEvent keyed(final String key, final String partnerId, final String sku,
                                    final OfferEvent event) {
        final String offerKey = partnerId + ':' + sku;
        return offerKey.equals(key) ? new KeyedEvent(offerKey, event) : null;
    }
}
