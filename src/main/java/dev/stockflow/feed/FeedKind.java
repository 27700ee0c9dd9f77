package dev.stockflow.feed;

import dev.stockflow.topology.Input;

/** The three kinds of input event, named as in the {@code type} field of a JSON Lines feed. */
public enum FeedKind {
    /** A {@code StockUpdate}: absolute quantity at one location. */
    STOCK("stock", Input.STOCK),
    /** A {@code PriceUpdate}: price on one sales channel. */
    PRICE("price", Input.PRICE),
    /** An {@code OfferDelisted}: the partner withdrew the offer. */
    DELIST("delist", Input.DELISTING);

    private final String typeName;
    private final Input input;

    FeedKind(final String typeName, final Input input) {
        this.typeName = typeName;
        this.input = input;
    }

    /** The input stream (and so the topic) this kind of record belongs to. */
    public Input input() {
        return input;
    }

    /** The value of the {@code type} field in a JSON Lines feed. */
    public String typeName() {
        return typeName;
    }

    /** The kind for a {@code type} value, or null when there is none (names are case-sensitive). */
    public static FeedKind ofTypeName(final String typeName) {
        for (final FeedKind kind : values()) {
            if (kind.typeName.equals(typeName)) {
                return kind;
            }
        }
        return null;
    }
}
