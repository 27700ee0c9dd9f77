package dev.stockflow.topology;

import dev.stockflow.deadletter.RejectionListener;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;

/**
 * Hears what the topology does with each record (dead letters included), for metrics. Called on the stream
 * thread, once per event on the hot path: implementations must be cheap and thread-safe.
 */
public interface ProcessingListener extends RejectionListener {

    /** Ignores everything. */
    ProcessingListener NONE = new ProcessingListener() {
    };

    /** A valid event was applied with this outcome. */
    default void onOutcome(final Input input, final Outcome outcome) {
    }

    /**
     * The event just counted by {@link #onOutcome} was a dead letter that {@code dlq replay} had sent back (it
     * carries {@code stockflow.replay.of}): what the replay came to.
     */
    default void onReplayOutcome(final Input input, final Outcome outcome) {
    }

    /** A snapshot was emitted; {@code latencyMs} is the wall-clock time since the event's record timestamp. */
    default void onSnapshot(final long latencyMs) {
    }

    /** A tombstone was emitted. */
    default void onTombstone() {
    }
}
