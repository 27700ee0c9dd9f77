package dev.stockflow.offer;

import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.ReferenceModel;
import dev.stockflow.reference.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the order case a delivery exercised, for the property tests' coverage checks: that the generated
 * events settle reservations by a new count and by a re-push of the same count, amend and cancel lines,
 * place a line late after its cancellation, place lines where there is no stock and at or before a
 * delisting. It follows the deliveries from outside, with the published snapshots and the order versions
 * applied so far, and knows nothing of how the rules decide.
 */
final class OrderCases {

    static final String SETTLED_BY_NEW_COUNT = "settled by a new count";
    static final String SETTLED_BY_SAME_COUNT = "settled by a re-push of the same count";
    static final String AMENDED = "reserving line amended";
    static final String CANCELLED = "reservation cancelled";
    static final String LATE_PLACED_AFTER_CANCEL = "late PLACED after a cancel";
    static final String PLACED_WITHOUT_STOCK = "placed where there is no stock";
    static final String STALE_BY_DELISTING = "order at or before a delisting: stale";
    static final String REMOVED_BY_DELISTING = "order at or before a delisting: removed";
    static final List<String> ALL = List.of(SETTLED_BY_NEW_COUNT, SETTLED_BY_SAME_COUNT, AMENDED, CANCELLED,
            LATE_PLACED_AFTER_CANCEL, PLACED_WITHOUT_STOCK, STALE_BY_DELISTING, REMOVED_BY_DELISTING);

    /** Per offer key and orderId, the order event applied last. */
    private final Map<String, OfferEvent.OrderLine> applied = new HashMap<>();

    /**
     * The case of one delivery, or null when it is none of them.
     *
     * @param before the offer's snapshot published before this delivery, or null
     */
    String classify(final KeyedEvent delivery, final Step step, final OfferSnapshot before) {
        final OfferEvent event = delivery.event();
        final boolean advanced = step.outcome() == Outcome.CHANGED || step.outcome() == Outcome.UNCHANGED;
        if (event instanceof OfferEvent.StockChange stock && step.emission() != null && !step.emission().isTombstone()) {
            return settlement(stock, before, step.emission().snapshot());
        }
        if (event instanceof OfferEvent.Delisting delisting && advanced) {
            final boolean removed = applied.entrySet().removeIf(entry -> entry.getKey().startsWith(
                    delivery.offerKey() + "/") && entry.getValue().occurredAt() <= delisting.occurredAt());
            return removed ? REMOVED_BY_DELISTING : null;
        }
        if (event instanceof OfferEvent.OrderLine line) {
            final String slot = delivery.offerKey() + "/" + line.orderId();
            final OfferEvent.OrderLine previous = applied.get(slot);
            if (advanced) {
                applied.put(slot, line);
            }
            return orderCase(line, step.outcome(), previous, before);
        }
        return null;
    }

    private static String orderCase(final OfferEvent.OrderLine line, final Outcome outcome,
                                    final OfferEvent.OrderLine previous, final OfferSnapshot before) {
        if (outcome == Outcome.STALE) {
            // Stale although newer than the line's applied version: the offer's delisting is as new as it.
            if (previous == null || ReferenceModel.compareVersions(line, previous) > 0) {
                return STALE_BY_DELISTING;
            }
            return line.isPlaced() && !previous.isPlaced() ? LATE_PLACED_AFTER_CANCEL : null;
        }
        if (outcome != Outcome.CHANGED && outcome != Outcome.UNCHANGED) {
            return null;
        }
        if (line.isPlaced() && location(before, line.locationId()) == null) {
            return PLACED_WITHOUT_STOCK;
        }
        if (outcome == Outcome.CHANGED && !line.isPlaced()) {
            return CANCELLED;
        }
        final boolean amends = previous != null && previous.isPlaced() && line.isPlaced()
                && (previous.quantity() != line.quantity() || !previous.locationId().equals(line.locationId()));
        return amends && outcome == Outcome.CHANGED ? AMENDED : null;
    }

    private static String settlement(final OfferEvent.StockChange stock, final OfferSnapshot before,
                                     final OfferSnapshot after) {
        final LocationQuantity was = location(before, stock.locationId());
        final LocationQuantity is = location(after, stock.locationId());
        if (was == null || is == null || is.getReservedQuantity() >= was.getReservedQuantity()) {
            return null;
        }
        return was.getQuantity() == is.getQuantity() ? SETTLED_BY_SAME_COUNT : SETTLED_BY_NEW_COUNT;
    }

    private static LocationQuantity location(final OfferSnapshot snapshot, final String locationId) {
        if (snapshot == null) {
            return null;
        }
        for (final LocationQuantity location : snapshot.getLocations()) {
            if (location.getLocationId().equals(locationId)) {
                return location;
            }
        }
        return null;
    }
}
