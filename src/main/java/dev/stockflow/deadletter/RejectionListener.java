package dev.stockflow.deadletter;

import dev.stockflow.offer.Input;
import org.apache.kafka.common.header.Headers;

/**
 * Hears of every record sent to the dead-letter topic, for metrics. Called on the stream thread:
 * implementations must be cheap and thread-safe.
 */
public interface RejectionListener {

    /** A bad record of this input went to the dead-letter topic. */
    default void onRejected(final Input input, final RejectReason reason) {
    }

    /**
     * Counts a record of this input sent to the dead-letter topic, and also as a failed replay when its headers
     * mark it as a dead letter {@code dlq replay} had sent back.
     */
    default void countRejected(final Input input, final RejectReason reason, final Headers headers) {
        onRejected(input, reason);
        if (ReplayHeaders.isReplay(headers)) {
            onReplayRejected(input);
        }
    }

    /**
     * The record just counted by {@link #onRejected} was a dead letter that {@code dlq replay} had sent back: it
     * failed again (and went back to the dead-letter topic, still marked as a replay).
     */
    default void onReplayRejected(final Input input) {
    }

    /**
     * Kafka refused to write an offer's state to its changelog because the record is too large (an offer with
     * very many order lines, say). The store keeps the state, but a restore would bring back an older one.
     */
    default void onStateNotWritten() {
    }
}
