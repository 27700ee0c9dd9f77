package dev.stockflow.feed;

import java.io.IOException;

/** Splits input into lines (LF, CRLF or CR), refusing to hold a line longer than a set limit in memory. */
final class LineReader {

    private final CharCursor cursor;
    private final int maxLength;
    private final StringBuilder line = new StringBuilder(256);
    private long lineNumber;

    LineReader(final CharCursor cursor, final int maxLength) {
        this.cursor = cursor;
        this.maxLength = maxLength;
    }

    /**
     * The next line without its line break, or null at the end of input.
     *
     * @throws BadLineException when the line is longer than the limit; it has been skipped
     */
    String next() throws IOException {
        lineNumber = cursor.line();
        int c = cursor.read();
        if (c == -1) {
            return null;
        }
        line.setLength(0);
        boolean tooLong = false;
        while (c != -1 && c != '\n') {
            if (c == '\r') {
                if (cursor.peek() == '\n') {
                    cursor.read();
                }
                break;
            }
            if (line.length() < maxLength) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = cursor.read();
        }
        if (tooLong) {
            throw new BadLineException("line is longer than " + maxLength + " characters");
        }
        return line.toString();
    }

    /** The number, counting from 1, of the line last returned (or skipped). */
    long lineNumber() {
        return lineNumber;
    }
}
