package dev.stockflow.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The bearer tokens an instance accepts, kept as SHA-256 digests only: the tokens themselves are not held
 * (nothing can print them), and a presented token is compared by its digest with every accepted one in
 * constant time ({@link MessageDigest#isEqual}, no early exit), so the time an answer takes tells nothing about
 * how close a guess came. The set is replaced as a whole when the token file changes.
 */
final class BearerTokens {

    private static final String SCHEME = "bearer";

    private volatile List<byte[]> digests;

    BearerTokens(final Set<String> tokens) {
        this.digests = digestsOf(tokens);
    }

    /** How many tokens are accepted. */
    int size() {
        return digests.size();
    }

    /** Accepts these tokens from now on, and no other. */
    void replace(final Set<String> tokens) {
        digests = digestsOf(tokens);
    }

    /** Whether the token is one of the accepted ones. */
    boolean accepts(final String token) {
        final byte[] presented = sha256(token);
        boolean match = false;
        for (final byte[] accepted : digests) {
            match |= MessageDigest.isEqual(presented, accepted);
        }
        return match;
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (the scheme in any case, RFC 7235), or null
     * when the header is missing or names another scheme.
     */
    static String presented(final String authorization) {
        if (authorization == null) {
            return null;
        }
        final String header = authorization.strip();
        final int space = header.indexOf(' ');
        if (space < 0 || !SCHEME.equals(header.substring(0, space).toLowerCase(Locale.ROOT))) {
            return null;
        }
        return header.substring(space + 1).strip();
    }

    private static List<byte[]> digestsOf(final Set<String> tokens) {
        return tokens.stream().map(BearerTokens::sha256).toList();
    }

    private static byte[] sha256(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
