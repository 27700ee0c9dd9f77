package dev.stockflow.runtime;

/**
 * {@code reset} will not run as things stand (instances still in the consumer group, say); nothing was changed.
 * The message says why and what to do.
 */
public final class ResetRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResetRefusedException(final String message) {
        super(message);
    }
}
