package dev.stockflow.bench.peer;

import dev.stockflow.avro.OfferDelisted;

/** What reaches an offer's aggregate: a slot's new state, or a delisting (JSON). */
public final class OfferChange {

    public SlotState slot;
    public String delistingEventId;
    public long delistedAt;

    static OfferChange of(final SlotState slot) {
        final OfferChange change = new OfferChange();
        change.slot = slot;
        return change;
    }

    static OfferChange delisting(final OfferDelisted delisting) {
        final OfferChange change = new OfferChange();
        change.delistingEventId = delisting.getEventId();
        change.delistedAt = delisting.getOccurredAt().toEpochMilli();
        return change;
    }
}
