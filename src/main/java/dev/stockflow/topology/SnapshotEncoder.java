package dev.stockflow.topology;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.serde.AvroWireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a listed offer's snapshot in the registry wire format straight from its state, field by field
 * in the order of {@code OfferSnapshot.avsc}, with Avro's own binary encoder.
 *
 * <p>This is the per-snapshot hot path: building the {@link OfferSnapshot} object tree (with an Instant
 * per timestamp) only to have Avro's generic writer walk it again costs more than the rest of the
 * processing. {@link SnapshotMapper} stays the reference: the bytes written here are checked to equal
 * Avro's writing of its record. A change to the snapshot schema must change both.
 */
public final class SnapshotEncoder {

    private static final byte MAGIC_BYTE = 0;
    /** Union branch indexes of ["null", "long"]. */
    private static final int NULL_BRANCH = 0;
    private static final int LONG_BRANCH = 1;

    /** One encoder per stream thread, re-pointed at each snapshot's buffer (Avro's reuse idiom). */
    private static final ThreadLocal<BinaryEncoder> REUSABLE = new ThreadLocal<>();

    private final AvroWireFormat<OfferSnapshot> format;
    private final String subject;
    private final RuleSettings rules;

    public SnapshotEncoder(final AvroWireFormat<OfferSnapshot> format, final String subject, final RuleSettings rules) {
        this.format = format;
        this.subject = subject;
        this.rules = rules;
    }

    /** The wire-format bytes of the snapshot of a listed offer. */
    public byte[] encode(final String offerKey, final OfferState state) {
        return encode(offerKey.getBytes(StandardCharsets.UTF_8), state);
    }

    /**
     * The wire-format bytes of the snapshot of a listed offer.
     *
     * @param offerKey the offer key's UTF-8 bytes, as the store and the topics carry it
     */
    public byte[] encode(final byte[] offerKey, final OfferState state) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        final int id = format.schemaId(subject);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        // A buffered encoder: the direct one hands every byte to the (synchronized) stream on its own.
        final BinaryEncoder avro = EncoderFactory.get().binaryEncoder(out, REUSABLE.get());
        REUSABLE.set(avro);
        try {
            writeBody(avro, offerKey, state);
            avro.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeBody(final BinaryEncoder avro, final byte[] offerKey, final OfferState state)
            throws IOException {
        // Avro writes a string as its UTF-8 length and bytes, exactly as it writes bytes: the two halves
        // of the key go out as they are, without becoming text and back.
        final int separator = OfferKey.separatorIndex(offerKey);
        avro.writeBytes(offerKey, 0, separator);
        avro.writeBytes(offerKey, separator + 1, offerKey.length - separator - 1);
        long total = 0;
        for (final StockSlot slot : state.locations()) {
            total += slot.quantity();
        }
        avro.writeLong(total);
        avro.writeBoolean(total > 0);
        writeLocations(avro, state.locations());
        writePrices(avro, state.prices());
        avro.writeLong(state.updatedAt());
    }

    private static void writeLocations(final BinaryEncoder avro, final List<StockSlot> locations) throws IOException {
        avro.writeArrayStart();
        avro.setItemCount(locations.size());
        for (final StockSlot slot : locations) {
            avro.startItem();
            avro.writeString(slot.locationId());
            avro.writeInt(slot.quantity());
            avro.writeLong(slot.updatedAt());
        }
        avro.writeArrayEnd();
    }

    private void writePrices(final BinaryEncoder avro, final List<PriceSlot> prices) throws IOException {
        avro.writeArrayStart();
        avro.setItemCount(prices.size());
        for (final PriceSlot slot : prices) {
            avro.startItem();
            avro.writeString(slot.channel());
            avro.writeString(slot.currency());
            avro.writeLong(slot.regularPrice());
            writeOptionalLong(avro, slot.salePrice());
            avro.writeLong(slot.effectivePrice());
            writeOptionalLong(avro, slot.lowestPriceBefore(rules.omnibusWindowMs()));
            avro.writeLong(slot.updatedAt());
        }
        avro.writeArrayEnd();
    }

    private static void writeOptionalLong(final BinaryEncoder avro, final Long value) throws IOException {
        if (value == null) {
            avro.writeIndex(NULL_BRANCH);
            avro.writeNull();
        } else {
            avro.writeIndex(LONG_BRANCH);
            avro.writeLong(value);
        }
    }
}
