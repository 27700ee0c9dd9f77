package dev.stockflow.reference;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OrderStatus;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.RuleSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second, deliberately plain reading of Stockflow's offer rules, written from the product rules
 * alone: it shares no logic with {@code OfferState}, {@code PriceHistory} or {@code SnapshotView}.
 * Maps, lists and loops; clarity over speed. The price history is kept whole (never pruned) and the
 * lowest price is recomputed from it for every snapshot.
 *
 * <p>Feed it input records in arrival order with {@link #deliver}; it answers the outcome and the
 * record written to the snapshot topic for each, and keeps every emission and the final state.
 * {@link #fork} copies a model cheaply (slots and price histories are immutable values, replaced on
 * change and shared between copies), so that a search over arrival orders can try several from one state;
 * {@link #stateOf} tells when two such orders led to the same state.
 *
 * <p>Readings taken where the rules leave room:
 * <ul>
 *   <li>A delisting newer than the remembered one is {@code changed} when the offer's published
 *       snapshot differs afterwards (slots removed, or a lowest price changed because history was
 *       dropped), else {@code unchanged}; an equal one is a {@code duplicate}, an older one
 *       {@code stale}.</li>
 *   <li>The price in effect at the window start is found by time alone; when it is in another
 *       currency than the current price it is ignored (an older entry in the right currency does
 *       not take its place).</li>
 *   <li>A delisting stays remembered while {@code streamTime - processedAt <= retention} and is
 *       forgotten once more than the retention has passed. Stream time includes the record being
 *       processed.</li>
 *   <li>Orders: the model keeps every order line whole (its newest version: status, location, quantity)
 *       and decides from scratch, for every snapshot, which lines reserve: a {@code PLACED} line at a
 *       location that has a stock slot whose version's occurredAt is before the line's. A line has
 *       ended when it is cancelled or such a count at or after it exists; the model notes the stream
 *       time at which it first saw it ended, and forgets the line once more than the order retention
 *       has passed since (as for delistings). An event's outcome is {@code changed} when it changed a
 *       location's quantity or its reserved quantity (or, for a delisting, the snapshot); each location
 *       whose reserved quantity changed takes the event's occurredAt as its updatedAt.</li>
 * </ul>
 */
public final class ReferenceModel {

    private final long omnibusWindowMs;
    private final long delistRetentionMs;
    private final long orderRetentionMs;
    private final Map<String, Offer> offers = new HashMap<>();
    private final List<Emission> emissions = new ArrayList<>();
    private long streamTime = Long.MIN_VALUE;
    private int forgottenDelistings;
    private int forgottenOrders;

    public ReferenceModel(final RuleSettings settings) {
        this(settings.omnibusWindowMs(), settings.delistRetentionMs(), settings.orderRetentionMs());
    }

    private ReferenceModel(final long omnibusWindowMs, final long delistRetentionMs, final long orderRetentionMs) {
        this.omnibusWindowMs = omnibusWindowMs;
        this.delistRetentionMs = delistRetentionMs;
        this.orderRetentionMs = orderRetentionMs;
    }

    /**
     * A model in this one's state that goes its own way: delivering to either leaves the other as it was.
     * The fork's {@link #emissions()} list only what it emits itself, from now on.
     */
    public ReferenceModel fork() {
        final ReferenceModel fork = new ReferenceModel(omnibusWindowMs, delistRetentionMs, orderRetentionMs);
        offers.forEach((key, offer) -> fork.offers.put(key, offer.copy()));
        fork.streamTime = streamTime;
        fork.forgottenDelistings = forgottenDelistings;
        fork.forgottenOrders = forgottenOrders;
        return fork;
    }

    /**
     * Everything the model remembers of one offer (slots with their versions, price histories, the
     * delisting, whether a snapshot was emitted), as an opaque value to compare with {@code equals}: two
     * models whose values are equal treat every later event of that offer alike. Null for an offer never
     * seen. Cheap to compare when the models share history (one forked from the other).
     */
    public Object stateOf(final String offerKey) {
        final Offer offer = offers.get(offerKey);
        return offer == null ? null : new OfferMemory(Map.copyOf(offer.stock), Map.copyOf(offer.prices),
                Map.copyOf(offer.history), Map.copyOf(offer.orders), offer.delisting, offer.delistingProcessedAt,
                offer.snapshotEmitted);
    }

    /** Orders strings by their UTF-8 encodings, byte by byte, unsigned. */
    public static int compareUtf8(final String a, final String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Orders events by version: occurredAt, then eventId in UTF-8 byte order. */
    public static int compareVersions(final OfferEvent a, final OfferEvent b) {
        return compare(new Stamp(a.occurredAt(), a.eventId()), new Stamp(b.occurredAt(), b.eventId()));
    }

    /** Applies one input record, in arrival order. */
    public Step deliver(final KeyedEvent record) {
        final String key = record.offerKey();
        final OfferEvent event = record.event();
        streamTime = Math.max(streamTime, event.occurredAt());
        forgetExpiredDelistings();
        forgetExpiredOrders();
        final Offer offer = offers.computeIfAbsent(key, k -> new Offer());
        final Map<String, Integer> reservedBefore = reservedPerLocation(offer);
        Outcome outcome;
        if (event instanceof OfferEvent.StockChange stock) {
            outcome = applyStock(offer, stock);
        } else if (event instanceof OfferEvent.PriceChange price) {
            outcome = applyPrice(offer, price);
        } else if (event instanceof OfferEvent.OrderLine line) {
            outcome = applyOrder(offer, line);
        } else {
            outcome = applyDelisting(key, offer, (OfferEvent.Delisting) event);
        }
        noteEndedOrders(offer);
        final boolean reservationsChanged = takeReservationChanges(offer, reservedBefore, event.occurredAt());
        if (reservationsChanged && outcome == Outcome.UNCHANGED) {
            outcome = Outcome.CHANGED;
        }
        final Emission emission = outcome == Outcome.CHANGED ? emissionAfterChange(key, offer) : null;
        if (emission != null) {
            emissions.add(emission);
        }
        return new Step(outcome, emission);
    }

    /** Every record written to the snapshot topic so far, in order. */
    public List<Emission> emissions() {
        return List.copyOf(emissions);
    }

    /** How many delistings were forgotten so far because their retention had passed. */
    public int forgottenDelistings() {
        return forgottenDelistings;
    }

    /** How many ended order lines were forgotten so far because their retention had passed. */
    public int forgottenOrders() {
        return forgottenOrders;
    }

    /** The current snapshot of every listed offer; delisted and never-listed offers are absent. */
    public Map<String, OfferSnapshot> snapshots() {
        final Map<String, OfferSnapshot> result = new TreeMap<>();
        for (final Map.Entry<String, Offer> entry : offers.entrySet()) {
            final OfferSnapshot snapshot = snapshotOf(entry.getKey(), entry.getValue());
            if (snapshot != null) {
                result.put(entry.getKey(), snapshot);
            }
        }
        return result;
    }

    // ---- the rules --------------------------------------------------------------------------------

    /** "The delisting time is remembered for delist.retention of stream time after it was processed." */
    private void forgetExpiredDelistings() {
        for (final Offer offer : offers.values()) {
            if (offer.delisting != null && streamTime - offer.delistingProcessedAt > delistRetentionMs) {
                offer.delisting = null;
                forgottenDelistings++;
            }
        }
    }

    /** "An ended order's version is kept for order.retention of stream time after the order ended." */
    private void forgetExpiredOrders() {
        for (final Offer offer : offers.values()) {
            final int before = offer.orders.size();
            offer.orders.values().removeIf(order -> order.endedAt != null
                    && streamTime - order.endedAt > orderRetentionMs);
            forgottenOrders += before - offer.orders.size();
        }
    }

    private Outcome applyOrder(final Offer offer, final OfferEvent.OrderLine line) {
        final Stamp version = new Stamp(line.occurredAt(), line.eventId());
        final OrderValue current = offer.orders.get(line.orderId());
        if (current != null && compare(version, current.version) == 0) {
            return Outcome.DUPLICATE;
        }
        if (current != null && compare(version, current.version) < 0) {
            return Outcome.STALE;
        }
        if (isAtOrBeforeDelisting(offer, line.occurredAt())) {
            return Outcome.STALE;
        }
        offer.orders.put(line.orderId(), new OrderValue(version, line.status() == OrderStatus.PLACED,
                line.locationId(), line.quantity(), null));
        // Whether it changed anything shows in the reservations, compared by deliver().
        return Outcome.UNCHANGED;
    }

    /** Whether the line has ended: cancelled, or the count at its location is at least as new as the line. */
    private static boolean hasEnded(final Offer offer, final OrderValue order) {
        if (!order.placed) {
            return true;
        }
        final StockValue count = offer.stock.get(order.locationId);
        return count != null && count.version.occurredAt >= order.version.occurredAt;
    }

    /** Notes the stream time at which lines were first seen ended, for their retention. */
    private void noteEndedOrders(final Offer offer) {
        offer.orders.replaceAll((orderId, order) -> order.endedAt == null && hasEnded(offer, order)
                ? new OrderValue(order.version, order.placed, order.locationId, order.quantity, streamTime)
                : order);
    }

    /** The units reserved at each location that has a stock slot. */
    private static Map<String, Integer> reservedPerLocation(final Offer offer) {
        final Map<String, Long> sums = new TreeMap<>();
        for (final String locationId : offer.stock.keySet()) {
            sums.put(locationId, 0L);
        }
        for (final OrderValue order : offer.orders.values()) {
            final StockValue count = offer.stock.get(order.locationId);
            if (order.placed && count != null && order.version.occurredAt > count.version.occurredAt) {
                sums.merge(order.locationId, (long) order.quantity, Long::sum);
            }
        }
        final Map<String, Integer> reserved = new TreeMap<>();
        sums.forEach((locationId, sum) -> reserved.put(locationId, (int) Math.min(sum, Integer.MAX_VALUE)));
        return reserved;
    }

    /**
     * Gives every location still there whose reserved units differ from before the event's occurredAt as its
     * updatedAt; true when there was one.
     */
    private static boolean takeReservationChanges(final Offer offer, final Map<String, Integer> before,
                                                  final long occurredAt) {
        final Map<String, Integer> after = reservedPerLocation(offer);
        final Set<String> changed = new TreeSet<>();
        after.forEach((locationId, reserved) -> {
            if (!reserved.equals(before.getOrDefault(locationId, 0))) {
                changed.add(locationId);
            }
        });
        for (final String locationId : changed) {
            final StockValue slot = offer.stock.get(locationId);
            offer.stock.put(locationId, new StockValue(slot.quantity, slot.version, occurredAt));
        }
        return !changed.isEmpty();
    }

    private Outcome applyStock(final Offer offer, final OfferEvent.StockChange change) {
        final Stamp version = new Stamp(change.occurredAt(), change.eventId());
        final StockValue current = offer.stock.get(change.locationId());
        if (current != null && compare(version, current.version) == 0) {
            return Outcome.DUPLICATE;
        }
        if (current != null && compare(version, current.version) < 0) {
            return Outcome.STALE;
        }
        if (isAtOrBeforeDelisting(offer, change.occurredAt())) {
            return Outcome.STALE;
        }
        if (current != null && current.quantity == change.quantity()) {
            // A re-push: the version advances, the value and its updatedAt stay.
            offer.stock.put(change.locationId(), new StockValue(current.quantity, version, current.updatedAt));
            return Outcome.UNCHANGED;
        }
        offer.stock.put(change.locationId(), new StockValue(change.quantity(), version, change.occurredAt()));
        return Outcome.CHANGED;
    }

    private Outcome applyPrice(final Offer offer, final OfferEvent.PriceChange change) {
        final Stamp version = new Stamp(change.occurredAt(), change.eventId());
        final PriceValue current = offer.prices.get(change.channel());
        if (current != null && compare(version, current.version) == 0) {
            return Outcome.DUPLICATE;
        }
        if (current != null && compare(version, current.version) < 0) {
            return Outcome.STALE;
        }
        if (isAtOrBeforeDelisting(offer, change.occurredAt())) {
            return Outcome.STALE;
        }
        final long effective = change.salePrice() != null ? change.salePrice() : change.regularPrice();
        if (current != null && current.currency.equals(change.currency())
                && current.regularPrice == change.regularPrice()
                && Objects.equals(current.salePrice, change.salePrice())) {
            offer.prices.put(change.channel(), new PriceValue(current.currency, current.regularPrice,
                    current.salePrice, current.effectivePrice, version, current.updatedAt));
            return Outcome.UNCHANGED;
        }
        offer.prices.put(change.channel(), new PriceValue(change.currency(), change.regularPrice(),
                change.salePrice(), effective, version, change.occurredAt()));
        recordInHistory(offer, change.channel(), new HistoryEntry(change.occurredAt(), change.currency(), effective));
        return Outcome.CHANGED;
    }

    /** "An applied price replaces a history entry with the same occurredAt." */
    private static void recordInHistory(final Offer offer, final String channel, final HistoryEntry entry) {
        final List<HistoryEntry> history = new ArrayList<>(offer.history.getOrDefault(channel, List.of()));
        history.removeIf(old -> old.occurredAt == entry.occurredAt);
        history.add(entry);
        history.sort(Comparator.comparingLong(HistoryEntry::occurredAt));
        offer.history.put(channel, List.copyOf(history));
    }

    private Outcome applyDelisting(final String key, final Offer offer, final OfferEvent.Delisting change) {
        final Stamp version = new Stamp(change.occurredAt(), change.eventId());
        if (offer.delisting != null && compare(version, offer.delisting) == 0) {
            return Outcome.DUPLICATE;
        }
        if (offer.delisting != null && compare(version, offer.delisting) < 0) {
            return Outcome.STALE;
        }
        final OfferSnapshot before = snapshotOf(key, offer);
        offer.delisting = version;
        offer.delistingProcessedAt = streamTime;
        final long delistedAt = change.occurredAt();
        offer.stock.values().removeIf(slot -> slot.version.occurredAt <= delistedAt);
        offer.prices.values().removeIf(slot -> slot.version.occurredAt <= delistedAt);
        offer.orders.values().removeIf(order -> order.version.occurredAt <= delistedAt);
        offer.history.replaceAll((channel, history) -> entriesAfter(history, delistedAt));
        final OfferSnapshot after = snapshotOf(key, offer);
        return Objects.equals(before, after) ? Outcome.UNCHANGED : Outcome.CHANGED;
    }

    /** The entries after a delisting; the very list when none is dropped, so that forks keep sharing it. */
    private static List<HistoryEntry> entriesAfter(final List<HistoryEntry> history, final long delistedAt) {
        final List<HistoryEntry> kept = history.stream().filter(entry -> entry.occurredAt > delistedAt).toList();
        return kept.size() == history.size() ? history : kept;
    }

    private static boolean isAtOrBeforeDelisting(final Offer offer, final long occurredAt) {
        return offer.delisting != null && occurredAt <= offer.delisting.occurredAt;
    }

    /** A snapshot while the offer has a slot; a tombstone when it lost its last one after a snapshot. */
    private Emission emissionAfterChange(final String key, final Offer offer) {
        final OfferSnapshot snapshot = snapshotOf(key, offer);
        if (snapshot != null) {
            offer.snapshotEmitted = true;
            return new Emission(key, snapshot);
        }
        return offer.snapshotEmitted ? Emission.tombstone(key) : null;
    }

    // ---- the published snapshot ---------------------------------------------------------------------

    /** The snapshot of the offer, or null when it has no slot. */
    private OfferSnapshot snapshotOf(final String key, final Offer offer) {
        if (offer.stock.isEmpty() && offer.prices.isEmpty()) {
            return null;
        }
        final List<String> locationIds = new ArrayList<>(offer.stock.keySet());
        locationIds.sort(ReferenceModel::compareUtf8);
        final Map<String, Integer> reservedPerLocation = reservedPerLocation(offer);
        final List<LocationQuantity> locations = new ArrayList<>();
        long total = 0;
        long reserved = 0;
        long sellable = 0;
        long latest = Long.MIN_VALUE;
        for (final String locationId : locationIds) {
            final StockValue slot = offer.stock.get(locationId);
            final int reservedHere = reservedPerLocation.get(locationId);
            final int sellableHere = Math.max(0, slot.quantity - reservedHere);
            locations.add(new LocationQuantity(locationId, slot.quantity, Instant.ofEpochMilli(slot.updatedAt),
                    reservedHere, sellableHere));
            total += slot.quantity;
            reserved += reservedHere;
            sellable += sellableHere;
            latest = Math.max(latest, slot.updatedAt);
        }
        final List<String> channels = new ArrayList<>(offer.prices.keySet());
        channels.sort(ReferenceModel::compareUtf8);
        final List<ChannelPrice> prices = new ArrayList<>();
        for (final String channel : channels) {
            final PriceValue slot = offer.prices.get(channel);
            final Long lowest = lowestPriceBefore(slot, offer.history.getOrDefault(channel, List.of()));
            prices.add(new ChannelPrice(channel, slot.currency, slot.regularPrice, slot.salePrice,
                    slot.effectivePrice, lowest, Instant.ofEpochMilli(slot.updatedAt)));
            latest = Math.max(latest, slot.updatedAt);
        }
        final int colon = key.indexOf(':');
        return new OfferSnapshot(key.substring(0, colon), key.substring(colon + 1), total, sellable > 0,
                locations, prices, Instant.ofEpochMilli(latest), reserved, sellable);
    }

    /**
     * EU Omnibus: the lowest effective price, in the current currency, of the history entries in
     * effect at any instant of [T - window, T), T being when the current price took effect.
     */
    private Long lowestPriceBefore(final PriceValue current, final List<HistoryEntry> history) {
        final long end = current.updatedAt;
        final long start = end - omnibusWindowMs;
        final List<HistoryEntry> inEffect = new ArrayList<>();
        HistoryEntry inEffectAtStart = null;
        for (final HistoryEntry entry : history) {
            if (entry.occurredAt <= start
                    && (inEffectAtStart == null || entry.occurredAt > inEffectAtStart.occurredAt)) {
                inEffectAtStart = entry;
            }
        }
        if (inEffectAtStart != null) {
            inEffect.add(inEffectAtStart);
        }
        for (final HistoryEntry entry : history) {
            if (entry.occurredAt > start && entry.occurredAt < end) {
                inEffect.add(entry);
            }
        }
        Long lowest = null;
        for (final HistoryEntry entry : inEffect) {
            if (entry.currency.equals(current.currency) && (lowest == null || entry.effectivePrice < lowest)) {
                lowest = entry.effectivePrice;
            }
        }
        return lowest;
    }

    private static int compare(final Stamp a, final Stamp b) {
        final int byTime = Long.compare(a.occurredAt, b.occurredAt);
        return byTime != 0 ? byTime : compareUtf8(a.eventId, b.eventId);
    }

    // ---- plain data ---------------------------------------------------------------------------------

    /** Everything known about one offer. Slot values and history lists are immutable: replaced, never changed. */
    private static final class Offer {
        private final Map<String, StockValue> stock = new HashMap<>();
        private final Map<String, PriceValue> prices = new HashMap<>();
        /** Per channel; kept apart from the slots because only a delisting drops entries. */
        private final Map<String, List<HistoryEntry>> history = new HashMap<>();
        /** Per orderId, the newest version of the line, kept whole even once it has ended. */
        private final Map<String, OrderValue> orders = new HashMap<>();
        private Stamp delisting;
        private long delistingProcessedAt;
        private boolean snapshotEmitted;

        private Offer copy() {
            final Offer copy = new Offer();
            copy.stock.putAll(stock);
            copy.prices.putAll(prices);
            copy.history.putAll(history);
            copy.orders.putAll(orders);
            copy.delisting = delisting;
            copy.delistingProcessedAt = delistingProcessedAt;
            copy.snapshotEmitted = snapshotEmitted;
            return copy;
        }
    }

    /** What {@link #stateOf} answers. */
    private record OfferMemory(Map<String, StockValue> stock, Map<String, PriceValue> prices,
                               Map<String, List<HistoryEntry>> history, Map<String, OrderValue> orders,
                               Stamp delisting, long delistingProcessedAt, boolean snapshotEmitted) {
    }

    /** The version of an event. */
    private record Stamp(long occurredAt, String eventId) {
    }

    private record StockValue(int quantity, Stamp version, long updatedAt) {
    }

    private record PriceValue(String currency, long regularPrice, Long salePrice, long effectivePrice,
                              Stamp version, long updatedAt) {
    }

    /** An order line's newest version; endedAt is the stream time it was first seen ended, else null. */
    private record OrderValue(Stamp version, boolean placed, String locationId, int quantity, Long endedAt) {
    }

    private record HistoryEntry(long occurredAt, String currency, long effectivePrice) {
    }
}
