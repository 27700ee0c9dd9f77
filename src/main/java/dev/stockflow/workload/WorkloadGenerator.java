package dev.stockflow.workload;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An endless, seeded stream of realistic partner events: the workload of {@code generate}, the demo and
 * the benchmark. The same settings always give the same events.
 *
 * <p>Each event is, with the shares of {@link WorkloadSettings}:
 * <ul>
 *   <li>a full-feed re-push: the current value of the next slot of a walk over every slot that has one,
 *       with a newer occurredAt (Stockflow: unchanged);</li>
 *   <li>a duplicate: one of the last few re-pushes, changes or delistings, delivered again as is
 *       (duplicate);</li>
 *   <li>out of order: a value for a slot with an occurredAt before the slot's latest (stale);</li>
 *   <li>a delisting of an offer, newer than all its slots (the offer's next change lists it again);</li>
 *   <li>a bad record (see {@link GeneratedEvent#badReason()});</li>
 *   <li>an order line placed on a hot offer, or the cancellation of a recent one ({@link OrderStream});</li>
 *   <li>otherwise a real change of a stock level or, less often, of a price.</li>
 * </ul>
 * Offers for changes, delistings and bad records are drawn with a Zipf skew, so a few offers are hot.
 * occurredAt follows a clock that starts at {@link WorkloadSettings#start()} and advances
 * {@code 1000 / eventsPerSecond} ms per event (an event that must be newer than its slot's latest may be
 * a few ms ahead of it). A caller producing to a live Stockflow should start the clock near the current
 * time and pace the events, or they will look late or in the future.
 *
 * <p>Not thread-safe. Holds about 30 bytes per slot (offers x (locations + channels)).
 */
public final class WorkloadGenerator implements Iterator<GeneratedEvent> {

    /** How far back a duplicate may reach: retries come soon after the original. */
    private static final int RECENT_EVENTS = 16;

    private final WorkloadSettings settings;
    private final SplittableRandom random;
    private final WorkloadCatalog catalog;
    private final SlotBook book;
    private final ZipfSampler hotOffers;
    private final ValueModel values;
    private final WorkloadEvents events;
    private final BadRecords badRecords;
    private final OrderStream orders;
    private final GeneratedEvent[] recent = new GeneratedEvent[RECENT_EVENTS];
    private final long startMillis;
    private final double millisPerEvent;
    private final double badBelow;
    private final double delistingBelow;
    private final double duplicateBelow;
    private final double outOfOrderBelow;
    private final double unchangedBelow;
    private final double orderBelow;
    private int recentSize;
    private int recentNext;
    private long sequence;

    public WorkloadGenerator(final WorkloadSettings settings) {
        this.settings = settings;
        random = new SplittableRandom(settings.seed());
        catalog = new WorkloadCatalog(settings);
        book = new SlotBook(settings.offers(), settings.locationsPerOffer(), settings.channels());
        hotOffers = new ZipfSampler(settings.offers(), settings.zipfExponent());
        values = new ValueModel(random, catalog, settings.saleShare());
        events = new WorkloadEvents(catalog, new EventIdSequence(settings.seed()));
        badRecords = new BadRecords(random, catalog, events, values);
        orders = new OrderStream(random, book, events, settings.seed());
        startMillis = settings.start().toEpochMilli();
        millisPerEvent = 1000.0 / settings.eventsPerSecond();
        badBelow = settings.badShare();
        delistingBelow = badBelow + settings.delistingShare();
        duplicateBelow = delistingBelow + settings.duplicateShare();
        outOfOrderBelow = duplicateBelow + settings.outOfOrderShare();
        unchangedBelow = outOfOrderBelow + settings.unchangedShare();
        orderBelow = unchangedBelow + settings.orderShare();
    }

    public WorkloadSettings settings() {
        return settings;
    }

    /** Always true: the workload never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public GeneratedEvent next() {
        final long now = startMillis + (long) (sequence++ * millisPerEvent);
        final double roll = random.nextDouble();
        final GeneratedEvent special = special(roll, now);
        return special != null ? special : remember(change(now));
    }

    /**
     * One record of a partner's initial full stock feed: a quantity for the {@code location}-th location of
     * {@code offer}, at the event clock (which advances as for {@link #next}). The slot then has a value, so
     * later re-pushes walk over it and later changes start from it. Sending this for every offer-location
     * before the steady workload gives a state of known size, as the benchmark's scale runs need.
     */
    public GeneratedEvent initialStock(final int offer, final int location) {
        if (offer < 0 || offer >= settings.offers() || location < 0 || location >= settings.locationsPerOffer()) {
            throw new IllegalArgumentException("no offer-location " + offer + "/" + location + " in this workload");
        }
        final long now = startMillis + (long) (sequence++ * millisPerEvent);
        final int slot = book.stockSlot(offer, location);
        final int quantity = values.nextQuantity(book.quantity(slot));
        final long occurredAt = book.nextOccurredAt(slot, now);
        book.setQuantity(slot, quantity, occurredAt);
        return stockEvent(slot, quantity, occurredAt);
    }

    /** The remaining events as an endless ordered stream; use {@code limit}. */
    public Stream<GeneratedEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
    }

    /** The event the roll asks for, or null for a real change (also when the one asked for is impossible). */
    private GeneratedEvent special(final double roll, final long now) {
        if (roll < badBelow) {
            return badRecords.next(hotOffers.sample(random), now);
        }
        if (roll < delistingBelow) {
            return remember(delisting(now));
        }
        if (roll < duplicateBelow) {
            return duplicate();
        }
        if (roll < outOfOrderBelow) {
            return outOfOrder();
        }
        if (roll < unchangedBelow) {
            final GeneratedEvent repush = repush(now);
            return repush == null ? null : remember(repush);
        }
        if (roll < orderBelow) {
            return remember(orders.next(hotOffers.sample(random), catalog.locations(), now));
        }
        return null;
    }

    private GeneratedEvent change(final long now) {
        final int offer = hotOffers.sample(random);
        if (random.nextDouble() < settings.priceShare()) {
            final int slot = book.priceSlot(offer, random.nextInt(catalog.channels()));
            return newPrice(slot, book.nextOccurredAt(slot, now));
        }
        final int slot = book.stockSlot(offer, random.nextInt(catalog.locations()));
        final int quantity = values.nextQuantity(book.quantity(slot));
        final long occurredAt = book.nextOccurredAt(slot, now);
        book.setQuantity(slot, quantity, occurredAt);
        return stockEvent(slot, quantity, occurredAt);
    }

    /** A price different from the slot's current one. */
    private GeneratedEvent newPrice(final int slot, final long occurredAt) {
        final int offer = book.offerOf(slot);
        final long drawn = values.regularPrice(offer, book.placeOf(slot));
        final long sale = values.salePrice(drawn);
        final boolean same = drawn == book.regularPrice(slot) && sale == book.salePrice(slot);
        final long regular = same ? drawn + 100 : drawn;
        book.setPrice(slot, regular, sale, occurredAt);
        return priceEvent(slot, regular, sale, occurredAt);
    }

    private GeneratedEvent repush(final long now) {
        final int slot = book.nextRepushSlot();
        if (slot < 0) {
            return null;
        }
        final long occurredAt = book.nextOccurredAt(slot, now);
        book.advance(slot, occurredAt);
        return book.isStock(slot) ? stockEvent(slot, book.quantity(slot), occurredAt)
                : priceEvent(slot, book.regularPrice(slot), book.salePrice(slot), occurredAt);
    }

    private GeneratedEvent duplicate() {
        if (recentSize == 0) {
            return null;
        }
        final int back = 1 + random.nextInt(recentSize);
        return recent[(recentNext - back + RECENT_EVENTS) % RECENT_EVENTS];
    }

    /** Some value for a slot, older than the slot's latest version; the book does not change. */
    private GeneratedEvent outOfOrder() {
        if (book.knownCount() == 0) {
            return null;
        }
        final int slot = book.knownSlot(random.nextInt(book.knownCount()));
        final long occurredAt = book.latest(slot) - 1 - random.nextLong(settings.maxLateness().toMillis());
        if (occurredAt < 0) {
            return null;
        }
        if (book.isStock(slot)) {
            return stockEvent(slot, values.anyQuantity(), occurredAt);
        }
        final long regular = values.regularPrice(book.offerOf(slot), book.placeOf(slot));
        return priceEvent(slot, regular, values.salePrice(regular), occurredAt);
    }

    private GeneratedEvent delisting(final long now) {
        final int offer = hotOffers.sample(random);
        final OfferDelisted delisting = events.delisting(offer, book.delist(offer, now));
        return events.valid(offer, delisting);
    }

    private GeneratedEvent stockEvent(final int slot, final int quantity, final long occurredAt) {
        final int offer = book.offerOf(slot);
        final StockUpdate stock = events.stock(offer, book.placeOf(slot), quantity, occurredAt);
        return events.valid(offer, stock);
    }

    private GeneratedEvent priceEvent(final int slot, final long regular, final long sale, final long occurredAt) {
        final int offer = book.offerOf(slot);
        final PriceUpdate price = events.price(offer, book.placeOf(slot), regular, sale, occurredAt);
        return events.valid(offer, price);
    }

    private GeneratedEvent remember(final GeneratedEvent event) {
        recent[recentNext] = event;
        recentNext = (recentNext + 1) % RECENT_EVENTS;
        recentSize = Math.min(recentSize + 1, RECENT_EVENTS);
        return event;
    }
}
