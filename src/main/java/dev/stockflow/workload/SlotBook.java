package dev.stockflow.workload;

import java.util.Arrays;

/**
 * The generator's record of every slot, mirroring what Stockflow will have applied: the occurredAt of the
 * latest version and the current value. It is what lets the generator make a re-push truly unchanged, an
 * out-of-order event truly older, and a change truly a change.
 *
 * <p>Slots are numbered: first the stock slots ({@code offer * locations + location}), then the price
 * slots. Everything lives in primitive arrays: about 30 bytes per slot.
 */
final class SlotBook {

    static final long NEVER = Long.MIN_VALUE;
    /** How many known slots a re-push looks at before giving up (all of them delisted, say). */
    private static final int REPUSH_SCAN_LIMIT = 64;

    private final int locations;
    private final int channels;
    private final int stockSlots;
    private final long[] latest;
    private final int[] quantity;
    private final long[] regularPrice;
    private final long[] salePrice;
    private final int[] known;
    private final boolean[] isKnown;
    private int knownCount;
    private int repushCursor;

    SlotBook(final int offers, final int locations, final int channels) {
        this.locations = locations;
        this.channels = channels;
        stockSlots = offers * locations;
        final int slots = stockSlots + offers * channels;
        latest = new long[slots];
        Arrays.fill(latest, NEVER);
        quantity = new int[stockSlots];
        Arrays.fill(quantity, -1);
        regularPrice = new long[offers * channels];
        salePrice = new long[offers * channels];
        known = new int[slots];
        isKnown = new boolean[slots];
    }

    int stockSlot(final int offer, final int location) {
        return offer * locations + location;
    }

    int priceSlot(final int offer, final int channel) {
        return stockSlots + offer * channels + channel;
    }

    boolean isStock(final int slot) {
        return slot < stockSlots;
    }

    int offerOf(final int slot) {
        return isStock(slot) ? slot / locations : (slot - stockSlots) / channels;
    }

    /** The location of a stock slot, or the channel of a price slot. */
    int placeOf(final int slot) {
        return isStock(slot) ? slot % locations : (slot - stockSlots) % channels;
    }

    /** The occurredAt of the slot's latest version, or {@link #NEVER}. */
    long latest(final int slot) {
        return latest[slot];
    }

    /** The earliest occurredAt, not before {@code now}, that is newer than the slot's latest version. */
    long nextOccurredAt(final int slot, final long now) {
        return latest[slot] == NEVER ? now : Math.max(now, latest[slot] + 1);
    }

    boolean hasValue(final int slot) {
        return isStock(slot) ? quantity[slot] >= 0 : regularPrice[slot - stockSlots] > 0;
    }

    int quantity(final int slot) {
        return quantity[slot];
    }

    /** 0 when the slot has no price. */
    long regularPrice(final int slot) {
        return regularPrice[slot - stockSlots];
    }

    /** 0 when there is no sale. */
    long salePrice(final int slot) {
        return salePrice[slot - stockSlots];
    }

    void setQuantity(final int slot, final int value, final long occurredAt) {
        quantity[slot] = value;
        advance(slot, occurredAt);
    }

    void setPrice(final int slot, final long regular, final long sale, final long occurredAt) {
        regularPrice[slot - stockSlots] = regular;
        salePrice[slot - stockSlots] = sale;
        advance(slot, occurredAt);
    }

    /** A newer version with the same value. */
    void advance(final int slot, final long occurredAt) {
        latest[slot] = occurredAt;
        if (!isKnown[slot]) {
            isKnown[slot] = true;
            known[knownCount++] = slot;
        }
    }

    /**
     * Delists the offer at the earliest time not before {@code now} that is newer than all its slots, so
     * that the delisting removes them all; clears their values.
     *
     * @return the delisting's occurredAt
     */
    long delist(final int offer, final long now) {
        long at = now;
        for (int location = 0; location < locations; location++) {
            at = Math.max(at, nextOccurredAt(stockSlot(offer, location), now));
        }
        for (int channel = 0; channel < channels; channel++) {
            at = Math.max(at, nextOccurredAt(priceSlot(offer, channel), now));
        }
        for (int location = 0; location < locations; location++) {
            final int slot = stockSlot(offer, location);
            quantity[slot] = -1;
            latest[slot] = at;
        }
        for (int channel = 0; channel < channels; channel++) {
            final int slot = priceSlot(offer, channel);
            regularPrice[slot - stockSlots] = 0;
            salePrice[slot - stockSlots] = 0;
            latest[slot] = at;
        }
        return at;
    }

    /** How many slots have ever had a value. */
    int knownCount() {
        return knownCount;
    }

    /** The index-th slot that ever had a value, in the order they got one. */
    int knownSlot(final int index) {
        return known[index];
    }

    /**
     * The next slot of the full-feed walk: the slots that ever had a value, in a cycle, skipping those
     * without one now (delisted offers).
     *
     * @return the slot, or -1 when none was found close by
     */
    int nextRepushSlot() {
        for (int scanned = 0; scanned < Math.min(knownCount, REPUSH_SCAN_LIMIT); scanned++) {
            if (repushCursor >= knownCount) {
                repushCursor = 0;
            }
            final int slot = known[repushCursor++];
            if (hasValue(slot)) {
                return slot;
            }
        }
        return -1;
    }
}
