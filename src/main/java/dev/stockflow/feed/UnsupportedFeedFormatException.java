package dev.stockflow.feed;

/** A feed file whose name does not tell its format. */
public final class UnsupportedFeedFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedFeedFormatException(final String message) {
        super(message);
    }
}
