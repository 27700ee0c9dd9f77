package dev.stockflow.offer;

/**
 * The result of applying one event to an offer.
 *
 * @param outcome      the SPEC outcome, counted in metrics
 * @param emission     what to write to the snapshot topic for the offer
 * @param stateChanged whether the state must be written back to the store
 */
public record Applied(Outcome outcome, Emission emission, boolean stateChanged) {

    /** What the snapshot topic receives for the offer after an event. */
    public enum Emission {
        NONE, SNAPSHOT, TOMBSTONE
    }
}
