package dev.stockflow.workload;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.feed.FeedRecords;
import dev.stockflow.offer.Applied;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.OrderSlot;
import dev.stockflow.offer.RuleSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Applies events to Stockflow's offer rules, as the processor would, to see what they do. */
final class OfferRulesReplay {

    private final Map<String, OfferState> offers = new HashMap<>();
    private long streamTime;

    Applied apply(final String key, final SpecificRecord value) {
        final long occurredAt = FeedRecords.occurredAt(value);
        streamTime = Math.max(streamTime, occurredAt);
        return offers.computeIfAbsent(key, k -> new OfferState()).apply(toEvent(value), streamTime,
                RuleSettings.DEFAULTS);
    }

    /** The order lines still open (neither settled nor cancelled) over every offer replayed. */
    int openLines() {
        int open = 0;
        for (final OfferState offer : offers.values()) {
            open += (int) offer.orders().stream().filter(OrderSlot::isOpen).count();
        }
        return open;
    }

    private static OfferEvent toEvent(final SpecificRecord value) {
        if (value instanceof StockUpdate stock) {
            return new OfferEvent.StockChange(stock.getEventId(), stock.getLocationId(), stock.getQuantity(),
                    stock.getOccurredAt().toEpochMilli());
        }
        if (value instanceof PriceUpdate price) {
            return new OfferEvent.PriceChange(price.getEventId(), price.getChannel(), price.getCurrency(),
                    price.getRegularPrice(), price.getSalePrice(), price.getOccurredAt().toEpochMilli());
        }
        if (!(value instanceof OfferDelisted)) {
            return Input.ofRecord(value).recordType().toEvent(value); // an order line
        }
        final OfferDelisted delisting = (OfferDelisted) value;
        return new OfferEvent.Delisting(delisting.getEventId(), delisting.getOccurredAt().toEpochMilli());
    }
}
