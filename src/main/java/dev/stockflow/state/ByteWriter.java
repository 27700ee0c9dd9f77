package dev.stockflow.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the integer and string forms Stockflow writes on its hot path: LEB128
 * varints for the state codec, and Avro's binary encoding (zig-zag varints, length-prefixed UTF-8) for
 * snapshots. One instance is reused per processor: {@link #reset} and write, then {@link #toByteArray}.
 */
public final class ByteWriter {

    /**
     * The UTF-8 bytes of the strings written last, by the low bits of their hash: the identifiers of stored
     * offers (locations, channels, currencies) are a few canonical strings, so most writes of one are an
     * identity check and an array copy instead of a scan of its characters.
     */
    private static final int RECENT_STRINGS = 64;

    private final String[] recentStrings = new String[RECENT_STRINGS];
    private final byte[][] recentUtf8 = new byte[RECENT_STRINGS][];
    private byte[] buffer;
    private int position;

    public ByteWriter(final int capacity) {
        buffer = new byte[capacity];
    }

    public void reset() {
        position = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    public void writeByte(final int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    /** Four bytes, big-endian (the wire format's schema id). */
    public void writeInt32BigEndian(final int value) {
        ensure(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    /** An unsigned LEB128 varint. */
    public void writeVarLong(final long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[position++] = (byte) rest;
    }

    /** A zig-zag varint: Avro's {@code long} and {@code int}, and the state codec's signed numbers. */
    public void writeZigZag(final long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    /** Bytes prefixed with their count as an unsigned varint (the state codec's strings and ids). */
    public void writeSizedBytes(final byte[] bytes) {
        writeVarLong(bytes.length);
        writeRaw(bytes, 0, bytes.length);
    }

    /** Text prefixed with its UTF-8 length as an unsigned varint (the state codec's strings). */
    public void writeSizedString(final String value) {
        writeSizedBytes(utf8(value));
    }

    /** An Avro {@code string}: its UTF-8 length as an Avro long, then the bytes. */
    public void writeAvroString(final String value) {
        final byte[] utf8 = utf8(value);
        writeAvroString(utf8, 0, utf8.length);
    }

    /** An Avro {@code string} from UTF-8 bytes that are already at hand. */
    public void writeAvroString(final byte[] utf8, final int offset, final int length) {
        writeZigZag(length);
        writeRaw(utf8, offset, length);
    }

    private void writeRaw(final byte[] bytes, final int offset, final int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    private byte[] utf8(final String value) {
        final int slot = value.hashCode() & (RECENT_STRINGS - 1);
        if (recentStrings[slot] == value) {
            return recentUtf8[slot];
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        recentStrings[slot] = value;
        recentUtf8[slot] = utf8;
        return utf8;
    }

    private void ensure(final int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}
