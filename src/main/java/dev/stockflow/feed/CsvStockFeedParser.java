package dev.stockflow.feed;

import dev.stockflow.offer.Input;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Parses CSV stock feeds (RFC 4180) whose header row names the columns {@code partnerId, sku, locationId,
 * quantity, occurredAt} and optionally {@code eventId}, in any order. An empty eventId is derived from the
 * content. A bad header makes the whole file unusable: it is reported once and the file is skipped.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class CsvStockFeedParser implements FeedParser {

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final FeedRecordDecoder decoder = new FeedRecordDecoder();
    private final int maxRecordLength;

    public CsvStockFeedParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public CsvStockFeedParser(final int maxRecordLength) {
        this.maxRecordLength = maxRecordLength;
    }

    @Override
    public FeedSummary parse(final Reader reader, final String source, final FeedSink sink) throws IOException {
        final CountingSink counting = new CountingSink(sink);
        final CsvReader csv = new CsvReader(new CharCursor(reader), maxRecordLength);
        final CsvHeader header = readHeader(csv, source, counting);
        if (header != null) {
            parseRecords(csv, header, source, counting);
        }
        return counting.summary();
    }

    /** The header, or null when the file is empty or its header is bad (then reported). */
    private static CsvHeader readHeader(final CsvReader csv, final String source, final FeedSink sink)
            throws IOException {
        final List<String> names;
        try {
            names = csv.next();
        } catch (final BadLineException e) {
            sink.reject(new FeedError(source, csv.recordLine(), "bad header: " + e.getMessage()
                    + "; the rest of the file was skipped"));
            return null;
        }
        if (names == null) {
            return null;
        }
        try {
            return CsvHeader.of(names);
        } catch (final BadLineException e) {
            sink.reject(new FeedError(source, csv.recordLine(), e.getMessage()));
            return null;
        }
    }

    private void parseRecords(final CsvReader csv, final CsvHeader header, final String source,
                              final FeedSink sink) throws IOException {
        while (true) {
            final List<String> values;
            try {
                values = csv.next();
            } catch (final BadLineException e) {
                sink.reject(new FeedError(source, csv.recordLine(), e.getMessage()));
                continue;
            }
            if (values == null) {
                return;
            }
            parseRecord(header, values, source, csv.recordLine(), sink);
        }
    }

    private void parseRecord(final CsvHeader header, final List<String> values, final String source,
                             final long line, final FeedSink sink) {
        final ParsedRecord record;
        try {
            rejectUndecodable(values);
            record = decoder.decode(Input.STOCK, new CsvFields(header, values), source, line);
        } catch (final BadLineException e) {
            sink.reject(new FeedError(source, line, e.getMessage()));
            return;
        }
        sink.accept(record);
    }

    private static void rejectUndecodable(final List<String> values) {
        for (final String value : values) {
            if (value.indexOf(REPLACEMENT_CHARACTER) >= 0) {
                throw new BadLineException("line is not valid UTF-8");
            }
        }
    }
}
