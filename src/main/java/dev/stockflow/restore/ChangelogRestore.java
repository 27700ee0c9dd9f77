package dev.stockflow.restore;

/**
 * The progress of one changelog partition being restored into its store, counted from changelog offsets the
 * way Kafka Streams reports them to a restore listener. Not thread-safe: {@link RestoreTracker} guards it.
 *
 * <p>What remains is the end offset taken at the start minus the next offset to restore, never the end minus
 * the start minus the records restored: under exactly-once the changelog holds transaction markers (and may
 * hold aborted records) that take offsets but are never restored, so that difference would stay above 0 for
 * good (the bug of Kafka's own {@code restore-remaining-records-total} up to 4.3.1, KAFKA-20711).
 */
final class ChangelogRestore {

    private final long startOffset;
    private final long endOffset;
    private final long startedNanos;
    private final int restoration;
    private long nextOffset;
    private long restoredRecords;
    private boolean done;

    /**
     * @param startOffset the first offset to restore
     * @param endOffset   the end offset (exclusive) Kafka Streams restores up to
     * @param restoration which of its store's restorations it belongs to
     */
    ChangelogRestore(final long startOffset, final long endOffset, final long startedNanos, final int restoration) {
        this.startOffset = startOffset;
        this.endOffset = endOffset;
        this.startedNanos = startedNanos;
        this.restoration = restoration;
        this.nextOffset = startOffset;
    }

    /**
     * A batch was restored.
     *
     * @param batchEndOffset the offset of the batch's last record (inclusive)
     * @param records        the records the batch applied
     * @return how many offsets the restoration moved on
     */
    long batchRestored(final long batchEndOffset, final long records) {
        final long next = Math.max(nextOffset, batchEndOffset + 1);
        final long moved = next - nextOffset;
        nextOffset = next;
        restoredRecords += records;
        return moved;
    }

    /** Kafka Streams says the partition is restored: whatever the offsets say, nothing remains. */
    void ended(final long totalRestored) {
        restoredRecords = totalRestored;
        done = true;
    }

    /** Whether there was anything to restore at all (a store whose checkpoint was at the end has nothing). */
    boolean hadWork() {
        return endOffset > startOffset;
    }

    long restoredRecords() {
        return restoredRecords;
    }

    long startedNanos() {
        return startedNanos;
    }

    int restoration() {
        return restoration;
    }

    boolean restoring() {
        return !done;
    }

    /** Offsets left until the end offset: an upper bound on the records left; 0 once ended. */
    long remainingRecords() {
        return done ? 0 : Math.max(0, endOffset - nextOffset);
    }

    PartitionProgress view(final String store, final String topic, final int partition) {
        return new PartitionProgress(store, topic, partition, restoredRecords, remainingRecords(), !done);
    }
}
