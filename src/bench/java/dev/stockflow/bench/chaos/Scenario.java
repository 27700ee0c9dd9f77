package dev.stockflow.bench.chaos;

import java.util.List;

/** What a chaos mode does to Stockflow while the input flows, and what it checks beyond the output. */
interface Scenario {

    /** Runs the mode; returns once every input record is processed and the instances are stopped. */
    FaultLog run();

    /**
     * Checks what the mode observed against the output read back (e.g. lookups against the snapshot topic),
     * adding its figures to the result's and a failure for each thing wrong.
     */
    default void check(final ChaosOutput output, final List<String> failures) {
    }
}
