package dev.stockflow.bench.peer;

import dev.stockflow.offer.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The aggregate of one slot: last writer wins by version (occurredAt, then eventId), the value, the
 * moment the value was set, and for a price the history of effective prices for the Omnibus rule (JSON).
 */
public final class SlotState {

    public String offerKey;
    public String kind;
    public String slot;
    public String eventId;
    /** The version's time: the occurredAt of the update applied last. */
    public long occurredAt;
    /** The occurredAt of the update that set the current value. */
    public long updatedAt;
    public int quantity;
    public String currency;
    public long regularPrice;
    public Long salePrice;
    public List<PriceEntry> history = new ArrayList<>();

    /** Applies an update if it is newer than the current version; returns this aggregate. */
    SlotState apply(final SlotUpdate update, final long windowMs) {
        final boolean first = eventId == null;
        if (!first && compareVersion(update.occurredAt, update.eventId) <= 0) {
            return this; // a duplicate or a late update
        }
        offerKey = update.offerKey;
        kind = update.kind;
        slot = update.slot;
        eventId = update.eventId;
        occurredAt = update.occurredAt;
        if (!first && sameValue(update)) {
            return this; // a re-push: the version moves, the value and its time stay
        }
        quantity = update.quantity;
        currency = update.currency;
        regularPrice = update.regularPrice;
        salePrice = update.salePrice;
        updatedAt = update.occurredAt;
        if (SlotUpdate.PRICE.equals(kind)) {
            recordPrice(windowMs);
        }
        return this;
    }

    long effectivePrice() {
        return salePrice != null ? salePrice : regularPrice;
    }

    /** The lowest effective price in this currency in effect during [updatedAt - window, updatedAt). */
    Long lowestPriceBefore(final long windowMs) {
        final long start = updatedAt - windowMs;
        int inEffectAtStart = -1;
        for (int i = 0; i < history.size() && history.get(i).occurredAt <= start; i++) {
            inEffectAtStart = i;
        }
        Long lowest = null;
        for (int i = Math.max(0, inEffectAtStart); i < history.size(); i++) {
            final PriceEntry entry = history.get(i);
            final boolean inWindow = i == inEffectAtStart || entry.occurredAt > start && entry.occurredAt < updatedAt;
            if (inWindow && entry.currency.equals(currency) && (lowest == null || entry.price < lowest)) {
                lowest = entry.price;
            }
        }
        return lowest;
    }

    int compareVersion(final long otherOccurredAt, final String otherEventId) {
        final int byTime = Long.compare(otherOccurredAt, occurredAt);
        return byTime != 0 ? byTime : Utf8Order.compare(otherEventId, eventId);
    }

    private boolean sameValue(final SlotUpdate update) {
        if (SlotUpdate.STOCK.equals(kind)) {
            return quantity == update.quantity;
        }
        return regularPrice == update.regularPrice && Objects.equals(salePrice, update.salePrice)
                && Objects.equals(currency, update.currency);
    }

    /** One price per instant; entries no window ending at or after now can reach are dropped. */
    void recordPrice(final long windowMs) {
        final int last = history.size() - 1;
        if (last >= 0 && history.get(last).occurredAt == updatedAt) {
            history.remove(last);
        }
        history.add(new PriceEntry(updatedAt, currency, effectivePrice()));
        int keepFrom = -1;
        for (int i = 0; i < history.size() && history.get(i).occurredAt <= updatedAt - windowMs; i++) {
            keepFrom = i;
        }
        if (keepFrom > 0) {
            history.subList(0, keepFrom).clear();
        }
    }
}
