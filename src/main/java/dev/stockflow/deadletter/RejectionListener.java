package dev.stockflow.deadletter;

import dev.stockflow.offer.Input;

/**
 * Hears of every record sent to the dead-letter topic, for metrics. Called on the stream thread:
 * implementations must be cheap and thread-safe.
 */
public interface RejectionListener {

    /** A bad record of this input went to the dead-letter topic. */
    default void onRejected(final Input input, final RejectReason reason) {
    }
}
