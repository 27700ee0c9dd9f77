package dev.stockflow.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stockflow's counters at one moment, as counted since the process started: the events by outcome (summed over
 * the input topics, {@code invalid} included), the snapshots, the tombstones, the dead letters by error code and
 * the snapshot latency histogram. Rates are the differences between two of them.
 *
 * @param eventsByOutcome    events per outcome label, in the order the page shows them
 * @param deadLettersByCode  dead letters per error code, in the order the page shows them
 */
public record Totals(Map<String, Long> eventsByOutcome, long snapshots, long tombstones,
                     Map<String, Long> deadLettersByCode, LatencyCounts latency) {

    public Totals {
        eventsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByOutcome));
        deadLettersByCode = Collections.unmodifiableMap(new LinkedHashMap<>(deadLettersByCode));
    }

    /** Every event handled, whatever its outcome. */
    public long events() {
        return eventsByOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every dead letter, whatever its code. */
    public long deadLetters() {
        return deadLettersByCode.values().stream().mapToLong(Long::longValue).sum();
    }
}
