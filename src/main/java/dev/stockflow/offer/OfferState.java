package dev.stockflow.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything Stockflow knows about one offer, and the rules that change it.
 *
 * <p>Pure and single-threaded: no Kafka types, no I/O. A slot is one location's stock or one channel's
 * price and keeps the version (occurredAt, eventId) of the update applied last (last writer wins). A
 * delisting at T removes every slot whose version is at or before T and is remembered, so that late
 * updates at or before T stay dropped, until {@link RuleSettings#delistRetentionMs()} of stream time
 * has passed since it was processed.
 */
public final class OfferState {

    private final List<StockSlot> locations;
    private final List<PriceSlot> prices;
    private Version delisting;
    private long delistingProcessedAt;
    private Applied.Emission lastEmission;
    /** The slots may be shared with the state this one was copied from: copy a slot before changing it. */
    private final boolean slotsShared;

    public OfferState() {
        this(new ArrayList<>(4), new ArrayList<>(2), null, 0L, Applied.Emission.NONE);
    }

    public OfferState(final List<StockSlot> locations, final List<PriceSlot> prices, final Version delisting,
               final long delistingProcessedAt, final Applied.Emission lastEmission) {
        this(locations, prices, delisting, delistingProcessedAt, lastEmission, false);
    }

    private OfferState(final List<StockSlot> locations, final List<PriceSlot> prices, final Version delisting,
                       final long delistingProcessedAt, final Applied.Emission lastEmission,
                       final boolean slotsShared) {
        this.locations = locations;
        this.prices = prices;
        this.delisting = delisting;
        this.delistingProcessedAt = delistingProcessedAt;
        this.lastEmission = lastEmission;
        this.slotsShared = slotsShared;
    }

    /**
     * A copy that {@link #apply} can change while this state stays as it is. Copy on write: the copy shares
     * the slots and copies only those an event changes, which keeps a copy per event cheap.
     */
    public OfferState copy() {
        return new OfferState(new ArrayList<>(locations), new ArrayList<>(prices), delisting, delistingProcessedAt,
                lastEmission, true);
    }

    /** Stock slots sorted by locationId. */
    public List<StockSlot> locations() {
        return Collections.unmodifiableList(locations);
    }

    /** Price slots sorted by channel. */
    public List<PriceSlot> prices() {
        return Collections.unmodifiableList(prices);
    }

    /** The latest delisting still remembered, or null. */
    public Version delisting() {
        return delisting;
    }

    /** Stream time at which {@link #delisting()} was processed. */
    public long delistingProcessedAt() {
        return delistingProcessedAt;
    }

    /** The last record emitted for this offer: a snapshot, a tombstone, or nothing yet. */
    public Applied.Emission lastEmission() {
        return lastEmission;
    }

    /** An offer is listed while it has at least one slot. */
    public boolean isListed() {
        return !locations.isEmpty() || !prices.isEmpty();
    }

    /** Nothing left worth storing: no slot, no delisting to remember. */
    public boolean isEmpty() {
        return !isListed() && delisting == null;
    }

    /** The greatest updatedAt among the slots; meaningful only while listed. */
    public long updatedAt() {
        long latest = Long.MIN_VALUE;
        for (final StockSlot slot : locations) {
            latest = Math.max(latest, slot.updatedAt());
        }
        for (final PriceSlot slot : prices) {
            latest = Math.max(latest, slot.updatedAt());
        }
        return latest;
    }

    /**
     * Applies one valid event at the given stream time.
     *
     * @param streamTime the processor's stream time, which drives forgetting old delistings
     */
    public Applied apply(final OfferEvent event, final long streamTime, final RuleSettings settings) {
        final boolean forgot = forgetDelistingIfExpired(streamTime, settings);
        final Outcome outcome;
        if (event instanceof OfferEvent.StockChange stock) {
            outcome = applyStock(stock);
        } else if (event instanceof OfferEvent.PriceChange price) {
            outcome = applyPrice(price, settings.omnibusWindowMs());
        } else {
            outcome = applyDelisting((OfferEvent.Delisting) event, streamTime, settings.omnibusWindowMs());
        }
        final boolean advanced = outcome == Outcome.CHANGED || outcome == Outcome.UNCHANGED;
        return new Applied(outcome, emissionAfter(outcome), forgot || advanced);
    }

    /**
     * Forgets the delisting once it has been remembered for the retention period of stream time.
     *
     * @return true when the state changed
     */
    public boolean forgetDelistingIfExpired(final long streamTime, final RuleSettings settings) {
        if (delisting != null && streamTime - delistingProcessedAt > settings.delistRetentionMs()) {
            delisting = null;
            delistingProcessedAt = 0L;
            return true;
        }
        return false;
    }

    private Outcome applyStock(final OfferEvent.StockChange change) {
        if (isAtOrBeforeDelisting(change.occurredAt())) {
            return Outcome.STALE;
        }
        final int index = indexOf(locations, StockSlot::locationId, change.locationId());
        if (index < 0) {
            locations.add(-index - 1, new StockSlot(change.locationId(), change.quantity(), change.version(),
                    change.occurredAt()));
            return Outcome.CHANGED;
        }
        final Outcome notNewer = locations.get(index).notNewer(change.version());
        return notNewer != null ? notNewer : writable(locations, index, StockSlot::copy).applyNewer(change);
    }

    private Outcome applyPrice(final OfferEvent.PriceChange change, final long window) {
        if (isAtOrBeforeDelisting(change.occurredAt())) {
            return Outcome.STALE;
        }
        final int index = indexOf(prices, PriceSlot::channel, change.channel());
        if (index < 0) {
            prices.add(-index - 1, PriceSlot.first(change, window));
            return Outcome.CHANGED;
        }
        final Outcome notNewer = prices.get(index).notNewer(change.version());
        return notNewer != null ? notNewer : writable(prices, index, PriceSlot::copy).applyNewer(change, window);
    }

    private Outcome applyDelisting(final OfferEvent.Delisting change, final long streamTime, final long window) {
        final Version incoming = change.version();
        if (delisting != null) {
            final int order = incoming.compareTo(delisting);
            if (order == 0) {
                return Outcome.DUPLICATE;
            }
            if (order < 0) {
                return Outcome.STALE;
            }
        }
        delisting = incoming;
        delistingProcessedAt = streamTime;
        final long delistedAt = change.occurredAt();
        boolean changed = locations.removeIf(slot -> slot.version().occurredAt() <= delistedAt);
        changed |= prices.removeIf(slot -> slot.version().occurredAt() <= delistedAt);
        for (int i = 0; i < prices.size(); i++) {
            changed |= writable(prices, i, PriceSlot::copy).dropHistoryUpTo(delistedAt, window);
        }
        return changed ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    private boolean isAtOrBeforeDelisting(final long occurredAt) {
        return delisting != null && occurredAt <= delisting.occurredAt();
    }

    private Applied.Emission emissionAfter(final Outcome outcome) {
        if (outcome != Outcome.CHANGED) {
            return Applied.Emission.NONE;
        }
        if (isListed()) {
            lastEmission = Applied.Emission.SNAPSHOT;
        } else if (lastEmission == Applied.Emission.SNAPSHOT) {
            // Gone: a tombstone only for a key that had a snapshot; never one for a never-listed offer.
            lastEmission = Applied.Emission.TOMBSTONE;
        } else {
            return Applied.Emission.NONE;
        }
        return lastEmission;
    }

    /** The slot at the index, copied first when it may be shared with another state. */
    private <T> T writable(final List<T> slots, final int index, final UnaryOperator<T> copy) {
        if (!slotsShared) {
            return slots.get(index);
        }
        final T own = copy.apply(slots.get(index));
        slots.set(index, own);
        return own;
    }

    /** Binary search by id; returns -(insertion point) - 1 when absent, like {@link Collections#binarySearch}. */
    private static <T> int indexOf(final List<T> slots, final Function<T, String> id, final String key) {
        int low = 0;
        int high = slots.size() - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final int order = Utf8Order.compare(id.apply(slots.get(mid)), key);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
