package dev.stockflow.feed;

/**
 * How many records of each kind a feed held, and how many lines were bad.
 */
public record FeedSummary(long stock, long price, long delist, long badLines) {

    public static final FeedSummary EMPTY = new FeedSummary(0, 0, 0, 0);

    /** All valid records. */
    public long records() {
        return stock + price + delist;
    }

    public long count(final FeedKind kind) {
        return switch (kind) {
            case STOCK -> stock;
            case PRICE -> price;
            case DELIST -> delist;
        };
    }

    public boolean hasBadLines() {
        return badLines > 0;
    }

    /** The totals of two feeds, e.g. to sum up several files. */
    public FeedSummary plus(final FeedSummary other) {
        return new FeedSummary(stock + other.stock, price + other.price, delist + other.delist,
                badLines + other.badLines);
    }

    @Override
    public String toString() {
        return records() + (records() == 1 ? " record (" : " records (") + stock + " stock, " + price + " price, "
                + delist + " delist), " + badLines + (badLines == 1 ? " bad line" : " bad lines");
    }
}
