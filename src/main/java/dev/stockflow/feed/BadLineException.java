package dev.stockflow.feed;

/**
 * Why one line of a feed cannot be used. Thrown inside the parsers and turned into a {@link FeedError};
 * it carries no stack trace because it is an expected outcome, not a failure of the program.
 */
final class BadLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED_VALUE = 60;

    BadLineException(final String message) {
        super(message, null, false, false);
    }

    /** A value for an error message, cut short so that a huge field cannot flood the output. */
    static String shorten(final String value) {
        if (value.length() <= MAX_QUOTED_VALUE) {
            return value;
        }
        return value.substring(0, MAX_QUOTED_VALUE) + "...";
    }
}
