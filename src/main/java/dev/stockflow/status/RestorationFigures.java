package dev.stockflow.status;

import java.util.OptionalLong;

/**
 * Where the restoration of this instance's state stores stands, as the status page shows it: the figures of
 * the partitions still restoring, summed over every store.
 *
 * @param restoring        whether any store partition of this instance is still restoring
 * @param partitions       how many store partitions are still restoring
 * @param restoredRecords  records restored so far into those partitions
 * @param remainingRecords what is left of them (changelog offsets: an upper bound on the records)
 * @param recordsPerSecond the recent restore rate, NaN while it cannot be measured yet
 * @param etaSeconds       the estimate of the time left, empty when unknown
 */
public record RestorationFigures(boolean restoring, int partitions, long restoredRecords, long remainingRecords,
                                 double recordsPerSecond, OptionalLong etaSeconds) {
}
