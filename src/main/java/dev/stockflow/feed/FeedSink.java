package dev.stockflow.feed;

/**
 * Receives the outcome of every non-blank line of a feed file, in file order. Parsers stream into it
 * one line at a time, so a sink that sends each record on (to Kafka, to a list in a test) keeps memory
 * flat however big the file is.
 */
public interface FeedSink {

    /** A valid record. */
    void accept(ParsedRecord record);

    /** A bad line, skipped; parsing goes on with the next line. */
    void reject(FeedError error);
}
