package dev.stockflow.topology;

/** The stock value of one (offer, location) slot and the version of the update applied last. */
public final class StockSlot {

    private final String locationId;
    private int quantity;
    private Version version;
    private long updatedAt;

    StockSlot(final String locationId, final int quantity, final Version version, final long updatedAt) {
        this.locationId = locationId;
        this.quantity = quantity;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public String locationId() {
        return locationId;
    }

    public int quantity() {
        return quantity;
    }

    public Version version() {
        return version;
    }

    /** occurredAt of the update that set the current quantity. */
    public long updatedAt() {
        return updatedAt;
    }

    Outcome apply(final OfferEvent.StockChange change) {
        final Version incoming = change.version();
        final int order = incoming.compareTo(version);
        if (order == 0) {
            return Outcome.DUPLICATE;
        }
        if (order < 0) {
            return Outcome.STALE;
        }
        version = incoming;
        if (quantity == change.quantity()) {
            return Outcome.UNCHANGED;
        }
        quantity = change.quantity();
        updatedAt = change.occurredAt();
        return Outcome.CHANGED;
    }
}
