package dev.stockflow.serde;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferKey;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.PriceSlot;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.StockSlot;
import dev.stockflow.state.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a listed offer's snapshot in the registry wire format straight from its state, field by field
 * in the order of {@code OfferSnapshot.avsc}, in Avro's binary encoding (zig-zag varints, length-prefixed
 * UTF-8, arrays as one block and a zero, unions as a branch index).
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

    private final AvroWireFormat<OfferSnapshot> format;
    private final String subject;
    private final RuleSettings rules;
    /** The snapshot schema's registry id, looked up once (0 until then: ids are positive). */
    private volatile int schemaId;

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
        return encode(offerKey, state, new ByteWriter(256));
    }

    /** As {@link #encode(byte[], OfferState)}, with a scratch buffer the caller reuses. */
    public byte[] encode(final byte[] offerKey, final OfferState state, final ByteWriter out) {
        out.reset();
        out.writeByte(MAGIC_BYTE);
        out.writeInt32BigEndian(schemaId());
        // Avro writes a string as its UTF-8 length and bytes: the two halves of the key go out as they are.
        final int separator = OfferKey.separatorIndex(offerKey);
        out.writeAvroString(offerKey, 0, separator);
        out.writeAvroString(offerKey, separator + 1, offerKey.length - separator - 1);
        long total = 0;
        for (final StockSlot slot : state.locations()) {
            total += slot.quantity();
        }
        out.writeZigZag(total);
        out.writeByte(total > 0 ? 1 : 0);
        writeLocations(out, state.locations());
        writePrices(out, state.prices());
        out.writeZigZag(state.updatedAt());
        return out.toByteArray();
    }

    private int schemaId() {
        int id = schemaId;
        if (id == 0) {
            id = format.schemaId(subject);
            schemaId = id;
        }
        return id;
    }

    private static void writeLocations(final ByteWriter out, final List<StockSlot> locations) {
        if (!locations.isEmpty()) {
            out.writeZigZag(locations.size());
            for (final StockSlot slot : locations) {
                out.writeAvroString(slot.locationId());
                out.writeZigZag(slot.quantity());
                out.writeZigZag(slot.updatedAt());
            }
        }
        out.writeByte(0); // end of the array
    }

    private void writePrices(final ByteWriter out, final List<PriceSlot> prices) {
        if (!prices.isEmpty()) {
            out.writeZigZag(prices.size());
            for (final PriceSlot slot : prices) {
                out.writeAvroString(slot.channel());
                out.writeAvroString(slot.currency());
                out.writeZigZag(slot.regularPrice());
                writeOptionalLong(out, slot.salePrice());
                out.writeZigZag(slot.effectivePrice());
                writeOptionalLong(out, slot.lowestPriceBefore(rules.omnibusWindowMs()));
                out.writeZigZag(slot.updatedAt());
            }
        }
        out.writeByte(0); // end of the array
    }

    private static void writeOptionalLong(final ByteWriter out, final Long value) {
        if (value == null) {
            out.writeZigZag(NULL_BRANCH);
        } else {
            out.writeZigZag(LONG_BRANCH);
            out.writeZigZag(value);
        }
    }
}
