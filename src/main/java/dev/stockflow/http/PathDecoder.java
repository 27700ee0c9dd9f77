package dev.stockflow.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes one URL path segment as UTF-8. Unlike {@code URLDecoder} it leaves {@code +} alone
 * (that is a form encoding, not a path one) and rejects malformed escapes and invalid UTF-8.
 */
final class PathDecoder {

    private PathDecoder() {
    }

    /** The decoded text, or null when the segment is not valid percent-encoded UTF-8. */
    static String decode(final String raw) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            final int c = raw.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                final int high = Character.digit(raw.charAt(i + 1), 16);
                final int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                final byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }
}
