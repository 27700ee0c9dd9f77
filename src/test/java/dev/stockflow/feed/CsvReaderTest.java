package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void shouldSplitRecordsOnCrlfLfAndCr() throws IOException {
        // When
        final List<List<String>> records = readAll("a,b\r\nc,d\ne,f\rg,h");

        // Then
        assertThat(records).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h"));
    }

    @Test
    void shouldKeepCommasQuotesAndLineBreaksInsideQuotedFields() throws IOException {
        // When
        final List<List<String>> records = readAll("\"a,b\",\"say \"\"hi\"\"\",\"one\r\ntwo\nthree\"\r\nnext\r\n");

        // Then
        assertThat(records).containsExactly(List.of("a,b", "say \"hi\"", "one\r\ntwo\nthree"), List.of("next"));
    }

    @Test
    void shouldReadEmptyFieldsQuotedOrNot() throws IOException {
        // When
        final List<List<String>> records = readAll(",\"\",x,\n\"\"\n");

        // Then
        assertThat(records).containsExactly(List.of("", "", "x", ""), List.of(""));
    }

    @Test
    void shouldKeepSpacesAroundUnquotedFields() throws IOException {
        // When
        final List<List<String>> records = readAll(" a , b ");

        // Then
        assertThat(records).containsExactly(List.of(" a ", " b "));
    }

    @Test
    void shouldSkipBlankLinesAndTellWhereEachRecordStarts() throws IOException {
        // Given
        final CsvReader reader = reader("a\r\n\r\n  \r\n\"multi\nline\"\n\nb\n\n");
        final List<Long> lines = new ArrayList<>();

        // When
        while (reader.next() != null) {
            lines.add(reader.recordLine());
        }

        // Then
        assertThat(lines).containsExactly(1L, 4L, 7L);
    }

    @Test
    void shouldRejectAQuoteInsideAnUnquotedFieldAndGoOnWithTheNextLine() throws IOException {
        // Given
        final CsvReader reader = reader("ok\nab\"c,d\nnext");

        // When
        final List<String> first = reader.next();

        // Then
        assertThat(first).containsExactly("ok");
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class)
                .hasMessage("a quote inside an unquoted field (quote the whole field and double the quote)");
        assertThat(reader.recordLine()).isEqualTo(2);
        assertThat(reader.next()).containsExactly("next");
        assertThat(reader.recordLine()).isEqualTo(3);
    }

    @Test
    void shouldRejectCharactersAfterAClosingQuote() throws IOException {
        // Given
        final CsvReader reader = reader("\"a\"b,c\nnext");

        // Then
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class)
                .hasMessage("unexpected character 'b' after a closing quote");
        assertThat(reader.next()).containsExactly("next");
    }

    @Test
    void shouldRejectAQuoteLeftOpenAtTheEndOfTheFileAtTheLineWhereItsRecordStarts() throws IOException {
        // Given
        final CsvReader reader = reader("a\n\"b\nc\nd");

        // When
        reader.next();

        // Then
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class)
                .hasMessage("unterminated quoted field: the file ends before its closing quote");
        assertThat(reader.recordLine()).isEqualTo(2);
        assertThat(reader.next()).isNull();
    }

    @Test
    void shouldRejectARecordLongerThanTheLimitAndGoOnAfterTheLineWhereItNoticed() throws IOException {
        // Given
        final CsvReader reader = new CsvReader(new CharCursor(new StringReader("abcdef\n\"ab\ncd\nef\"\nok")), 4);

        // Then
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class)
                .hasMessage("record is longer than 4 characters (an unclosed quote?)");
        assertThat(reader.recordLine()).isEqualTo(1);
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class);
        assertThat(reader.recordLine()).isEqualTo(2);
        // Reading goes on after line 3, where the limit was hit: the closing quote on line 4 now looks stray.
        assertThatThrownBy(reader::next).isInstanceOf(BadLineException.class)
                .hasMessageStartingWith("a quote inside an unquoted field");
        assertThat(reader.recordLine()).isEqualTo(4);
        assertThat(reader.next()).containsExactly("ok");
    }

    @Test
    void shouldSkipAByteOrderMarkAtTheStartOnly() throws IOException {
        // When
        final List<List<String>> records = readAll("\uFEFFa,\uFEFFb");

        // Then
        assertThat(records).containsExactly(List.of("a", "\uFEFFb"));
    }

    @Test
    void shouldReadNothingFromAnEmptyInput() throws IOException {
        // Then
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\n\r\n")).isEmpty();
    }

    static List<List<String>> readAll(final String text) throws IOException {
        final CsvReader reader = reader(text);
        final List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }

    private static CsvReader reader(final String text) {
        return new CsvReader(new CharCursor(new StringReader(text)), FeedParser.DEFAULT_MAX_LINE_LENGTH);
    }
}
