package dev.stockflow.topology;

import dev.stockflow.state.StoredOffer;

/** The three input streams; the ordinal indexes per-input arrays (offsets, counters). */
public enum Input {
    STOCK(StoredOffer.STOCK),
    PRICE(StoredOffer.PRICE),
    DELISTING(StoredOffer.DELISTING);

    private final int index;

    Input(final int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }
}
