package dev.stockflow.feed;

/** The three kinds of input event, named as in the {@code type} field of a JSON Lines feed. */
public enum FeedKind {
    /** A {@code StockUpdate}: absolute quantity at one location. */
    STOCK("stock"),
    /** A {@code PriceUpdate}: price on one sales channel. */
    PRICE("price"),
    /** An {@code OfferDelisted}: the partner withdrew the offer. */
    DELIST("delist");

    private final String typeName;

    FeedKind(final String typeName) {
        this.typeName = typeName;
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
