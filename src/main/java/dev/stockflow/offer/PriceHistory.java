package dev.stockflow.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The effective prices a channel applied, oldest first, for the EU Omnibus lowest price.
 *
 * <p>Entries only ever arrive at or after the newest one (a changed price has a newer version than
 * the slot, hence an occurredAt no older than the current price), so the list stays sorted by
 * appending. It is pruned to what the window needs: the entry in effect at the window start and
 * everything after it.
 */
public final class PriceHistory {

    private final List<PricePoint> points;

    public PriceHistory() {
        this(new ArrayList<>(2));
    }

    public PriceHistory(final List<PricePoint> points) {
        this.points = points;
    }

    /** An independent copy; the points themselves are immutable and shared. */
    public PriceHistory copy() {
        return new PriceHistory(new ArrayList<>(points));
    }

    public List<PricePoint> points() {
        return Collections.unmodifiableList(points);
    }

    /** Records a price that took effect; one at the same instant is replaced (one price per instant). */
    public void record(final PricePoint point) {
        final int last = points.size() - 1;
        if (last >= 0 && points.get(last).occurredAt() == point.occurredAt()) {
            points.set(last, point);
        } else {
            points.add(point);
        }
    }

    /**
     * The lowest effective price in {@code currency} in effect at any instant of [now - window, now):
     * the entry in effect at the window start plus every entry inside the window; null when none.
     */
    public Long lowest(final long now, final long window, final String currency) {
        final long windowStart = saturatedMinus(now, window);
        final int inEffectAtStart = lastIndexAtOrBefore(windowStart);
        Long lowest = null;
        for (int i = Math.max(inEffectAtStart, 0); i < points.size(); i++) {
            final PricePoint point = points.get(i);
            if (point.occurredAt() >= now) {
                break;
            }
            final boolean counts = i == inEffectAtStart || point.occurredAt() > windowStart;
            if (counts && point.currency().equals(currency)
                    && (lowest == null || point.effectivePrice() < lowest)) {
                lowest = point.effectivePrice();
            }
        }
        return lowest;
    }

    /** Drops entries no window ending at or after {@code now} can reach. */
    public void pruneBefore(final long now, final long window) {
        final int keepFrom = lastIndexAtOrBefore(saturatedMinus(now, window));
        if (keepFrom > 0) {
            points.subList(0, keepFrom).clear();
        }
    }

    /** Drops the entries a delisting at {@code delistedAt} removes. */
    public void dropUpTo(final long delistedAt) {
        points.removeIf(point -> point.occurredAt() <= delistedAt);
    }

    private int lastIndexAtOrBefore(final long instant) {
        int found = -1;
        for (int i = 0; i < points.size() && points.get(i).occurredAt() <= instant; i++) {
            found = i;
        }
        return found;
    }

    private static long saturatedMinus(final long value, final long amount) {
        final long result = value - amount;
        return result > value ? Long.MIN_VALUE : result;
    }
}
