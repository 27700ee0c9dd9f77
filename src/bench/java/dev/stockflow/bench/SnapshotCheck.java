package dev.stockflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an application's final snapshots compare with the expected ones, offer by offer.
 *
 * @param expectedOffers   offers that should have a snapshot
 * @param actualOffers     offers that have one
 * @param missing          expected but absent
 * @param unexpected       present but not expected (or not tombstoned when they should be)
 * @param valueMismatches  present on both sides with other final values (quantities, prices)
 * @param historyMismatches same final values but other timestamps or Omnibus lowest price
 * @param examples         a few offending offer keys
 */
record SnapshotCheck(long expectedOffers, long actualOffers, long missing, long unexpected, long valueMismatches,
                     long historyMismatches, List<String> examples) {

    private static final int EXAMPLES = 5;

    static SnapshotCheck compare(final Map<String, SnapshotDigest> expected, final Map<String, SnapshotDigest> actual) {
        long missing = 0;
        long values = 0;
        long history = 0;
        final List<String> examples = new ArrayList<>();
        for (final Map.Entry<String, SnapshotDigest> entry : expected.entrySet()) {
            final SnapshotDigest found = actual.get(entry.getKey());
            final boolean wrong;
            if (found == null) {
                missing++;
                wrong = true;
            } else if (found.values() != entry.getValue().values()) {
                values++;
                wrong = true;
            } else if (found.all() != entry.getValue().all()) {
                history++;
                wrong = true;
            } else {
                wrong = false;
            }
            if (wrong && examples.size() < EXAMPLES) {
                examples.add(entry.getKey());
            }
        }
        long unexpected = 0;
        for (final String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                unexpected++;
                if (examples.size() < EXAMPLES) {
                    examples.add(key);
                }
            }
        }
        return new SnapshotCheck(expected.size(), actual.size(), missing, unexpected, values, history,
                List.copyOf(examples));
    }

    /** Every offer exists exactly where expected, with the expected quantities and prices. */
    boolean valuesMatch() {
        return missing == 0 && unexpected == 0 && valueMismatches == 0;
    }

    /** Every field of every snapshot is as expected. */
    boolean exact() {
        return valuesMatch() && historyMismatches == 0;
    }

    String summary() {
        if (exact()) {
            return "all " + expectedOffers + " final snapshots equal";
        }
        return expectedOffers + " expected, " + actualOffers + " found: " + missing + " missing, " + unexpected
                + " unexpected, " + valueMismatches + " with other values, " + historyMismatches
                + " with other timestamps or lowest price; e.g. " + examples;
    }
}
