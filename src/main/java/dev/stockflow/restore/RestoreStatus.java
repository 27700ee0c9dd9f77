package dev.stockflow.restore;

import java.util.List;
import java.util.OptionalLong;

/**
 * An immutable view of this instance's state restoration, taken at one moment by {@link RestoreTracker}: what
 * the readiness answer, the metrics and the progress log read, so none of them holds the tracker's lock.
 *
 * @param partitions           every changelog partition tracked since it last started restoring here: those still
 *                             restoring and those done (remaining 0), ordered by store, topic and partition
 * @param stores               the stores with partitions still restoring, by name, each with its current
 *                             restoration; empty when nothing restores
 * @param totalRestoredRecords records restored into any store since the process started (only ever grows)
 */
public record RestoreStatus(List<PartitionProgress> partitions, List<StoreProgress> stores,
                            long totalRestoredRecords) {

    /** Nothing restored, nothing restoring. */
    public static final RestoreStatus IDLE = new RestoreStatus(List.of(), List.of(), 0);

    public RestoreStatus {
        partitions = List.copyOf(partitions);
        stores = List.copyOf(stores);
    }

    /** Whether any active store partition of this instance is still restoring. */
    public boolean restoring() {
        return !stores.isEmpty();
    }

    /** The partitions of the current restorations of the stores still restoring, those already done included. */
    public List<PartitionProgress> currentPartitions() {
        return stores.stream().flatMap(store -> store.partitions().stream()).toList();
    }

    /** Records restored so far in the current restorations. */
    public long restoredRecords() {
        return stores.stream().mapToLong(StoreProgress::restoredRecords).sum();
    }

    /** What is left to restore, in changelog offsets: an upper bound on the records. */
    public long remainingRecords() {
        return stores.stream().mapToLong(StoreProgress::remainingRecords).sum();
    }

    /** The recent restore rate of all stores together; NaN while none can be measured yet. */
    public double recordsPerSecond() {
        double sum = 0;
        boolean known = false;
        for (final StoreProgress store : stores) {
            if (!Double.isNaN(store.recordsPerSecond())) {
                sum += store.recordsPerSecond();
                known = true;
            }
        }
        return known ? sum : Double.NaN;
    }

    /** The time left for everything still restoring at the recent overall rate; empty when unknown. */
    public OptionalLong etaSeconds() {
        return Eta.seconds(remainingRecords(), recordsPerSecond());
    }
}
