package dev.stockflow.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Canonical strings for the few identifiers that repeat across millions of offers (location ids,
 * channels, currencies), looked up by their UTF-8 bytes so that decoding a stored offer does not
 * allocate a new String for each of them on every event.
 *
 * <p>A fixed-size open-addressing table that never evicts: once a neighbourhood is full, further
 * identifiers there are simply decoded each time. Shared by all stream threads without locks: an entry
 * is immutable and published through a plain array write, so a reader sees either no entry (and
 * decodes the text itself) or a complete one.
 */
final class InternedText {

    private static final int SLOTS = 1 << 13;
    private static final int PROBES = 4;
    private static final int MAX_LENGTH = 64;

    private record Entry(byte[] utf8, String text) {
    }

    private final Entry[] table = new Entry[SLOTS];

    /** The text of {@code length} UTF-8 bytes at {@code offset}. */
    public String decode(final byte[] buffer, final int offset, final int length) {
        if (length > MAX_LENGTH) {
            return new String(buffer, offset, length, StandardCharsets.UTF_8);
        }
        final int hash = hash(buffer, offset, length);
        for (int probe = 0; probe < PROBES; probe++) {
            final int index = (hash + probe) & (SLOTS - 1);
            final Entry entry = table[index];
            if (entry == null) {
                final String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
                table[index] = new Entry(Arrays.copyOfRange(buffer, offset, offset + length), text);
                return text;
            }
            if (Arrays.equals(entry.utf8(), 0, entry.utf8().length, buffer, offset, offset + length)) {
                return entry.text();
            }
        }
        return new String(buffer, offset, length, StandardCharsets.UTF_8);
    }

    private static int hash(final byte[] buffer, final int offset, final int length) {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + buffer[i];
        }
        return hash ^ (hash >>> 16);
    }
}
