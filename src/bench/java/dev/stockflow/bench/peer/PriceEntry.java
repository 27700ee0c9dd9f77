package dev.stockflow.bench.peer;

/** An effective price that took effect at {@code occurredAt}: one entry of a channel's price history (JSON). */
public final class PriceEntry {

    public long occurredAt;
    public String currency;
    public long price;

    public PriceEntry() {
    }

    PriceEntry(final long occurredAt, final String currency, final long price) {
        this.occurredAt = occurredAt;
        this.currency = currency;
        this.price = price;
    }
}
