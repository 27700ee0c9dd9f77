package dev.stockflow.offer;

/**
 * One (offer, orderId) order slot: the version of the order event applied last and, while the line is open,
 * where it is fulfilled from and how many units it takes.
 *
 * <p>An open line is a {@code PLACED} line that the partner's count at its location does not include yet:
 * it reserves while its location has a stock slot older than the line, and counts nowhere while the location
 * has none. A line that has ended (settled by a count at least as new as it, or cancelled) keeps only its
 * version and the stream time it ended at: nothing about it can count again except a newer version of it,
 * and the version must outlive the line so that a late, older {@code PLACED} stays {@code stale}.
 *
 * <p>Immutable: a change replaces the slot, so states copied for copy-on-write can share order slots.
 */
public final class OrderSlot extends Slot {

    private final String orderId;
    /** Null once the line has ended. */
    private final String locationId;
    private final int quantity;
    private final long endedAt;

    private OrderSlot(final String orderId, final Version version, final String locationId, final int quantity,
                      final long endedAt) {
        super(version, version.occurredAt());
        this.orderId = orderId;
        this.locationId = locationId;
        this.quantity = quantity;
        this.endedAt = endedAt;
    }

    /** A placed line that the partner's count at its location does not include yet. */
    public static OrderSlot open(final String orderId, final Version version, final String locationId,
                                 final int quantity) {
        return new OrderSlot(orderId, version, locationId, quantity, 0L);
    }

    /** A line that ended (settled or cancelled) at this stream time: only its version is kept. */
    public static OrderSlot ended(final String orderId, final Version version, final long endedAt) {
        return new OrderSlot(orderId, version, null, 0, endedAt);
    }

    /** This line, ended at the stream time given. */
    OrderSlot endedAt(final long streamTime) {
        return ended(orderId, version(), streamTime);
    }

    public String orderId() {
        return orderId;
    }

    /** Whether the line is still placed and not included in the partner's count. */
    public boolean isOpen() {
        return locationId != null;
    }

    /** The location an open line is fulfilled from; null once ended. */
    public String locationId() {
        return locationId;
    }

    /** The units an open line takes; 0 once ended. */
    public int quantity() {
        return quantity;
    }

    /** When the line was placed: the occurredAt of its version. */
    public long placedAt() {
        return version().occurredAt();
    }

    /** The stream time at which the line ended; meaningful only once it has. */
    public long endedAt() {
        return endedAt;
    }

    /** Whether this open line is at the location and newer than the count whose version has this occurredAt. */
    boolean reservesAt(final String location, final long countedAt) {
        return location.equals(locationId) && placedAt() > countedAt;
    }

    /** Whether a count at the location with this occurredAt includes this open line. */
    boolean settledBy(final String location, final long countedAt) {
        return location.equals(locationId) && placedAt() <= countedAt;
    }

    /** Whether the line ended more than the retention ago, in stream time: its version may be forgotten. */
    boolean isExpired(final long streamTime, final long retentionMs) {
        return !isOpen() && streamTime - endedAt > retentionMs;
    }
}
