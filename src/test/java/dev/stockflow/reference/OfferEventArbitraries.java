package dev.stockflow.reference;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OrderStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random but valid input events for a handful of offers, drawn from small pools so that they collide:
 * few locations and channels, occurredAt within {@link #TIME_SPAN} ms (ties are common and then
 * broken by eventIds, some of them non-ASCII), a few price levels, two currencies, delistings, and order
 * lines: three orderIds per offer (so lines are amended, cancelled and placed again), 1-2 units, about one in
 * five cancelled, now and then at a location that never gets stock, mostly after the first counts.
 * EventIds are unique within a set, as they are per source event.
 */
public final class OfferEventArbitraries {

    /** A realistic epoch-millis origin for every occurredAt. */
    public static final long BASE = 1_700_000_000_000L;
    /** occurredAt lies in [BASE, BASE + TIME_SPAN]. */
    public static final int TIME_SPAN = 24;
    /** The sku of the last key contains ':' (allowed); partnerIds never do. */
    public static final List<String> OFFER_KEYS = List.of("p1:sku-1", "p1:sku-2", "p.2:\u00e9t\u00e9-\u4e2d", "p-3:X:Y");

    private static final List<String> LOCATIONS = List.of("wh-1", "store.3");
    /** Where order lines are fulfilled from: mostly the stock locations, now and then one that never has stock. */
    private static final List<String> ORDER_LOCATIONS = List.of("wh-1", "wh-1", "wh-1", "store.3", "pickup-9");
    /**
     * Order lines are placed in the later part of the time span, so that many find a count before them to
     * reserve against (and later counts to settle them); counts and delistings span all of it.
     */
    private static final int ORDERS_FROM = 6;
    private static final List<String> ORDER_IDS = List.of("o-1", "o-2", "o.3");
    private static final List<String> CHANNELS = List.of("web", "zalando-de");
    /** "\uFF21" sorts before "\uD83D\uDE00" in UTF-8 byte order but after it in Java String order. */
    private static final List<String> EVENT_ID_PARTS = List.of("a", "b", "z", "\u00e9", "\uFF21", "\uD83D\uDE00");

    private OfferEventArbitraries() {
    }

    /**
     * Sets of 1-36 events over 2-4 offers, plus up to two order stories on the first offer, in generation
     * order (callers arrange deliveries).
     */
    public static Arbitrary<List<KeyedEvent>> eventSets() {
        return Arbitraries.integers().between(2, OFFER_KEYS.size())
                .flatMap(offerCount -> Combinators.combine(
                                keyedEvents(OFFER_KEYS.subList(0, offerCount)).list().ofMinSize(1).ofMaxSize(36),
                                orderStory().list().ofMaxSize(2))
                        .as(OfferEventArbitraries::joined)
                        .map(OfferEventArbitraries::withUniqueEventIds));
    }

    private static List<KeyedEvent> joined(final List<KeyedEvent> events, final List<List<KeyedEvent>> stories) {
        final List<KeyedEvent> all = new ArrayList<>(events);
        stories.forEach(all::addAll);
        return all;
    }

    /**
     * A partner's count at a location, an order line placed there after it and a later count that includes
     * the line (the same count again, or another), sometimes with the line cancelled or amended in between:
     * independent events seldom line up like this, and this is the story reservations are made for.
     */
    private static Arbitrary<List<KeyedEvent>> orderStory() {
        final Arbitrary<String> locations = Arbitraries.of("wh-1", "store.3");
        final Arbitrary<Integer> twist = Arbitraries.integers().between(0, 3); // none, none, cancel, amend
        return Combinators.combine(locations, Arbitraries.integers().between(0, 3), Arbitraries.of(ORDER_IDS),
                        Arbitraries.longs().between(0, TIME_SPAN - 8), Arbitraries.integers().between(1, 4),
                        Arbitraries.of(true, false), twist)
                .as((location, count, orderId, countedAt, gap, sameCount, kind) -> {
                    final String key = OFFER_KEYS.get(0);
                    final long placedAt = BASE + countedAt + gap;
                    final List<KeyedEvent> story = new ArrayList<>();
                    story.add(new KeyedEvent(key, new OfferEvent.StockChange("s", location, count, BASE + countedAt)));
                    story.add(new KeyedEvent(key, new OfferEvent.OrderLine("o", orderId, location, 1,
                            OrderStatus.PLACED, placedAt)));
                    if (kind >= 2) {
                        story.add(new KeyedEvent(key, new OfferEvent.OrderLine("c", orderId, location, 2,
                                kind == 2 ? OrderStatus.CANCELLED : OrderStatus.PLACED, placedAt + 1)));
                    }
                    story.add(new KeyedEvent(key, new OfferEvent.StockChange("r", location,
                            sameCount ? count : count + 1, placedAt + 1 + gap)));
                    return story;
                });
    }

    /**
     * Lengthens an eventId that an earlier event already has until it is unique: cheaper than
     * generating unique ids, and the lengthened ids still tie-break in mixed UTF-8 orders.
     */
    private static List<KeyedEvent> withUniqueEventIds(final List<KeyedEvent> events) {
        final Set<String> seen = new HashSet<>();
        final List<KeyedEvent> unique = new ArrayList<>();
        for (final KeyedEvent keyed : events) {
            String eventId = keyed.event().eventId();
            for (int salt = unique.size(); !seen.add(eventId); salt++) {
                eventId = eventId + EVENT_ID_PARTS.get(salt % EVENT_ID_PARTS.size());
            }
            unique.add(new KeyedEvent(keyed.offerKey(), withEventId(keyed.event(), eventId)));
        }
        return unique;
    }

    private static OfferEvent withEventId(final OfferEvent event, final String eventId) {
        if (event instanceof OfferEvent.StockChange stock) {
            return new OfferEvent.StockChange(eventId, stock.locationId(), stock.quantity(), stock.occurredAt());
        }
        if (event instanceof OfferEvent.PriceChange price) {
            return new OfferEvent.PriceChange(eventId, price.channel(), price.currency(), price.regularPrice(),
                    price.salePrice(), price.occurredAt());
        }
        if (event instanceof OfferEvent.OrderLine line) {
            return new OfferEvent.OrderLine(eventId, line.orderId(), line.locationId(), line.quantity(),
                    line.status(), line.occurredAt());
        }
        return new OfferEvent.Delisting(eventId, event.occurredAt());
    }

    private static Arbitrary<KeyedEvent> keyedEvents(final List<String> offerKeys) {
        final Arbitrary<OfferEvent> events = Arbitraries.frequencyOf(
                Tuple.of(3, stockChanges()),
                Tuple.of(4, priceChanges()),
                Tuple.of(1, delistings()),
                Tuple.of(4, orderLines()));
        // The first offer gets most events, so that its slots see long, colliding histories.
        final Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(offerKeys.size(), Arbitraries.just(offerKeys.get(0))),
                Tuple.of(offerKeys.size() - 1, Arbitraries.of(offerKeys.subList(1, offerKeys.size()))));
        return Combinators.combine(keys, events).as(KeyedEvent::new);
    }

    private static Arbitrary<OfferEvent> stockChanges() {
        return Combinators.combine(eventIds(), Arbitraries.of(LOCATIONS), Arbitraries.integers().between(0, 2),
                        occurredAts())
                .as(OfferEvent.StockChange::new);
    }

    private static Arbitrary<OfferEvent> priceChanges() {
        final Arbitrary<String> currencies = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just("EUR")), Tuple.of(1, Arbitraries.just("USD")));
        final Arbitrary<Long> regularPrices = Arbitraries.of(100L, 200L);
        // Both sale prices are below every regular price, as the input rules require.
        final Arbitrary<Long> salePrices = Arbitraries.of(50L, 99L).injectNull(0.6);
        return Combinators.combine(eventIds(), Arbitraries.of(CHANNELS), currencies, regularPrices, salePrices,
                        occurredAts())
                .as(OfferEvent.PriceChange::new);
    }

    private static Arbitrary<OfferEvent> orderLines() {
        final Arbitrary<OrderStatus> statuses = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(OrderStatus.PLACED)), Tuple.of(1, Arbitraries.just(OrderStatus.CANCELLED)));
        return Combinators.combine(eventIds(), Arbitraries.of(ORDER_IDS), Arbitraries.of(ORDER_LOCATIONS),
                        Arbitraries.integers().between(1, 2), statuses,
                        Arbitraries.longs().between(ORDERS_FROM, TIME_SPAN).map(offset -> BASE + offset))
                .as(OfferEvent.OrderLine::new);
    }

    private static Arbitrary<OfferEvent> delistings() {
        return Combinators.combine(eventIds(), occurredAts()).as(OfferEvent.Delisting::new);
    }

    private static Arbitrary<String> eventIds() {
        return Arbitraries.of(EVENT_ID_PARTS).list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("", parts));
    }

    private static Arbitrary<Long> occurredAts() {
        return Arbitraries.longs().between(0, TIME_SPAN).map(offset -> BASE + offset);
    }
}
