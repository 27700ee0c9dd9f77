package dev.stockflow.offer;

/** One entry of a channel's price history: the effective price that took effect at occurredAt. */
public record PricePoint(long occurredAt, String currency, long effectivePrice) {
}
