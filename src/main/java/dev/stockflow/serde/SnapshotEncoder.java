package dev.stockflow.serde;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.state.ByteWriter;

/**
 * Writes a listed offer's snapshot in the registry wire format straight from its {@link SnapshotView}, field
 * by field in the order of {@code OfferSnapshot.avsc}, in Avro's binary encoding (zig-zag varints,
 * length-prefixed UTF-8, arrays as one block and a zero, unions as a branch index).
 *
 * <p>This is the per-snapshot hot path: building the {@link OfferSnapshot} object tree (with an Instant
 * per timestamp) only to have Avro's generic writer walk it again costs more than the rest of the
 * processing. The bytes written here are checked to equal Avro's own writing of the record holding the
 * view's values, so a change to the snapshot schema must change this writer, the view and that check.
 *
 * <p>Thread-safe: one encoder serves every processor; each brings its own view and scratch buffer.
 */
public final class SnapshotEncoder {

    private static final byte MAGIC_BYTE = 0;
    /** Union branch indexes of ["null", "long"] and ["null", "int"]. */
    private static final int NULL_BRANCH = 0;
    private static final int VALUE_BRANCH = 1;

    private final AvroWireFormat<OfferSnapshot> format;
    private final String subject;
    /** The snapshot schema's registry id, looked up once (0 until then: ids are positive). */
    private volatile int schemaId;

    public SnapshotEncoder(final AvroWireFormat<OfferSnapshot> format, final String subject) {
        this.format = format;
        this.subject = subject;
    }

    /** The wire-format bytes of the snapshot the view shows. */
    public byte[] encode(final SnapshotView snapshot) {
        return encode(snapshot, new ByteWriter(256));
    }

    /** As {@link #encode(SnapshotView)}, with a scratch buffer the caller reuses. */
    public byte[] encode(final SnapshotView snapshot, final ByteWriter out) {
        out.reset();
        out.writeByte(MAGIC_BYTE);
        out.writeInt32BigEndian(schemaId());
        // Avro writes a string as its UTF-8 length and bytes: the two halves of the key go out as they are.
        final byte[] offerKey = snapshot.offerKeyUtf8();
        final int partnerIdLength = snapshot.partnerIdLength();
        out.writeAvroString(offerKey, 0, partnerIdLength);
        out.writeAvroString(offerKey, partnerIdLength + 1, offerKey.length - partnerIdLength - 1);
        out.writeZigZag(snapshot.totalQuantity());
        out.writeByte(snapshot.available() ? 1 : 0);
        writeLocations(out, snapshot);
        writePrices(out, snapshot);
        out.writeZigZag(snapshot.updatedAt());
        out.writeZigZag(snapshot.reservedQuantity());
        out.writeZigZag(VALUE_BRANCH); // Stockflow always writes the sellable quantity
        out.writeZigZag(snapshot.sellableQuantity());
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

    private static void writeLocations(final ByteWriter out, final SnapshotView snapshot) {
        final int count = snapshot.locationCount();
        if (count > 0) {
            out.writeZigZag(count);
            for (int i = 0; i < count; i++) {
                out.writeAvroString(snapshot.locationId(i));
                out.writeZigZag(snapshot.quantity(i));
                out.writeZigZag(snapshot.locationUpdatedAt(i));
                out.writeZigZag(snapshot.reservedQuantity(i));
                out.writeZigZag(VALUE_BRANCH);
                out.writeZigZag(snapshot.sellableQuantity(i));
            }
        }
        out.writeByte(0); // end of the array
    }

    private static void writePrices(final ByteWriter out, final SnapshotView snapshot) {
        final int count = snapshot.priceCount();
        if (count > 0) {
            out.writeZigZag(count);
            for (int i = 0; i < count; i++) {
                out.writeAvroString(snapshot.channel(i));
                out.writeAvroString(snapshot.currency(i));
                out.writeZigZag(snapshot.regularPrice(i));
                writeOptionalLong(out, snapshot.salePrice(i));
                out.writeZigZag(snapshot.effectivePrice(i));
                writeOptionalLong(out, snapshot.lowestPrice30d(i));
                out.writeZigZag(snapshot.priceUpdatedAt(i));
            }
        }
        out.writeByte(0); // end of the array
    }

    private static void writeOptionalLong(final ByteWriter out, final Long value) {
        if (value == null) {
            out.writeZigZag(NULL_BRANCH);
        } else {
            out.writeZigZag(VALUE_BRANCH);
            out.writeZigZag(value);
        }
    }
}
