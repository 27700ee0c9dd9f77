package dev.stockflow.offer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The published snapshot of a listed offer, as values: the one place that says what a snapshot holds
 * (totals, reservations and sellable units, availability, each location, each channel's price with its
 * effective and Omnibus lowest price).
 * The topic's wire format ({@code SnapshotEncoder}) and the HTTP lookup's JSON ({@code SnapshotJson}) both
 * write from it, field by field, so they cannot disagree on a value.
 *
 * <p>A flyweight, because a snapshot is written for every change (the hot path): {@link #show} points the
 * view at an offer's state and computes what is derived from more than one slot (the offer's totals and
 * timestamp, each location's reserved units, each channel's lowest price) once, into fields and arrays the
 * view keeps for the next offer;
 * the accessors then only read. Entries are read by index ({@code 0 <= i < locationCount()}, in locationId
 * order; {@code 0 <= i < priceCount()}, in channel order), so writing a snapshot builds no object per entry.
 *
 * <p>Not thread-safe: a view belongs to one thread, and shows the state as it was at {@link #show} as long
 * as that state is not changed. A value derived from several slots belongs in {@link #show} (computed once);
 * one read from a single slot is an accessor.
 */
public final class SnapshotView {

    private final RuleSettings rules;
    private byte[] offerKey;
    private int partnerIdLength;
    private List<StockSlot> locations;
    private List<PriceSlot> prices;
    private long totalQuantity;
    private long reservedQuantity;
    private long sellableQuantity;
    private long updatedAt;
    /** Per location, the units reserved; only the first {@code locationCount()} are current. */
    private int[] reserved = new int[4];
    /** Per channel, the Omnibus lowest price or null; only the first {@code priceCount()} are current. */
    private Long[] lowestPrices = new Long[4];

    /**
     * An empty view, to {@link #show} offers with.
     *
     * @param rules the rules' settings (the Omnibus window)
     */
    public SnapshotView(final RuleSettings rules) {
        this.rules = rules;
    }

    /** A view of its own of one offer, for callers off the hot path. */
    public static SnapshotView of(final String offerKey, final OfferState state, final RuleSettings rules) {
        return new SnapshotView(rules).show(offerKey.getBytes(StandardCharsets.UTF_8), state);
    }

    /**
     * Points this view at a listed offer's state, forgetting the offer shown before.
     *
     * @param offerKey the offer key's UTF-8 bytes ({@code partnerId + ":" + sku}), as the store and the topics
     *                 carry it; the view keeps the array, so the caller must not change it while it is shown
     * @return this view
     * @throws IllegalArgumentException when the offer is not listed: an offer without slots has no snapshot
     */
    public SnapshotView show(final byte[] offerKey, final OfferState state) {
        if (!state.isListed()) {
            throw new IllegalArgumentException("an offer that is not listed has no snapshot");
        }
        this.offerKey = offerKey;
        this.partnerIdLength = OfferKey.separatorIndex(offerKey);
        this.locations = state.locations();
        this.prices = state.prices();
        this.updatedAt = state.updatedAt();
        summarizeLocations(state);
        summarizePrices();
        return this;
    }

    private void summarizeLocations(final OfferState state) {
        if (reserved.length < locations.size()) {
            reserved = new int[Math.max(locations.size(), reserved.length * 2)];
        }
        long total = 0;
        long reservedTotal = 0;
        long sellable = 0;
        for (int i = 0; i < locations.size(); i++) {
            reserved[i] = state.reservedAt(i);
            total += locations.get(i).quantity();
            reservedTotal += reserved[i];
            sellable += sellableQuantity(i);
        }
        totalQuantity = total;
        reservedQuantity = reservedTotal;
        sellableQuantity = sellable;
    }

    private void summarizePrices() {
        if (lowestPrices.length < prices.size()) {
            lowestPrices = new Long[Math.max(prices.size(), lowestPrices.length * 2)];
        }
        for (int i = 0; i < prices.size(); i++) {
            lowestPrices[i] = prices.get(i).lowestPriceBefore(rules.omnibusWindowMs());
        }
        Arrays.fill(lowestPrices, prices.size(), lowestPrices.length, null); // no reference kept to older offers
    }

    // ---- the offer ----

    /**
     * The offer key's UTF-8 bytes, for writers that copy the partnerId and sku out of it as they are:
     * the partnerId is the first {@link #partnerIdLength()} bytes, the sku everything after the ':' that
     * follows. Not to be changed.
     */
    public byte[] offerKeyUtf8() {
        return offerKey;
    }

    /** The length in UTF-8 bytes of the partnerId at the start of {@link #offerKeyUtf8()}. */
    public int partnerIdLength() {
        return partnerIdLength;
    }

    public String partnerId() {
        return new String(offerKey, 0, partnerIdLength, StandardCharsets.UTF_8);
    }

    public String sku() {
        return new String(offerKey, partnerIdLength + 1, offerKey.length - partnerIdLength - 1,
                StandardCharsets.UTF_8);
    }

    /** The sum of the location quantities, as the partners counted them (reservations not deducted). */
    public long totalQuantity() {
        return totalQuantity;
    }

    /** The sum of the locations' reserved units. */
    public long reservedQuantity() {
        return reservedQuantity;
    }

    /** The sum of the locations' sellable units. */
    public long sellableQuantity() {
        return sellableQuantity;
    }

    /** Whether the offer can be sold: some location has units that no open order line reserves. */
    public boolean available() {
        return sellableQuantity > 0;
    }

    /** The greatest updatedAt among the slots, epoch milliseconds. */
    public long updatedAt() {
        return updatedAt;
    }

    // ---- locations, by index in locationId order ----

    public int locationCount() {
        return locations.size();
    }

    public String locationId(final int location) {
        return locations.get(location).locationId();
    }

    public int quantity(final int location) {
        return locations.get(location).quantity();
    }

    /** The units that open order lines placed after the location's count reserve there. */
    public int reservedQuantity(final int location) {
        return reserved[location];
    }

    /** The units that can be sold at the location: its quantity less its reserved units, at least 0. */
    public int sellableQuantity(final int location) {
        return Math.max(0, locations.get(location).quantity() - reserved[location]);
    }

    /** When the location's quantity or reserved quantity last changed, epoch milliseconds. */
    public long locationUpdatedAt(final int location) {
        return locations.get(location).updatedAt();
    }

    // ---- prices, by index in channel order ----

    public int priceCount() {
        return prices.size();
    }

    public String channel(final int price) {
        return prices.get(price).channel();
    }

    public String currency(final int price) {
        return prices.get(price).currency();
    }

    public long regularPrice(final int price) {
        return prices.get(price).regularPrice();
    }

    /** Null when there is no sale. */
    public Long salePrice(final int price) {
        return prices.get(price).salePrice();
    }

    /** The sale price if set, else the regular price. */
    public long effectivePrice(final int price) {
        return prices.get(price).effectivePrice();
    }

    /**
     * EU Omnibus: the lowest effective price of the window (settings' {@code omnibusWindowMs}, 30 days by
     * default, hence the name) before the channel's current price took effect; null when there is none.
     */
    public Long lowestPrice30d(final int price) {
        return lowestPrices[price];
    }

    /** When the channel's current price took effect, epoch milliseconds. */
    public long priceUpdatedAt(final int price) {
        return prices.get(price).updatedAt();
    }
}
