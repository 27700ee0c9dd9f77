package dev.stockflow.restore;

import java.util.List;
import java.util.OptionalLong;

/**
 * One store's restoration over its changelog partitions that are still restoring.
 *
 * @param store            the state store
 * @param partitions       how many of its changelog partitions are still restoring
 * @param restoredRecords  records restored so far into those partitions
 * @param remainingRecords what is left of them, in changelog offsets (see {@link PartitionProgress})
 * @param recordsPerSecond the store's recent restore rate in changelog offsets per second (see
 *                         {@link RestoreRate}), or NaN while it cannot be measured yet
 */
public record StoreProgress(String store, int partitions, long restoredRecords, long remainingRecords,
                            double recordsPerSecond) {

    /** Sums the partitions (all of the same store, all restoring) under the store's recent rate. */
    static StoreProgress of(final String store, final List<PartitionProgress> restoring,
                            final double recordsPerSecond) {
        long restored = 0;
        long remaining = 0;
        for (final PartitionProgress partition : restoring) {
            restored += partition.restoredRecords();
            remaining += partition.remainingRecords();
        }
        return new StoreProgress(store, restoring.size(), restored, remaining, recordsPerSecond);
    }

    /** The time left at the recent rate; empty while the rate is unknown or nothing moves. */
    public OptionalLong etaSeconds() {
        return Eta.seconds(remainingRecords, recordsPerSecond);
    }
}
