package dev.stockflow.feed;

import dev.stockflow.offer.Input;
import java.util.Arrays;

/**
 * How many records of each input a feed held, and how many lines were bad.
 */
public final class FeedSummary {

    public static final FeedSummary EMPTY = new FeedSummary(new long[Input.values().length], 0);

    private final long[] perInput;
    private final long badLines;

    /** @param perInput the count of each input, indexed by its ordinal (copied) */
    FeedSummary(final long[] perInput, final long badLines) {
        if (perInput.length != Input.values().length) {
            throw new IllegalArgumentException("one count per input expected, got " + perInput.length);
        }
        this.perInput = perInput.clone();
        this.badLines = badLines;
    }

    /** All valid records. */
    public long records() {
        return Arrays.stream(perInput).sum();
    }

    public long count(final Input input) {
        return perInput[input.ordinal()];
    }

    public long badLines() {
        return badLines;
    }

    public boolean hasBadLines() {
        return badLines > 0;
    }

    /** The totals of two feeds, e.g. to sum up several files. */
    public FeedSummary plus(final FeedSummary other) {
        final long[] sum = counts();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.perInput[i];
        }
        return new FeedSummary(sum, badLines + other.badLines);
    }

    /** A copy of the counts, indexed by input ordinal. */
    long[] counts() {
        return perInput.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FeedSummary summary && badLines == summary.badLines
                && Arrays.equals(perInput, summary.perInput);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(perInput) + Long.hashCode(badLines);
    }

    /** For example {@code 3 records (2 stock, 0 price, 1 delist), 1 bad line}: inputs by their feed type name. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder().append(records())
                .append(records() == 1 ? " record (" : " records (");
        for (final Input input : Input.values()) {
            text.append(input.ordinal() == 0 ? "" : ", ").append(count(input)).append(' ').append(input.typeName());
        }
        return text.append("), ").append(badLines).append(badLines == 1 ? " bad line" : " bad lines").toString();
    }
}
