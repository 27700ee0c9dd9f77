package dev.stockflow.reference;

import dev.stockflow.avro.OfferSnapshot;

/**
 * One record written to the snapshot topic.
 *
 * @param offerKey the record key
 * @param snapshot the value; null for a tombstone
 */
public record Emission(String offerKey, OfferSnapshot snapshot) {

    public static Emission tombstone(final String offerKey) {
        return new Emission(offerKey, null);
    }

    public boolean isTombstone() {
        return snapshot == null;
    }
}
