package dev.stockflow.offer;

import java.util.Objects;

/** The price of one (offer, channel) slot, the version of the update applied last, and its history. */
public final class PriceSlot extends Slot {

    private final String channel;
    private String currency;
    private long regularPrice;
    private Long salePrice;
    private final PriceHistory history;

    public PriceSlot(final String channel, final String currency, final long regularPrice, final Long salePrice,
              final Version version, final long updatedAt, final PriceHistory history) {
        super(version, updatedAt);
        this.channel = channel;
        this.currency = currency;
        this.regularPrice = regularPrice;
        this.salePrice = salePrice;
        this.history = history;
    }

    public static PriceSlot first(final OfferEvent.PriceChange change, final long window) {
        final PriceSlot slot = new PriceSlot(change.channel(), change.currency(), change.regularPrice(),
                change.salePrice(), change.version(), change.occurredAt(), new PriceHistory());
        slot.recordInHistory(window);
        return slot;
    }

    /** An independent copy; versions and history points are immutable and shared. */
    public PriceSlot copy() {
        return new PriceSlot(channel, currency, regularPrice, salePrice, version(), updatedAt(), history.copy());
    }

    public String channel() {
        return channel;
    }

    public String currency() {
        return currency;
    }

    public long regularPrice() {
        return regularPrice;
    }

    /** Null when there is no sale. */
    public Long salePrice() {
        return salePrice;
    }

    public long effectivePrice() {
        return salePrice != null ? salePrice : regularPrice;
    }

    public PriceHistory history() {
        return history;
    }

    /** EU Omnibus: the lowest effective price in effect during the window before this price took effect. */
    public Long lowestPriceBefore(final long window) {
        return history.lowest(updatedAt(), window, currency);
    }

    /** Applies an update whose version {@link #notNewer} found newer: changed or unchanged. */
    public Outcome applyNewer(final OfferEvent.PriceChange change, final long window) {
        advanceTo(change.version());
        if (sameValue(change)) {
            return Outcome.UNCHANGED;
        }
        // The same text keeps its object: the history entries then share one currency string, whose UTF-8
        // bytes the encoders already hold (a fresh string per event cost a hash and an encoding per entry).
        if (!currency.equals(change.currency())) {
            currency = change.currency();
        }
        regularPrice = change.regularPrice();
        salePrice = change.salePrice();
        valueSetAt(change.occurredAt());
        recordInHistory(window);
        return Outcome.CHANGED;
    }

    /** Drops history a delisting at {@code delistedAt} removes; true when the Omnibus price changed. */
    public boolean dropHistoryUpTo(final long delistedAt, final long window) {
        final Long before = lowestPriceBefore(window);
        history.dropUpTo(delistedAt);
        final Long after = lowestPriceBefore(window);
        return before == null ? after != null : !before.equals(after);
    }

    private boolean sameValue(final OfferEvent.PriceChange change) {
        return regularPrice == change.regularPrice()
                && Objects.equals(salePrice, change.salePrice())
                && currency.equals(change.currency());
    }

    private void recordInHistory(final long window) {
        history.record(new PricePoint(updatedAt(), currency, effectivePrice()));
        history.pruneBefore(updatedAt(), window);
    }
}
