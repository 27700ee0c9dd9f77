package dev.stockflow.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The feed file formats, told apart by the file name's extension (ignoring case). */
public enum FeedFormat {
    /** One JSON object per line, of any kind. */
    JSON_LINES(List.of(".jsonl", ".ndjson", ".json"), JsonLinesFeedParser::new),
    /** RFC 4180 CSV with a header row, stock updates only. */
    CSV(List.of(".csv"), CsvStockFeedParser::new);

    private final List<String> extensions;
    private final Supplier<FeedParser> parsers;

    FeedFormat(final List<String> extensions, final Supplier<FeedParser> parsers) {
        this.extensions = extensions;
        this.parsers = parsers;
    }

    /** The extensions, with their dot, that select this format. */
    public List<String> extensions() {
        return extensions;
    }

    /** A new parser for this format (parsers are not thread-safe). */
    public FeedParser newParser() {
        return parsers.get();
    }

    /**
     * The format of a file, by its extension.
     *
     * @throws UnsupportedFeedFormatException for any other extension, naming the ones that work
     */
    public static FeedFormat of(final Path file) {
        final Path fileName = file.getFileName();
        final String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        for (final FeedFormat format : values()) {
            for (final String extension : format.extensions) {
                if (name.endsWith(extension)) {
                    return format;
                }
            }
        }
        throw new UnsupportedFeedFormatException("cannot tell the format of " + file
                + ": name JSON Lines feeds *.jsonl, *.ndjson or *.json and CSV stock feeds *.csv");
    }
}
