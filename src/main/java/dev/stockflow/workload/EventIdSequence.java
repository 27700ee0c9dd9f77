package dev.stockflow.workload;

/**
 * EventIds for generated events: a prefix naming the seed, then a counter as 12 hex digits. The fixed
 * width makes ids sort in generation order, and distinct seeds never share an id.
 */
final class EventIdSequence {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int COUNTER_DIGITS = 12;

    private final char[] id;
    private final int prefixLength;
    private long counter;

    EventIdSequence(final long seed) {
        final String prefix = "gen-" + Long.toHexString(seed) + "-";
        prefixLength = prefix.length();
        id = new char[prefixLength + COUNTER_DIGITS];
        prefix.getChars(0, prefixLength, id, 0);
    }

    String next() {
        long value = counter++;
        for (int i = id.length - 1; i >= prefixLength; i--) {
            id[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(id);
    }
}
