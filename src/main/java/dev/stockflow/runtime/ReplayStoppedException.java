package dev.stockflow.runtime;

import dev.stockflow.deadletter.ReplayTally;

/**
 * A {@code dlq replay} that could not finish. What it replayed before is committed with its progress (the
 * {@link #committed()} counts), so running it again carries on where it stopped without sending anything twice.
 */
public final class ReplayStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ReplayTally committed;

    ReplayStoppedException(final String message, final ReplayTally committed, final Throwable cause) {
        super(message, cause);
        this.committed = committed;
    }

    /** The counts of the batches whose records and progress were committed before it stopped. */
    public ReplayTally committed() {
        return committed;
    }
}
