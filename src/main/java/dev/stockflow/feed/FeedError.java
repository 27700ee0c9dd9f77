package dev.stockflow.feed;

/**
 * A line of a feed file that was skipped.
 *
 * @param source  the file, as named by the caller
 * @param line    the line the bad record starts on, counting from 1
 * @param message what is wrong with it
 */
public record FeedError(String source, long line, String message) {

    /** {@code file:line: message}, the form printed to users. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + message;
    }
}
