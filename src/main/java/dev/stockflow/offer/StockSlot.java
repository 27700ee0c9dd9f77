package dev.stockflow.offer;

/** The stock value of one (offer, location) slot and the version of the update applied last. */
public final class StockSlot extends Slot {

    private final String locationId;
    private int quantity;

    public StockSlot(final String locationId, final int quantity, final Version version, final long updatedAt) {
        super(version, updatedAt);
        this.locationId = locationId;
        this.quantity = quantity;
    }

    /** An independent copy; versions are immutable and shared. */
    public StockSlot copy() {
        return new StockSlot(locationId, quantity, version(), updatedAt());
    }

    public String locationId() {
        return locationId;
    }

    public int quantity() {
        return quantity;
    }

    /** Applies an update whose version {@link #notNewer} found newer: changed or unchanged. */
    public Outcome applyNewer(final OfferEvent.StockChange change) {
        advanceTo(change.version());
        if (quantity == change.quantity()) {
            return Outcome.UNCHANGED;
        }
        quantity = change.quantity();
        valueSetAt(change.occurredAt());
        return Outcome.CHANGED;
    }
}
