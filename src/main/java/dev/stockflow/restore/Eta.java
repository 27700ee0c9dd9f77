package dev.stockflow.restore;

import java.util.OptionalLong;

/** The estimate of the time left, defined once for a store and for the instance as a whole. */
final class Eta {

    private Eta() {
    }

    /**
     * The seconds {@code remaining} takes at {@code perSecond}, rounded up: 0 when nothing remains, empty when
     * the rate is unknown (NaN) or zero, since a stalled restore has no honest estimate.
     */
    static OptionalLong seconds(final long remaining, final double perSecond) {
        if (remaining <= 0) {
            return OptionalLong.of(0);
        }
        if (Double.isNaN(perSecond) || perSecond <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) Math.ceil(remaining / perSecond));
    }
}
