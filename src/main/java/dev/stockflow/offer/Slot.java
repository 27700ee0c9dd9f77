package dev.stockflow.offer;

/**
 * What every slot shares: the version of the update applied last, and the time its current value was
 * set. Last writer wins by version; {@link #notNewer} settles duplicates and stale updates.
 */
abstract class Slot {

    private Version version;
    private long updatedAt;

    public Slot(final Version version, final long updatedAt) {
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public Version version() {
        return version;
    }

    /** occurredAt of the update that set the current value. */
    public long updatedAt() {
        return updatedAt;
    }

    /**
     * Settles an update whose version is not newer than the slot's, without changing anything.
     *
     * @return {@link Outcome#DUPLICATE} or {@link Outcome#STALE} when it is not newer, else null
     */
    public final Outcome notNewer(final Version incoming) {
        final int order = incoming.compareTo(version);
        if (order == 0) {
            return Outcome.DUPLICATE;
        }
        return order < 0 ? Outcome.STALE : null;
    }

    /** Moves the slot to a version that {@link #notNewer} found newer. */
    public final void advanceTo(final Version newer) {
        version = newer;
    }

    /** The value changed with the update applied last, which took effect at its occurredAt. */
    public final void valueSetAt(final long occurredAt) {
        updatedAt = occurredAt;
    }
}
