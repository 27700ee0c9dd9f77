package dev.stockflow.bench.chaos;

import java.util.List;

/**
 * What the checker found in a run's output.
 *
 * @param inputRecords      input records read back (the run's events, producer retries included)
 * @param orderLines        how many of them are order lines
 * @param offers            offers with input or snapshots
 * @param snapshotsChecked  snapshot-topic records checked (snapshots and tombstones)
 * @param explained         offers whose records one uninterrupted run could have written
 * @param unexplained       offers whose records, as written, no merge of their input explains
 * @param overBudget        offers the search gave up on (counted as a failure: unknown is not right)
 * @param lost              records the closest merge writes that are missing (offers not explained even without
 *                          their repeated records)
 * @param duplicated        records written again: of an offer explained once the records repeating an earlier
 *                          one are left out, those; of an offer not explained even so, its repeated records
 * @param wrong             other records the closest merge does not write (offers not explained even without
 *                          their repeated records)
 * @param finalWrong        offers whose last record is not the final snapshot of their explaining (or
 *                          closest) merge, every field compared
 * @param finalValuesWrong  offers whose last record shows other final values (existence, quantities, prices)
 *                          than their set of events settles, whatever the order
 * @param rejected          input records the processor had to dead-letter (the workload has none)
 * @param deadLetters       records on the dead-letter topic
 * @param searchNodes       events the search delivered to its models, over all offers
 * @param examples          a description of a few offers that were not explained, for the report
 */
record Verification(long inputRecords, long orderLines, long offers, long snapshotsChecked, long explained,
                    long unexplained, long overBudget, long lost, long duplicated, long wrong, long finalWrong,
                    long finalValuesWrong, long rejected, long deadLetters, long searchNodes, List<String> examples) {

    /**
     * The promise of exactly-once: every offer explained (nothing lost, nothing twice, nothing wrong), its
     * final snapshot right, and good input giving no dead letters.
     */
    boolean exactlyOncePassed() {
        return unexplained == 0 && overBudget == 0 && finalWrong == 0 && finalValuesPassed();
    }

    /** What at-least-once promises: the final values right, and no dead letters. Duplicates are allowed. */
    boolean finalValuesPassed() {
        return finalValuesWrong == 0 && rejected == 0 && deadLetters == 0;
    }
}
