package dev.stockflow.bench.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one chaos run found.
 *
 * @param settings     what it was set to
 * @param startedAt    when it started
 * @param wallMillis   how long it took, check included
 * @param faults       the faults injected (empty when the run stopped before any)
 * @param verification the check of the output, or null when the run stopped before it could be checked
 * @param figures      figures of the mode (fail-over times, lookups checked), by name
 * @param failures     why the run failed, apart from the check: a fault Stockflow did not recover from in time,
 *                     too few kills with work left, too few events
 */
record ChaosResult(ChaosSettings settings, Instant startedAt, long wallMillis, FaultLog faults,
                   Verification verification, Map<String, Object> figures, List<String> failures) {

    /** Exactly-once modes must pass the full check; the at-least-once control only the final values. */
    boolean passed() {
        if (!failures.isEmpty() || verification == null) {
            return false;
        }
        return settings.mode().exactlyOnce() ? verification.exactlyOncePassed() : verification.finalValuesPassed();
    }
}
