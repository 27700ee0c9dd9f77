package dev.stockflow.workload;

import dev.stockflow.avro.OrderLineStatus;
import java.util.SplittableRandom;

/**
 * The marketplace's order lines in the synthetic workload: lines placed on hot offers and, about one order
 * event in twenty, the cancellation of a recent line. A placed line takes its units off the partner's book
 * at its location (without an event), so that the partner's next count there, a change or a full-feed
 * re-push newer than the line, reports the lower quantity and settles the line, as a real partner's would.
 */
final class OrderStream {

    /** Share of order events that cancel a recent line. */
    private static final double CANCEL_SHARE = 0.05;
    /** How many recent lines a cancellation may pick from. */
    private static final int RECENT_LINES = 64;

    private final SplittableRandom random;
    private final SlotBook book;
    private final WorkloadEvents events;
    private final String orderIdPrefix;
    private final int[] recentOffers = new int[RECENT_LINES];
    private final int[] recentLocations = new int[RECENT_LINES];
    private final String[] recentOrderIds = new String[RECENT_LINES];
    private final long[] recentPlacedAt = new long[RECENT_LINES];
    private int recentSize;
    private int recentNext;
    private long orders;

    OrderStream(final SplittableRandom random, final SlotBook book, final WorkloadEvents events, final long seed) {
        this.random = random;
        this.book = book;
        this.events = events;
        this.orderIdPrefix = "ord-" + Long.toHexString(seed) + "-";
    }

    /** The next order event: a cancellation of a recent line, or a line placed on the offer given. */
    GeneratedEvent next(final int offer, final int locations, final long now) {
        if (recentSize > 0 && random.nextDouble() < CANCEL_SHARE) {
            return cancelRecent(now);
        }
        final int location = random.nextInt(locations);
        final int quantity = 1 + random.nextInt(2);
        final int slot = book.stockSlot(offer, location);
        final long placedAt = book.nextOccurredAt(slot, now); // after the count it is taken from
        if (book.hasValue(slot)) {
            book.setQuantity(slot, Math.max(0, book.quantity(slot) - quantity), book.latest(slot));
        }
        final String orderId = orderIdPrefix + ++orders;
        remember(offer, location, orderId, placedAt);
        return events.valid(offer, events.order(offer, orderId, location, quantity, OrderLineStatus.PLACED,
                placedAt));
    }

    private GeneratedEvent cancelRecent(final long now) {
        final int index = random.nextInt(recentSize);
        final int offer = recentOffers[index];
        // Newer than the line it cancels and than its location's latest version (a count, or the offer's
        // delisting), either of which may run ahead of the clock at a hot location: an older cancellation
        // would be stale and cancel nothing.
        final long cancelledAt = book.nextOccurredAt(book.stockSlot(offer, recentLocations[index]),
                Math.max(now, recentPlacedAt[index] + 1));
        final GeneratedEvent cancel = events.valid(offer, events.order(offer, recentOrderIds[index],
                recentLocations[index], 1, OrderLineStatus.CANCELLED, cancelledAt));
        // Forgotten here: a line is cancelled once. Its units stay off the book (the partner's count
        // decides what is there), which the rules allow: orders never move stock.
        recentSize--;
        recentOffers[index] = recentOffers[recentSize];
        recentLocations[index] = recentLocations[recentSize];
        recentOrderIds[index] = recentOrderIds[recentSize];
        recentPlacedAt[index] = recentPlacedAt[recentSize];
        recentNext = recentSize;
        return cancel;
    }

    private void remember(final int offer, final int location, final String orderId, final long placedAt) {
        recentOffers[recentNext] = offer;
        recentLocations[recentNext] = location;
        recentOrderIds[recentNext] = orderId;
        recentPlacedAt[recentNext] = placedAt;
        recentNext = (recentNext + 1) % RECENT_LINES;
        recentSize = Math.min(recentSize + 1, RECENT_LINES);
    }
}
