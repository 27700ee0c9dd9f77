package dev.stockflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.runtime.InputProducer;
import java.time.Instant;

/**
 * The demo's example offer: a few events of its own, sent once before the synthetic feed starts and never
 * touched by it, so the lookup the demo prints always finds the offer (a hot offer of the feed is delisted
 * now and then, and would answer 404 for a moment).
 */
final class DemoShowcase {

    static final String PARTNER = "demo";
    static final String SKU = "JACKET-42";
    static final String OFFER_KEY = PARTNER + ":" + SKU;
    /** Events {@link #send} produces, counted by the processor like any other. */
    static final int EVENTS = 3;

    private DemoShowcase() {
    }

    /** Whether a lookup's JSON answer shows every event {@link #send} produced. */
    static boolean isShownIn(final JsonNode lookup) {
        return lookup.path("locations").size() == 2 && lookup.path("prices").size() == 1;
    }

    /** Two locations and a sale price on one channel, as of a second ago. */
    static void send(final InputProducer producer, final long nowMillis) {
        final long at = nowMillis - 1_000;
        final Instant occurredAt = Instant.ofEpochMilli(at);
        producer.send(Input.STOCK, OFFER_KEY,
                new StockUpdate("demo-showcase-1", PARTNER, SKU, "berlin-central", 12, occurredAt), at);
        producer.send(Input.STOCK, OFFER_KEY,
                new StockUpdate("demo-showcase-2", PARTNER, SKU, "hamburg-store", 3, occurredAt), at);
        producer.send(Input.PRICE, OFFER_KEY,
                new PriceUpdate("demo-showcase-3", PARTNER, SKU, "zalando-de", "EUR", 12_999L, 8_999L, occurredAt), at);
        producer.flush();
    }
}
