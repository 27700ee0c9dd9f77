package dev.stockflow.feed;

import dev.stockflow.offer.Input;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Gives a feed line without an eventId one that depends only on the fact it states, so that pushing the
 * same file again yields the same ids and Stockflow drops the repeats as duplicates.
 *
 * <p>The fact is written in a canonical form: the type, then every field in a fixed order (numbers in
 * decimal, occurredAt in epoch milliseconds, an absent salePrice as nothing), separated by U+001F, a
 * control character that no valid identifier can hold. Key order, spacing, JSON escapes and the way
 * occurredAt was written therefore do not matter. The id is {@value #PREFIX} and the first 128 bits of
 * the SHA-256 of that form in hex: short, and with no collision to fear below 2^64 facts.
 *
 * <p>Not thread-safe: one instance per parser.
 */
final class DerivedEventIds {

    static final String PREFIX = "feed-";

    private static final char SEPARATOR = '\u001F';
    private static final int HASH_BYTES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256 = newSha256();
    private final StringBuilder canonical = new StringBuilder(160);

    /** The id for a fact of the given input whose fields, in their fixed order, are {@code fields}. */
    String derive(final Input input, final String... fields) {
        canonical.setLength(0);
        canonical.append(input.typeName());
        for (final String field : fields) {
            canonical.append(SEPARATOR).append(field);
        }
        final byte[] hash = sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        final char[] id = new char[PREFIX.length() + 2 * HASH_BYTES];
        PREFIX.getChars(0, PREFIX.length(), id, 0);
        for (int i = 0; i < HASH_BYTES; i++) {
            id[PREFIX.length() + 2 * i] = HEX[(hash[i] >> 4) & 0xF];
            id[PREFIX.length() + 2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(id);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
