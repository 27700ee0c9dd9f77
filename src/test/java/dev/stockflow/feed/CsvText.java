package dev.stockflow.feed;

import java.util.List;
import java.util.stream.Collectors;

/** Writes records as RFC 4180 CSV, the way a careful partner system would. */
final class CsvText {

    private CsvText() {
    }

    /** Records separated by CRLF; a field is quoted when it must be, or always when {@code quoteAll}. */
    static String of(final List<List<String>> records, final boolean quoteAll) {
        return records.stream()
                .map(record -> record.stream().map(field -> field(field, quoteAll)).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static String field(final String value, final boolean quoteAll) {
        // A blank field is quoted too, or a record made of it alone would read as a blank line.
        final boolean mustQuote = value.isBlank() || value.startsWith("\uFEFF")
                || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quoteAll || mustQuote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
