package dev.stockflow.bench;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.workload.GeneratedEvent;

/**
 * What the processor makes of a generated record, decided the way it decides: the field rules of
 * {@link InputRules}, then the key must be the value's offer key. A record failing either goes to the
 * dead-letter topic; any other becomes the {@link OfferEvent} the rules apply. (The third reason, an
 * occurredAt too far in the future, cannot happen: preloaded workloads end at the current time.)
 */
final class ProcessorView {

    private ProcessorView() {
    }

    /** The valid event with its offer key, or null for a record the processor dead-letters. */
    static KeyedEvent of(final GeneratedEvent generated) {
        final Object value = generated.value();
        if (value instanceof StockUpdate stock) {
            return InputRules.check(stock) != null ? null : keyed(generated, stock.getPartnerId(), stock.getSku(),
                    new OfferEvent.StockChange(stock.getEventId(), stock.getLocationId(), stock.getQuantity(),
                            stock.getOccurredAt().toEpochMilli()));
        }
        if (value instanceof PriceUpdate price) {
            return InputRules.check(price) != null ? null : keyed(generated, price.getPartnerId(), price.getSku(),
                    new OfferEvent.PriceChange(price.getEventId(), price.getChannel(), price.getCurrency(),
                            price.getRegularPrice(), price.getSalePrice(), price.getOccurredAt().toEpochMilli()));
        }
        final OfferDelisted delisting = (OfferDelisted) value;
        return InputRules.check(delisting) != null ? null : keyed(generated, delisting.getPartnerId(),
                delisting.getSku(), new OfferEvent.Delisting(delisting.getEventId(),
                        delisting.getOccurredAt().toEpochMilli()));
    }

    private static KeyedEvent keyed(final GeneratedEvent generated, final String partnerId, final String sku,
                                    final OfferEvent event) {
        final String offerKey = partnerId + ':' + sku;
        return offerKey.equals(generated.key()) ? new KeyedEvent(offerKey, event) : null;
    }
}
