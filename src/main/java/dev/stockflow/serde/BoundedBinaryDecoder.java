package dev.stockflow.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of a byte array that refuses a string or bytes length longer than what is left.
 *
 * <p>Avro allocates the buffer for a string before reading it, so one corrupt length varint could
 * make it reserve up to 2 GB for a record of a few bytes; here that is a plain {@link IOException}.
 * Everything else is Avro's own {@link BinaryDecoder}.
 */
final class BoundedBinaryDecoder extends Decoder {

    private static final ThreadLocal<CharsetDecoder> STRICT_UTF8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private final BinaryDecoder in;

    BoundedBinaryDecoder(final byte[] bytes, final int offset, final int length) {
        this.in = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
    }

    /** True when every byte has been read. */
    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int lengthWithinRemaining(final String what) throws IOException {
        final long length = in.readLong();
        final int remaining = in.inputStream().available();
        if (length < 0 || length > remaining) {
            throw new IOException(what + " length " + length + " does not fit the " + remaining + " bytes left");
        }
        return (int) length;
    }

    @Override
    public Utf8 readString(final Utf8 old) throws IOException {
        final int length = lengthWithinRemaining("string");
        final Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    /**
     * Strict UTF-8: malformed bytes make the record undecodable instead of turning into U+FFFD, which
     * could make two different bad ids equal. Plain ASCII, the common case, skips the checking decoder.
     */
    @Override
    public String readString() throws IOException {
        final int length = lengthWithinRemaining("string");
        final byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return STRICT_UTF8.get().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            throw new IOException("string is not valid UTF-8", e);
        }
    }

    private static boolean isAscii(final byte[] bytes) {
        for (final byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(lengthWithinRemaining("string"));
    }

    @Override
    public ByteBuffer readBytes(final ByteBuffer old) throws IOException {
        final int length = lengthWithinRemaining("bytes");
        final byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(lengthWithinRemaining("bytes"));
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(final byte[] bytes, final int start, final int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(final int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
