package dev.stockflow.feed;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.InputRules;
import org.apache.avro.specific.SpecificRecord;

/** What the feed code needs to know about the input records, without caring which one it holds. */
public final class FeedRecords {

    private FeedRecords() {
    }

    /** The input (and so the topic) the record belongs to. */
    public static Input inputOf(final SpecificRecord record) {
        final Input input = Input.ofRecord(record);
        if (input == null) {
            throw new IllegalArgumentException("not a feed record: "
                    + (record == null ? "null" : record.getClass().getName()));
        }
        return input;
    }

    /** The offer key {@code partnerId + ":" + sku} the record belongs under. */
    public static String offerKey(final SpecificRecord record) {
        return inputOf(record).recordType().offerKey(record);
    }

    /** The record's occurredAt in epoch milliseconds. */
    public static long occurredAt(final SpecificRecord record) {
        return inputOf(record).recordType().occurredAt(record).toEpochMilli();
    }

    /**
     * Validates the record: the field rules of {@link InputRules}, plus a non-negative occurredAt, because
     * the record's occurredAt becomes its Kafka timestamp and those cannot be negative.
     *
     * @return null when valid, else a message naming the offending field
     */
    public static String check(final SpecificRecord record) {
        final String error = inputOf(record).recordType().violation(record);
        if (error != null) {
            return error;
        }
        final long occurredAt = occurredAt(record);
        return occurredAt < 0 ? OccurredAt.negativeMessage(occurredAt) : null;
    }
}
