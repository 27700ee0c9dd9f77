package dev.stockflow.restore;

import java.util.List;
import java.util.OptionalLong;

/**
 * One store's current restoration: the changelog partitions that started restoring since the store last had
 * none restoring, those already restored included (with nothing remaining), so that a partition that finishes
 * does not take its records out of the totals while the others restore.
 *
 * @param store            the state store
 * @param partitions       its partitions in the current restoration, ordered by topic and partition
 * @param recordsPerSecond the store's recent restore rate in changelog offsets per second (see
 *                         {@link RestoreRate}), or NaN while it cannot be measured yet
 */
public record StoreProgress(String store, List<PartitionProgress> partitions, double recordsPerSecond) {

    public StoreProgress {
        partitions = List.copyOf(partitions);
    }

    /** How many of the partitions are still restoring. */
    public int restoringPartitions() {
        return (int) partitions.stream().filter(PartitionProgress::restoring).count();
    }

    /** Records restored so far in the current restoration. */
    public long restoredRecords() {
        return partitions.stream().mapToLong(PartitionProgress::restoredRecords).sum();
    }

    /** What is left of it, in changelog offsets (see {@link PartitionProgress}). */
    public long remainingRecords() {
        return partitions.stream().mapToLong(PartitionProgress::remainingRecords).sum();
    }

    /** The time left at the recent rate; empty while the rate is unknown or nothing moves. */
    public OptionalLong etaSeconds() {
        return Eta.seconds(remainingRecords(), recordsPerSecond);
    }
}
