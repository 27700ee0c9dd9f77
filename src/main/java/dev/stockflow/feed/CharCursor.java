package dev.stockflow.feed;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads characters one at a time through a fixed buffer, skips a leading byte order mark and counts
 * physical lines. A line ends at LF, CRLF or a lone CR, so line numbers match what editors show.
 */
final class CharCursor {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean started;
    private long line = 1;
    private boolean afterCarriageReturn;

    CharCursor(final Reader reader) {
        this.reader = reader;
    }

    /** The next character, or -1 at the end of input. */
    int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        final char c = buffer[position++];
        if (c == '\r' || c == '\n' && !afterCarriageReturn) {
            line++;
        }
        afterCarriageReturn = c == '\r';
        return c;
    }

    /** The next character without consuming it, or -1 at the end of input. */
    int peek() throws IOException {
        return fill() ? buffer[position] : -1;
    }

    /** The line, counting from 1, that the next character is on. */
    long line() {
        return line;
    }

    /** Consumes the rest of the current physical line, including its line break. */
    void skipLine() throws IOException {
        int c = read();
        while (c != -1 && c != '\n') {
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                return;
            }
            c = read();
        }
    }

    private boolean fill() throws IOException {
        while (position == limit) {
            final int count = reader.read(buffer, 0, buffer.length);
            if (count < 0) {
                return false;
            }
            position = 0;
            limit = count;
            if (!started && count > 0) {
                started = true;
                if (buffer[0] == BYTE_ORDER_MARK) {
                    position = 1;
                }
            }
        }
        return true;
    }
}
