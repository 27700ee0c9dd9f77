package dev.stockflow.bench.peer;

import dev.stockflow.offer.Utf8Order;
import java.util.ArrayList;
import java.util.TreeMap;

/**
 * The aggregate of one offer: the latest state of each of its slots and the latest delisting (JSON).
 * A delisting removes the slots (and price history) at or before it; a slot state at or before the
 * delisting is late and ignored.
 */
public final class OfferAggregate {

    public TreeMap<String, SlotState> locations = new TreeMap<>();
    public TreeMap<String, SlotState> prices = new TreeMap<>();
    public String delistingEventId;
    public long delistedAt;

    OfferAggregate apply(final OfferChange change, final long windowMs) {
        if (change.slot != null) {
            applySlot(change.slot, windowMs);
        } else {
            applyDelisting(change.delistingEventId, change.delistedAt);
        }
        return this;
    }

    private void applySlot(final SlotState slot, final long windowMs) {
        if (delistingEventId != null && slot.occurredAt <= delistedAt) {
            return;
        }
        if (delistingEventId != null) {
            slot.history.removeIf(entry -> entry.occurredAt <= delistedAt);
            if (slot.updatedAt <= delistedAt) {
                // Its value predates the delisting: the slot was listed again by this version.
                slot.updatedAt = slot.occurredAt;
                if (SlotUpdate.PRICE.equals(slot.kind)) {
                    slot.recordPrice(windowMs);
                }
            }
        }
        (SlotUpdate.STOCK.equals(slot.kind) ? locations : prices).put(slot.slot, slot);
    }

    private void applyDelisting(final String eventId, final long at) {
        if (delistingEventId != null) {
            final int byTime = Long.compare(at, delistedAt);
            if (byTime < 0 || byTime == 0 && Utf8Order.compare(eventId, delistingEventId) <= 0) {
                return;
            }
        }
        delistingEventId = eventId;
        delistedAt = at;
        locations.values().removeIf(slot -> slot.occurredAt <= at);
        prices.values().removeIf(slot -> slot.occurredAt <= at);
        prices.values().forEach(slot -> slot.history.removeIf(entry -> entry.occurredAt <= at));
    }

    /** The snapshot to publish, or null (a tombstone) when the offer has no slot. */
    PeerSnapshot toSnapshot(final String offerKey, final long windowMs) {
        if (locations.isEmpty() && prices.isEmpty()) {
            return null;
        }
        final PeerSnapshot snapshot = new PeerSnapshot();
        final int colon = offerKey.indexOf(':');
        snapshot.partnerId = offerKey.substring(0, colon);
        snapshot.sku = offerKey.substring(colon + 1);
        snapshot.locations = new ArrayList<>();
        snapshot.prices = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        for (final SlotState slot : locations.values()) {
            snapshot.locations.add(new PeerSnapshot.Location(slot.slot, slot.quantity, slot.updatedAt));
            snapshot.totalQuantity += slot.quantity;
            latest = Math.max(latest, slot.updatedAt);
        }
        for (final SlotState slot : prices.values()) {
            snapshot.prices.add(new PeerSnapshot.Price(slot.slot, slot.currency, slot.regularPrice, slot.salePrice,
                    slot.effectivePrice(), slot.lowestPriceBefore(windowMs), slot.updatedAt));
            latest = Math.max(latest, slot.updatedAt);
        }
        snapshot.available = snapshot.totalQuantity > 0;
        snapshot.updatedAt = latest;
        return snapshot;
    }
}
