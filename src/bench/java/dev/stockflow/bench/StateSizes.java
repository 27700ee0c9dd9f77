package dev.stockflow.bench;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OrderStatus;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.state.StoredOfferCodec;
import java.util.function.Consumer;

/**
 * Prints the stored size (encoded bytes, as in RocksDB and the changelog) of typical offers, with and without
 * order lines: the figures of docs/benchmark.md's state-size table. A program that prints, not a test.
 *
 * <pre>java -cp "$classpath" dev.stockflow.bench.StateSizes</pre>
 */
public final class StateSizes {

    private static final long T0 = 1_767_225_600_000L;
    private static final long MINUTE = 60_000L;
    private static final RuleSettings RULES = RuleSettings.DEFAULTS;

    private StateSizes() {
    }

    public static void main(final String[] args) {
        System.out.printf("%-58s %8s%n", "offer (2 locations, 2 channels, 1 price change each)", "bytes");
        print("no orders", offer -> { });
        print("1 open line (reserving)", offer -> placed(offer, 1, "wh-1", 1));
        print("5 open lines", offer -> placeMany(offer, 5));
        print("20 open lines (a hot offer between two counts)", offer -> placeMany(offer, 20));
        print("20 lines settled by the next count (versions only)", offer -> {
            placeMany(offer, 20);
            stock(offer, "wh-1", 30, T0 + 100 * MINUTE, "count-2");
            stock(offer, "store-7", 4, T0 + 100 * MINUTE, "count-3");
        });
        print("1 cancelled line (version only)", offer -> apply(offer, new OfferEvent.OrderLine(
                "ev-c-1", "order-000001", "wh-1", 1, OrderStatus.CANCELLED, T0 + 5 * MINUTE)));
    }

    private static void print(final String label, final Consumer<StoredOffer> orders) {
        final StoredOffer offer = baseline();
        orders.accept(offer);
        System.out.printf("%-58s %8d%n", label, StoredOfferCodec.encode(offer).length);
    }

    /** An offer as the workload makes them: two counted locations, two channels with one earlier price each. */
    private static StoredOffer baseline() {
        final StoredOffer offer = new StoredOffer();
        stock(offer, "wh-1", 30, T0, "count-0");
        stock(offer, "store-7", 4, T0, "count-1");
        for (final String channel : new String[] {"zalando-de", "zalando-fr"}) {
            apply(offer, new OfferEvent.PriceChange("ev-p-" + channel + "-0", channel, "EUR", 4999L, null,
                    T0 - 10 * MINUTE));
            apply(offer, new OfferEvent.PriceChange("ev-p-" + channel + "-1", channel, "EUR", 4999L, 3999L, T0));
        }
        return offer;
    }

    private static void placeMany(final StoredOffer offer, final int lines) {
        for (int i = 1; i <= lines; i++) {
            placed(offer, i, i % 3 == 0 ? "store-7" : "wh-1", 1 + i % 2);
        }
    }

    private static void placed(final StoredOffer offer, final int number, final String location, final int units) {
        apply(offer, new OfferEvent.OrderLine(String.format("ev-o-%06d", number), String.format("order-%06d", number),
                location, units, OrderStatus.PLACED, T0 + number * MINUTE));
    }

    private static void stock(final StoredOffer offer, final String location, final int quantity, final long at,
                              final String eventId) {
        apply(offer, new OfferEvent.StockChange(eventId, location, quantity, at));
    }

    private static void apply(final StoredOffer offer, final OfferEvent event) {
        offer.state().apply(event, event.occurredAt(), RULES);
    }
}
