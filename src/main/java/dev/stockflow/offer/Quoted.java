package dev.stockflow.offer;

/** A value quoted for an error message, shortened so a huge bad value cannot bloat the dead letter. */
public final class Quoted {

    static final int MAX_CHARS = 100;

    private Quoted() {
    }

    public static String of(final String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_CHARS) {
            return "'" + value + "'";
        }
        final int end = Character.isHighSurrogate(value.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return "'" + value.substring(0, end) + "...' (" + value.length() + " chars)";
    }
}
