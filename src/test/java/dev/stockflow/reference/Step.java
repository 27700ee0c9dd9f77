package dev.stockflow.reference;

import dev.stockflow.offer.Outcome;

/**
 * What delivering one input record did.
 *
 * @param outcome  the SPEC outcome of the event
 * @param emission the record written to the snapshot topic, or null when none
 */
public record Step(Outcome outcome, Emission emission) {
}
