package dev.stockflow.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text of {@code http.auth.tokens.file}: one bearer token per line. Lines are trimmed (so CRLF files and
 * stray spaces do no harm); blank lines and lines starting with {@code #} are skipped, so a file may say
 * whose each token is. Every other line must be a token as RFC 6750 writes them (letters, digits and
 * {@code - . _ ~ + /}, then any {@code =}): a line that is not, or a file without a token, is refused whole
 * rather than half-read. Messages name the file and the line number, never a line's text.
 */
final class TokenFile {

    /** RFC 6750's b64token: what a client can send after "Bearer ". */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TokenFile() {
    }

    /**
     * The tokens of the file's content.
     *
     * @throws IllegalArgumentException the content is not UTF-8, a line is no token, or there is no token
     */
    static Set<String> parse(final Path file, final byte[] content) {
        final String text = decode(file, content);
        final Set<String> tokens = new LinkedHashSet<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!TOKEN.matcher(line).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the token file " + file
                        + " is not a bearer token (letters, digits, - . _ ~ + / and a trailing =; one per line, "
                        + "# starts a comment)");
            }
            tokens.add(line);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " holds no token (one per line)");
        }
        return tokens;
    }

    private static String decode(final Path file, final byte[] content) {
        try {
            final String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        } catch (final CharacterCodingException e) {
            throw new IllegalArgumentException("the token file " + file + " is not UTF-8 text", e);
        }
    }
}
