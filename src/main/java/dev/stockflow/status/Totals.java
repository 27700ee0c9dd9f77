package dev.stockflow.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stockflow's counters at one moment, as counted since the process started: the events by outcome (summed over
 * the input topics, {@code invalid} included), the order events by outcome on their own (the order topic's share
 * of the former: what its outcomes mean differs, SPEC section 10), the snapshots, the tombstones, the dead letters
 * by error code and the snapshot latency histogram. Rates are the differences between two of them.
 *
 * @param eventsByOutcome      events per outcome label, in the order the page shows them
 * @param orderEventsByOutcome the events of the order topic per outcome label, in the same order
 * @param deadLettersByCode    dead letters per error code, in the order the page shows them
 */
public record Totals(Map<String, Long> eventsByOutcome, Map<String, Long> orderEventsByOutcome, long snapshots,
                     long tombstones, Map<String, Long> deadLettersByCode, LatencyCounts latency) {

    public Totals {
        eventsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByOutcome));
        orderEventsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(orderEventsByOutcome));
        deadLettersByCode = Collections.unmodifiableMap(new LinkedHashMap<>(deadLettersByCode));
    }

    /** Every event handled, whatever its outcome. */
    public long events() {
        return sum(eventsByOutcome);
    }

    /** Every order event handled, whatever its outcome (part of {@link #events()}). */
    public long orderEvents() {
        return sum(orderEventsByOutcome);
    }

    /** Every dead letter, whatever its code. */
    public long deadLetters() {
        return sum(deadLettersByCode);
    }

    private static long sum(final Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
