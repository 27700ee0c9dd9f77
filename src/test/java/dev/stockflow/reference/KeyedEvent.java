package dev.stockflow.reference;

import dev.stockflow.offer.OfferEvent;

/**
 * One input record as the processor sees it: the offer key and the validated event.
 *
 * @param offerKey {@code partnerId + ":" + sku}
 */
public record KeyedEvent(String offerKey, OfferEvent event) {
}
