package dev.stockflow.feed;

/** Passes everything on to another sink and counts it on the way. */
final class CountingSink implements FeedSink {

    private final FeedSink delegate;
    private final long[] perKind = new long[FeedKind.values().length];
    private long badLines;

    CountingSink(final FeedSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void accept(final ParsedRecord record) {
        delegate.accept(record);
        perKind[record.kind().ordinal()]++;
    }

    @Override
    public void reject(final FeedError error) {
        delegate.reject(error);
        badLines++;
    }

    FeedSummary summary() {
        return new FeedSummary(perKind[FeedKind.STOCK.ordinal()], perKind[FeedKind.PRICE.ordinal()],
                perKind[FeedKind.DELIST.ordinal()], badLines);
    }
}
