package dev.stockflow.feed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: fields separated by commas, records by CRLF (LF and CR are accepted too). A
 * field in double quotes may hold commas, line breaks and doubled quotes ({@code ""} for one {@code "}).
 * Blank lines are skipped. Each record is held in memory on its own, up to a set length, so that an
 * unclosed quote cannot swallow a whole file.
 *
 * <p>After a syntax error the reader skips to the end of the physical line where it noticed it and goes
 * on from there.
 */
final class CsvReader {

    private static final int END_OF_RECORD = -2;

    private final CharCursor cursor;
    private final int maxRecordLength;
    private final StringBuilder field = new StringBuilder(64);
    private int recordLength;
    private boolean quoted;
    private long recordLine;

    CsvReader(final CharCursor cursor, final int maxRecordLength) {
        this.cursor = cursor;
        this.maxRecordLength = maxRecordLength;
    }

    /**
     * The fields of the next record, or null at the end of input.
     *
     * @throws BadLineException when the record breaks RFC 4180; see {@link #recordLine()} for where
     */
    List<String> next() throws IOException {
        while (true) {
            recordLine = cursor.line();
            if (cursor.peek() == -1) {
                return null;
            }
            final List<String> fields = readRecord();
            if (!isBlankLine(fields)) {
                return fields;
            }
        }
    }

    /** The line, counting from 1, on which the record last read (or rejected) starts. */
    long recordLine() {
        return recordLine;
    }

    private boolean isBlankLine(final List<String> fields) {
        return !quoted && fields.size() == 1 && fields.get(0).isBlank();
    }

    private List<String> readRecord() throws IOException {
        final List<String> fields = new ArrayList<>(8);
        recordLength = 0;
        quoted = false;
        int end;
        do {
            end = readField();
            fields.add(field.toString());
        } while (end == ',');
        return fields;
    }

    /** Reads one field into {@link #field}; returns the comma that ends it or {@link #END_OF_RECORD}. */
    private int readField() throws IOException {
        field.setLength(0);
        int c = cursor.read();
        if (c == '"') {
            quoted = true;
            readQuotedContent();
            return afterClosingQuote();
        }
        while (!isEndOfRecord(c)) {
            if (c == ',') {
                return ',';
            }
            if (c == '"') {
                throw syntaxError("a quote inside an unquoted field (quote the whole field and double the quote)");
            }
            append(c);
            c = cursor.read();
        }
        return END_OF_RECORD;
    }

    private void readQuotedContent() throws IOException {
        while (true) {
            final int c = cursor.read();
            if (c == -1) {
                throw new BadLineException("unterminated quoted field: the file ends before its closing quote");
            }
            if (c == '"') {
                if (cursor.peek() != '"') {
                    return;
                }
                cursor.read();
            }
            append(c);
        }
    }

    private int afterClosingQuote() throws IOException {
        final int c = cursor.read();
        if (c == ',') {
            return ',';
        }
        if (isEndOfRecord(c)) {
            return END_OF_RECORD;
        }
        throw syntaxError("unexpected character '" + (char) c + "' after a closing quote");
    }

    /** True for the end of input and for a line break, which it consumes completely (CRLF). */
    private boolean isEndOfRecord(final int c) throws IOException {
        completeLineBreak(c);
        return c == -1 || c == '\n' || c == '\r';
    }

    /** After a CR, consumes the LF of a CRLF. */
    private void completeLineBreak(final int c) throws IOException {
        if (c == '\r' && cursor.peek() == '\n') {
            cursor.read();
        }
    }

    private void append(final int c) throws IOException {
        if (++recordLength > maxRecordLength) {
            final String message = "record is longer than " + maxRecordLength + " characters (an unclosed quote?)";
            if (c == '\r' || c == '\n') {
                // Go on after the line that c has just ended.
                completeLineBreak(c);
                throw new BadLineException(message);
            }
            throw syntaxError(message);
        }
        field.append((char) c);
    }

    private BadLineException syntaxError(final String message) throws IOException {
        cursor.skipLine();
        return new BadLineException(message);
    }
}
