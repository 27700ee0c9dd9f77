package dev.stockflow.state;

import dev.stockflow.offer.Applied;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.PriceHistory;
import dev.stockflow.offer.PricePoint;
import dev.stockflow.offer.PriceSlot;
import dev.stockflow.offer.StockSlot;
import dev.stockflow.offer.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of {@link StoredOffer} in the state store and its changelog.
 *
 * <p>Layout (format 1): a format byte; a flags byte (last emission, has-delisting); the applied input
 * offsets, one per input in {@link dev.stockflow.offer.Input#stateIndex()} order (stock, price,
 * delisting: format 1 has exactly these three); the delisting; the stock slots; the price slots with
 * their history. Integers are LEB128 varints, signed ones zig-zag encoded; a slot stores its updatedAt
 * as the distance back from its version time (usually 0 or small). Strings are length-prefixed UTF-8.
 *
 * <p>Decoding runs once per event, so it avoids making text it does not need: eventIds stay UTF-8
 * bytes (see {@link Version}) and the identifiers that repeat across offers (location ids, channels,
 * currencies) come from a shared table of canonical strings.
 */
public final class StoredOfferCodec {

    private static final byte FORMAT = 1;
    private static final int EMISSION_MASK = 0b11;
    private static final int HAS_DELISTING = 0b100;
    private static final Applied.Emission[] EMISSIONS = Applied.Emission.values();
    private static final InternedText IDENTIFIERS = new InternedText();

    private StoredOfferCodec() {
    }

    public static byte[] encode(final StoredOffer stored) {
        return encode(stored, new ByteWriter(512));
    }

    /** As {@link #encode(StoredOffer)}, with a scratch buffer the caller reuses: only the result is allocated. */
    public static byte[] encode(final StoredOffer stored, final ByteWriter out) {
        final OfferState state = stored.state();
        out.reset();
        out.writeByte(FORMAT);
        final Version delisting = state.delisting();
        out.writeByte(state.lastEmission().ordinal() | (delisting != null ? HAS_DELISTING : 0));
        for (int index = 0; index < StoredOffer.INPUTS; index++) {
            out.writeVarLong(stored.appliedOffsetAt(index) + 1);
        }
        if (delisting != null) {
            writeVersion(out, delisting);
            out.writeZigZag(state.delistingProcessedAt());
        }
        out.writeVarLong(state.locations().size());
        for (final StockSlot slot : state.locations()) {
            out.writeSizedString(slot.locationId());
            out.writeVarLong(slot.quantity());
            writeVersion(out, slot.version());
            out.writeVarLong(slot.version().occurredAt() - slot.updatedAt());
        }
        out.writeVarLong(state.prices().size());
        for (final PriceSlot slot : state.prices()) {
            writePrice(out, slot);
        }
        return out.toByteArray();
    }

    public static StoredOffer decode(final byte[] bytes) {
        final Reader in = new Reader(bytes);
        final byte format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown stored offer format " + format);
        }
        final int flags = in.readByte();
        final long[] offsets = new long[StoredOffer.INPUTS];
        for (int index = 0; index < StoredOffer.INPUTS; index++) {
            offsets[index] = in.readVarLong() - 1;
        }
        Version delisting = null;
        long delistingProcessedAt = 0L;
        if ((flags & HAS_DELISTING) != 0) {
            delisting = readVersion(in);
            delistingProcessedAt = in.readSignedVarLong();
        }
        final int locationCount = (int) in.readVarLong();
        final List<StockSlot> locations = new ArrayList<>(locationCount + 1);
        for (int i = 0; i < locationCount; i++) {
            final String locationId = in.readIdentifier();
            final int quantity = (int) in.readVarLong();
            final Version version = readVersion(in);
            locations.add(new StockSlot(locationId, quantity, version, version.occurredAt() - in.readVarLong()));
        }
        final int priceCount = (int) in.readVarLong();
        final List<PriceSlot> prices = new ArrayList<>(priceCount + 1);
        for (int i = 0; i < priceCount; i++) {
            prices.add(readPrice(in));
        }
        final OfferState state = new OfferState(locations, prices, delisting, delistingProcessedAt,
                EMISSIONS[flags & EMISSION_MASK]);
        return new StoredOffer(state, offsets);
    }

    private static void writePrice(final ByteWriter out, final PriceSlot slot) {
        out.writeSizedString(slot.channel());
        out.writeSizedString(slot.currency());
        out.writeVarLong(slot.regularPrice());
        out.writeVarLong(slot.salePrice() == null ? 0 : slot.salePrice()); // a sale price is always > 0
        writeVersion(out, slot.version());
        out.writeVarLong(slot.version().occurredAt() - slot.updatedAt());
        final List<PricePoint> points = slot.history().points();
        out.writeVarLong(points.size());
        for (final PricePoint point : points) {
            out.writeZigZag(slot.updatedAt() - point.occurredAt());
            out.writeSizedString(point.currency());
            out.writeVarLong(point.effectivePrice());
        }
    }

    private static PriceSlot readPrice(final Reader in) {
        final String channel = in.readIdentifier();
        final String currency = in.readIdentifier();
        final long regular = in.readVarLong();
        final long sale = in.readVarLong();
        final Version version = readVersion(in);
        final long updatedAt = version.occurredAt() - in.readVarLong();
        final int pointCount = (int) in.readVarLong();
        final List<PricePoint> points = new ArrayList<>(pointCount + 1);
        for (int i = 0; i < pointCount; i++) {
            final long occurredAt = updatedAt - in.readSignedVarLong();
            points.add(new PricePoint(occurredAt, in.readIdentifier(), in.readVarLong()));
        }
        return new PriceSlot(channel, currency, regular, sale == 0 ? null : sale, version, updatedAt,
                new PriceHistory(points));
    }

    private static void writeVersion(final ByteWriter out, final Version version) {
        out.writeZigZag(version.occurredAt());
        out.writeSizedBytes(version.eventIdUtf8());
    }

    private static Version readVersion(final Reader in) {
        final long occurredAt = in.readSignedVarLong();
        return new Version(occurredAt, in.readBytes());
    }

    /** Reads what {@link #encode} wrote. */
    private static final class Reader {
        private final byte[] buffer;
        private int position;

        Reader(final byte[] buffer) {
            this.buffer = buffer;
        }

        byte readByte() {
            return buffer[position++];
        }

        long readVarLong() {
            long value = 0;
            int shift = 0;
            byte current;
            do {
                current = buffer[position++];
                value |= (long) (current & 0x7F) << shift;
                shift += 7;
            } while (current < 0);
            return value;
        }

        long readSignedVarLong() {
            final long raw = readVarLong();
            return (raw >>> 1) ^ -(raw & 1);
        }

        String readIdentifier() {
            final int length = (int) readVarLong();
            final String value = IDENTIFIERS.decode(buffer, position, length);
            position += length;
            return value;
        }

        byte[] readBytes() {
            final int length = (int) readVarLong();
            final byte[] value = Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return value;
        }
    }
}
