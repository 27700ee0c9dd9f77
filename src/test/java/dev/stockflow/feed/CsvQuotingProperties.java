package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CsvQuotingProperties {

    @Property
    void shouldReadBackWhateverWasWrittenWithRfc4180Quoting(@ForAll("records") final List<List<String>> records,
                                                            @ForAll final boolean quoteAll) throws IOException {
        // Given
        final String csv = CsvText.of(records, quoteAll);

        // When
        final List<List<String>> read = CsvReaderTest.readAll(csv);

        // Then
        assertThat(read).isEqualTo(records);
    }

    @Property
    void shouldStartEachRecordOnTheLineAfterTheLineBreaksBeforeIt(@ForAll("records") final List<List<String>> records)
            throws IOException {
        // Given
        final String csv = CsvText.of(records, false);
        final CsvReader reader = new CsvReader(new CharCursor(new java.io.StringReader(csv)),
                FeedParser.DEFAULT_MAX_LINE_LENGTH);
        long expectedLine = 1;

        // Then
        for (final List<String> record : records) {
            assertThat(reader.next()).isEqualTo(record);
            assertThat(reader.recordLine()).isEqualTo(expectedLine);
            expectedLine += 1 + lineBreaks(String.join(",", record));
        }
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        final Arbitrary<String> fields = Arbitraries.strings()
                .withChars(",\"\r\n \tab;'\u00e9\u20ac\uFEFF")
                .withCharRange('a', 'z')
                .ofMaxLength(12);
        return fields.list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(8);
    }

    /** Line breaks as the reader counts them: CRLF, LF or CR. */
    private static long lineBreaks(final String text) {
        return text.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
    }
}
