package dev.stockflow.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads one feed, line by line, and hands every record and every bad line to a sink in file order. Only
 * the current line is held in memory. Blank lines are skipped silently.
 */
public interface FeedParser {

    /** The longest line (or CSV record) held in memory; a longer one is reported as a bad line. */
    int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

    /**
     * Parses the whole feed.
     *
     * @param reader the feed's text; the caller opens and closes it
     * @param source the name used in positions and error messages, usually the file name
     * @param sink   receives every record and bad line
     * @return the counts of records per kind and of bad lines
     * @throws IOException when reading fails (bad lines never throw)
     */
    FeedSummary parse(Reader reader, String source, FeedSink sink) throws IOException;
}
