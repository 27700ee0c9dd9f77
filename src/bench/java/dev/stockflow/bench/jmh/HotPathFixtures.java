package dev.stockflow.bench.jmh;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.state.StoredOffer;
import java.time.Duration;

/** Typical inputs of the hot path, built through the public API as the processor would build them. */
final class HotPathFixtures {

    static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    static final String[] LOCATIONS = {"store-berlin-mitte", "wh-erfurt", "wh-lahr"};
    static final String[][] CHANNELS = {{"zalando-ch", "CHF"}, {"zalando-de", "EUR"}, {"zalando-pl", "PLN"},
        {"zalando-uk", "GBP"}};

    private HotPathFixtures() {
    }

    /**
     * An offer as the default workload makes them: three locations and four channels, each channel with
     * {@code pricesPerChannel} prices in its Omnibus history, a day apart.
     */
    static StoredOffer offer(final int pricesPerChannel) {
        final StoredOffer stored = new StoredOffer();
        long time = T0;
        int id = 0;
        for (int price = 0; price < pricesPerChannel; price++) {
            for (final String[] channel : CHANNELS) {
                final long regular = 4_999 + 100L * (price % 5);
                apply(stored, new OfferEvent.PriceChange("evt-" + id++, channel[0], channel[1], regular,
                        price % 3 == 0 ? regular - 1_000 : null, time));
            }
            time += Duration.ofDays(1).toMillis();
        }
        for (int location = 0; location < LOCATIONS.length; location++) {
            apply(stored, new OfferEvent.StockChange("evt-" + id++, LOCATIONS[location], 10 + location, time));
        }
        return stored;
    }

    static void apply(final StoredOffer stored, final OfferEvent event) {
        stored.state().apply(event, event.occurredAt(), RuleSettings.DEFAULTS);
    }
}
