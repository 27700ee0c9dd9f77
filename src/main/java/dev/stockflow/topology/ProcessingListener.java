package dev.stockflow.topology;

/**
 * Hears what the topology does with each record, for metrics. Called on the stream thread, once per
 * event on the hot path: implementations must be cheap and thread-safe.
 */
public interface ProcessingListener {

    /** A valid event was applied with this outcome. */
    void onOutcome(Input input, Outcome outcome);

    /** A bad record went to the dead-letter topic. */
    void onRejected(Input input, RejectReason reason);

    /** A snapshot was emitted; {@code latencyMs} is the wall-clock time since the event's record timestamp. */
    void onSnapshot(long latencyMs);

    /** A tombstone was emitted. */
    void onTombstone();

    /** Ignores everything. */
    ProcessingListener NONE = new ProcessingListener() {
        @Override
        public void onOutcome(final Input input, final Outcome outcome) {
        }

        @Override
        public void onRejected(final Input input, final RejectReason reason) {
        }

        @Override
        public void onSnapshot(final long latencyMs) {
        }

        @Override
        public void onTombstone() {
        }
    };
}
