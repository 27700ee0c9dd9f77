package dev.stockflow.feed;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses feed files: the entry point for the {@code feed} command. */
public final class FeedFiles {

    private FeedFiles() {
    }

    /**
     * Parses one file, streaming: records and bad lines reach the sink in file order as they are read.
     * The format comes from the file's extension (see {@link FeedFormat#of(Path)}); the text must be
     * UTF-8, and a line with invalid UTF-8 is reported as a bad line.
     *
     * @return the counts of records per kind and of bad lines
     * @throws UnsupportedFeedFormatException when the extension names no known format
     * @throws IOException                    when the file cannot be read
     */
    public static FeedSummary parse(final Path file, final FeedSink sink) throws IOException {
        final FeedFormat format = FeedFormat.of(file);
        // Invalid bytes become U+FFFD, which the parsers report as a bad line: precise and non-fatal.
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            return format.newParser().parse(reader, file.toString(), sink);
        }
    }
}
