package dev.stockflow.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything Stockflow knows about one offer, and the rules that change it.
 *
 * <p>Pure and single-threaded: no Kafka types, no I/O. A slot is one location's stock, one channel's
 * price or one order line, and keeps the version (occurredAt, eventId) of the update applied last (last
 * writer wins). A delisting at T removes every slot whose version is at or before T and is remembered, so
 * that late updates at or before T stay dropped, until {@link RuleSettings#delistRetentionMs()} of stream
 * time has passed since it was processed.
 *
 * <p>Orders and reservations: an open order line placed at P at location L reserves its units while L has a
 * stock slot whose version's occurredAt is before P (the partner's count predates the order). A stock update
 * at L at or after P includes the order: the line is settled and, like a cancelled one, keeps only its
 * version, for {@link RuleSettings#orderRetentionMs()} of stream time. Whether a line reserves is therefore a
 * function of the current order and stock slots alone, which keeps reservations independent of arrival
 * order. Order slots do not list an offer. A location's updatedAt follows its quantity and its reserved
 * quantity.
 */
public final class OfferState {

    private final List<StockSlot> locations;
    private final List<PriceSlot> prices;
    /** Order slots sorted by orderId; immutable, replaced on change, so copies share them safely. */
    private final List<OrderSlot> orders;
    private Version delisting;
    private long delistingProcessedAt;
    private Applied.Emission lastEmission;
    /** The slots may be shared with the state this one was copied from: copy a slot before changing it. */
    private final boolean slotsShared;

    public OfferState() {
        this(new ArrayList<>(4), new ArrayList<>(2), new ArrayList<>(0), null, 0L, Applied.Emission.NONE);
    }

    /** A state of stored slots; each list sorted by its slots' id in UTF-8 order and owned by the state. */
    public OfferState(final List<StockSlot> locations, final List<PriceSlot> prices, final List<OrderSlot> orders,
                      final Version delisting, final long delistingProcessedAt, final Applied.Emission lastEmission) {
        this(locations, prices, orders, delisting, delistingProcessedAt, lastEmission, false);
    }

    private OfferState(final List<StockSlot> locations, final List<PriceSlot> prices, final List<OrderSlot> orders,
                       final Version delisting, final long delistingProcessedAt, final Applied.Emission lastEmission,
                       final boolean slotsShared) {
        this.locations = locations;
        this.prices = prices;
        this.orders = orders;
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
        return new OfferState(new ArrayList<>(locations), new ArrayList<>(prices), new ArrayList<>(orders), delisting,
                delistingProcessedAt, lastEmission, true);
    }

    /** Stock slots sorted by locationId. */
    public List<StockSlot> locations() {
        return Collections.unmodifiableList(locations);
    }

    /** Price slots sorted by channel. */
    public List<PriceSlot> prices() {
        return Collections.unmodifiableList(prices);
    }

    /** Order slots sorted by orderId: open lines and the versions of ended ones. */
    public List<OrderSlot> orders() {
        return Collections.unmodifiableList(orders);
    }

    /**
     * The units reserved at the location with this index in {@link #locations()}: the open order lines there
     * placed after the occurredAt of its stock slot's version, summed (capped at {@link Integer#MAX_VALUE}).
     */
    public int reservedAt(final int location) {
        final StockSlot stock = locations.get(location);
        final long countedAt = stock.version().occurredAt();
        long reserved = 0;
        for (int i = 0; i < orders.size(); i++) {
            final OrderSlot order = orders.get(i);
            if (order.reservesAt(stock.locationId(), countedAt)) {
                reserved += order.quantity();
            }
        }
        return (int) Math.min(reserved, Integer.MAX_VALUE);
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

    /** Nothing left worth storing: no slot (order slots included), no delisting to remember. */
    public boolean isEmpty() {
        return !isListed() && delisting == null && orders.isEmpty();
    }

    /**
     * The greatest updatedAt among the locations and prices; meaningful only while listed. Order slots reach it
     * through their location, whose updatedAt moves when its reserved quantity changes: counting them directly
     * would let an order event that changed nothing observable move the offer's updatedAt.
     */
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
        final boolean forgot = forgetExpired(streamTime, settings);
        final Outcome outcome;
        if (event instanceof OfferEvent.StockChange stock) {
            outcome = applyStock(stock, streamTime);
        } else if (event instanceof OfferEvent.PriceChange price) {
            outcome = applyPrice(price, settings.omnibusWindowMs());
        } else if (event instanceof OfferEvent.OrderLine line) {
            outcome = applyOrder(line, streamTime);
        } else {
            outcome = applyDelisting((OfferEvent.Delisting) event, streamTime, settings.omnibusWindowMs());
        }
        final boolean advanced = outcome == Outcome.CHANGED || outcome == Outcome.UNCHANGED;
        return new Applied(outcome, emissionAfter(outcome), forgot || advanced);
    }

    /**
     * Forgets what has outlived its retention in stream time: the delisting, and the versions of order lines
     * that ended. Neither is observable, so no snapshot follows.
     *
     * @return true when the state changed
     */
    public boolean forgetExpired(final long streamTime, final RuleSettings settings) {
        final boolean forgotDelisting = forgetDelistingIfExpired(streamTime, settings);
        return orders.removeIf(order -> order.isExpired(streamTime, settings.orderRetentionMs())) || forgotDelisting;
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

    private Outcome applyStock(final OfferEvent.StockChange change, final long streamTime) {
        if (isAtOrBeforeDelisting(change.occurredAt())) {
            return Outcome.STALE;
        }
        final int index = indexOf(locations, StockSlot::locationId, change.locationId());
        if (index < 0) {
            locations.add(-index - 1, new StockSlot(change.locationId(), change.quantity(), change.version(),
                    change.occurredAt()));
            settleOrdersAt(change.locationId(), change.occurredAt(), streamTime);
            return Outcome.CHANGED;
        }
        final Outcome notNewer = locations.get(index).notNewer(change.version());
        if (notNewer != null) {
            return notNewer;
        }
        final int reservedBefore = reservedAt(index);
        final StockSlot slot = writable(locations, index, StockSlot::copy);
        final Outcome outcome = slot.applyNewer(change);
        settleOrdersAt(change.locationId(), change.occurredAt(), streamTime);
        if (outcome == Outcome.UNCHANGED && reservedAt(index) != reservedBefore) {
            // A re-push of the same count that includes orders: the reservations it ends are a change.
            slot.valueSetAt(change.occurredAt());
            return Outcome.CHANGED;
        }
        return outcome;
    }

    /** Ends the open lines at the location that a count with this occurredAt includes. */
    private void settleOrdersAt(final String locationId, final long countedAt, final long streamTime) {
        for (int i = 0; i < orders.size(); i++) {
            final OrderSlot order = orders.get(i);
            if (order.settledBy(locationId, countedAt)) {
                orders.set(i, order.endedAt(streamTime));
            }
        }
    }

    /**
     * An order event: the line's new version replaces the slot; the outcome is {@code changed} only when the
     * reserved quantity of a location (the line's old one or its new one) changed, which also sets that
     * location's updatedAt.
     */
    private Outcome applyOrder(final OfferEvent.OrderLine line, final long streamTime) {
        if (isAtOrBeforeDelisting(line.occurredAt())) {
            return Outcome.STALE;
        }
        final int index = indexOf(orders, OrderSlot::orderId, line.orderId());
        final OrderSlot old = index >= 0 ? orders.get(index) : null;
        final Outcome notNewer = old != null ? old.notNewer(line.version()) : null;
        if (notNewer != null) {
            return notNewer;
        }
        final int oldLocation = openLocationOf(old);
        final int newLocation = line.isPlaced() ? locationIndex(line.locationId()) : -1;
        final int oldReservedBefore = reservedOrZero(oldLocation);
        final int newReservedBefore = reservedOrZero(newLocation);
        putOrder(index, slotOf(line, newLocation, streamTime));
        final boolean oldChanged = touchIfReservedChanged(oldLocation, oldReservedBefore, line.occurredAt());
        final boolean newChanged = touchIfReservedChanged(newLocation, newReservedBefore, line.occurredAt());
        return oldChanged || newChanged ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    /** The index of the stock slot at an open line's location; -1 when there is none or the line is not open. */
    private int openLocationOf(final OrderSlot order) {
        return order != null && order.isOpen() ? locationIndex(order.locationId()) : -1;
    }

    private int reservedOrZero(final int location) {
        return location >= 0 ? reservedAt(location) : 0;
    }

    /** Replaces the order slot at the index, or inserts it where {@link #indexOf} said it belongs. */
    private void putOrder(final int index, final OrderSlot slot) {
        if (index >= 0) {
            orders.set(index, slot);
        } else {
            orders.add(-index - 1, slot);
        }
    }

    /** The slot of a line's new version: open, or ended when cancelled or already included in the count. */
    private OrderSlot slotOf(final OfferEvent.OrderLine line, final int location, final long streamTime) {
        if (!line.isPlaced()) {
            return OrderSlot.ended(line.orderId(), line.version(), streamTime);
        }
        if (location >= 0 && locations.get(location).version().occurredAt() >= line.occurredAt()) {
            return OrderSlot.ended(line.orderId(), line.version(), streamTime); // settled on arrival
        }
        return OrderSlot.open(line.orderId(), line.version(), line.locationId(), line.quantity());
    }

    /** Sets the location's updatedAt when its reserved quantity is no longer the one it was; -1: no location. */
    private boolean touchIfReservedChanged(final int location, final int reservedBefore, final long occurredAt) {
        if (location < 0 || reservedAt(location) == reservedBefore) {
            return false;
        }
        writable(locations, location, StockSlot::copy).valueSetAt(occurredAt);
        return true;
    }

    /** The index of the location's stock slot, or -1 when it has none. */
    private int locationIndex(final String locationId) {
        final int index = indexOf(locations, StockSlot::locationId, locationId);
        return Math.max(index, -1);
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
        // A removed order line that reserved did so at a location whose count is older still: removed too.
        orders.removeIf(slot -> slot.version().occurredAt() <= delistedAt);
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
