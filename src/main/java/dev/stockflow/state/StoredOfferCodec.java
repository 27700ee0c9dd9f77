package dev.stockflow.state;

import dev.stockflow.offer.Applied;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.OrderSlot;
import dev.stockflow.offer.PriceHistory;
import dev.stockflow.offer.PricePoint;
import dev.stockflow.offer.PriceSlot;
import dev.stockflow.offer.StockSlot;
import dev.stockflow.offer.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of {@link StoredOffer} in the state store and its changelog.
 *
 * <p>Layout (format 2): a format byte; a flags byte (last emission, has-delisting); the applied input
 * offsets, one per input in {@link dev.stockflow.offer.Input#stateIndex()} order (stock, price,
 * delisting, order); the delisting; the stock slots; the price slots with their history; the order slots.
 * Integers are LEB128 varints, signed ones zig-zag encoded; a slot stores its updatedAt as the distance
 * back from its version time (usually 0 or small; for a stock slot zig-zag encoded, since an order event
 * newer than the count can set it). An order slot is its orderId, its version, then either 1 with its
 * location and quantity (open) or 0 with the stream time it ended, as the distance from its version time
 * (ended). Strings are length-prefixed UTF-8.
 *
 * <p>Format 1, written before orders existed, is still read: three applied offsets (the order input's is
 * then none), stock updatedAt distances unsigned, no order slots. Only format 2 is written, so a state
 * store converts itself offer by offer as they change.
 *
 * <p>Decoding runs once per event, so it avoids making text it does not need: eventIds stay UTF-8
 * bytes (see {@link Version}) and the identifiers that repeat across offers (location ids, channels,
 * currencies) come from a shared table of canonical strings.
 */
public final class StoredOfferCodec {

    private static final byte FORMAT = 2;
    /** The format before order slots: three inputs, unsigned stock updatedAt distances. */
    private static final byte FORMAT_1 = 1;
    private static final int FORMAT_1_INPUTS = 3;
    private static final int OPEN_ORDER = 1;
    private static final int ENDED_ORDER = 0;
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
            out.writeZigZag(slot.version().occurredAt() - slot.updatedAt());
        }
        out.writeVarLong(state.prices().size());
        for (final PriceSlot slot : state.prices()) {
            writePrice(out, slot);
        }
        out.writeVarLong(state.orders().size());
        for (final OrderSlot slot : state.orders()) {
            writeOrder(out, slot);
        }
        return out.toByteArray();
    }

    private static void writeOrder(final ByteWriter out, final OrderSlot slot) {
        out.writeSizedString(slot.orderId());
        writeVersion(out, slot.version());
        if (slot.isOpen()) {
            out.writeByte(OPEN_ORDER);
            out.writeSizedString(slot.locationId());
            out.writeVarLong(slot.quantity());
        } else {
            out.writeByte(ENDED_ORDER);
            out.writeZigZag(slot.endedAt() - slot.placedAt());
        }
    }

    private static OrderSlot readOrder(final Reader in) {
        final String orderId = in.readText();
        final Version version = readVersion(in);
        if (in.readByte() == OPEN_ORDER) {
            final String locationId = in.readIdentifier();
            return OrderSlot.open(orderId, version, locationId, (int) in.readVarLong());
        }
        return OrderSlot.ended(orderId, version, version.occurredAt() + in.readSignedVarLong());
    }

    public static StoredOffer decode(final byte[] bytes) {
        final Reader in = new Reader(bytes);
        final byte format = in.readByte();
        if (format != FORMAT && format != FORMAT_1) {
            throw new IllegalStateException("unknown stored offer format " + format);
        }
        final boolean withOrders = format == FORMAT;
        final int flags = in.readByte();
        final long[] offsets = new long[StoredOffer.INPUTS];
        Arrays.fill(offsets, -1L);
        final int inputs = withOrders ? StoredOffer.INPUTS : FORMAT_1_INPUTS;
        for (int index = 0; index < inputs; index++) {
            offsets[index] = in.readVarLong() - 1;
        }
        Version delisting = null;
        long delistingProcessedAt = 0L;
        if ((flags & HAS_DELISTING) != 0) {
            delisting = readVersion(in);
            delistingProcessedAt = in.readSignedVarLong();
        }
        final List<StockSlot> locations = readLocations(in, withOrders);
        final int priceCount = (int) in.readVarLong();
        final List<PriceSlot> prices = new ArrayList<>(priceCount + 1);
        for (int i = 0; i < priceCount; i++) {
            prices.add(readPrice(in));
        }
        final int orderCount = withOrders ? (int) in.readVarLong() : 0;
        final List<OrderSlot> orders = new ArrayList<>(orderCount + 1);
        for (int i = 0; i < orderCount; i++) {
            orders.add(readOrder(in));
        }
        final OfferState state = new OfferState(locations, prices, orders, delisting, delistingProcessedAt,
                EMISSIONS[flags & EMISSION_MASK]);
        return new StoredOffer(state, offsets);
    }

    /** The stock slots; format 1 wrote the updatedAt distance unsigned, format 2 zig-zag encoded. */
    private static List<StockSlot> readLocations(final Reader in, final boolean signedDistance) {
        final int locationCount = (int) in.readVarLong();
        final List<StockSlot> locations = new ArrayList<>(locationCount + 1);
        for (int i = 0; i < locationCount; i++) {
            final String locationId = in.readIdentifier();
            final int quantity = (int) in.readVarLong();
            final Version version = readVersion(in);
            final long distance = signedDistance ? in.readSignedVarLong() : in.readVarLong();
            locations.add(new StockSlot(locationId, quantity, version, version.occurredAt() - distance));
        }
        return locations;
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

        /** Text that does not repeat across offers (order ids): decoded, never interned. */
        String readText() {
            final int length = (int) readVarLong();
            final String value = new String(buffer, position, length, StandardCharsets.UTF_8);
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
