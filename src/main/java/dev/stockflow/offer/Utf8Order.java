package dev.stockflow.offer;

/** Orders strings as their UTF-8 encodings would order byte by byte (unsigned). */
public final class Utf8Order {

    private Utf8Order() {
    }

    public static int compare(final String a, final String b) {
        final int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            final char ca = a.charAt(i);
            final char cb = b.charAt(i);
            if (ca != cb) {
                // UTF-8 byte order equals code point order. UTF-16 units agree with it except that
                // surrogates (code points above U+FFFF) must sort after U+E000..U+FFFF.
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
