package dev.stockflow.feed;

import dev.stockflow.offer.Input;

/** Passes everything on to another sink and counts it on the way. */
final class CountingSink implements FeedSink {

    private final FeedSink delegate;
    private final long[] perInput = new long[Input.values().length];
    private long badLines;

    CountingSink(final FeedSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void accept(final ParsedRecord record) {
        delegate.accept(record);
        perInput[record.input().ordinal()]++;
    }

    @Override
    public void reject(final FeedError error) {
        delegate.reject(error);
        badLines++;
    }

    FeedSummary summary() {
        return new FeedSummary(perInput, badLines);
    }
}
