package dev.stockflow.deadletter;

/** What {@code dlq replay} does with one dead letter; everything but {@link #REPLAY} counts as skipped. */
public enum ReplayDecision {
    /** Sent back to its source topic. */
    REPLAY,
    /** Left out by the filters given on the command line (--code, --source-topic, --from, --to). */
    FILTERED_OUT,
    /**
     * A replayed record that failed again (it carries {@code stockflow.replay.of}), left out because
     * {@code --skip-replayed} asked for it: so a replay on a schedule does not send a record that cannot succeed
     * back on every run.
     */
    FAILED_REPLAY,
    /** Its source topic is missing or not one of the application's input topics: there is nowhere to send it. */
    NO_INPUT_TOPIC
}
