package dev.stockflow.workload;

import java.util.random.RandomGenerator;

/**
 * Plausible stock levels and prices: quantities walk up and down from their last value, with the odd
 * restock; prices end in 99 in each channel's currency, some with a sale price 10-50% below.
 */
final class ValueModel {

    private static final int MAX_FRESH_QUANTITY = 40;
    private static final int MAX_STEP = 5;
    private static final double RESTOCK_SHARE = 0.1;

    private final RandomGenerator random;
    private final WorkloadCatalog catalog;
    private final double saleShare;

    ValueModel(final RandomGenerator random, final WorkloadCatalog catalog, final double saleShare) {
        this.random = random;
        this.catalog = catalog;
        this.saleShare = saleShare;
    }

    /** A quantity different from {@code current} (-1 when there is none). */
    int nextQuantity(final int current) {
        if (current < 0) {
            return anyQuantity();
        }
        if (random.nextDouble() < RESTOCK_SHARE) {
            return current + MAX_FRESH_QUANTITY / 2 + random.nextInt(MAX_FRESH_QUANTITY);
        }
        final int step = 1 + random.nextInt(MAX_STEP);
        final int next = Math.max(0, random.nextBoolean() ? current + step : current - step);
        return next == current ? current + step : next;
    }

    int anyQuantity() {
        return random.nextInt(MAX_FRESH_QUANTITY + 1);
    }

    /** A regular price for the offer on the channel, 90-120% of its base price, ending in 99. */
    long regularPrice(final int offer, final int channel) {
        final double factor = 0.9 + 0.05 * random.nextInt(7);
        final double raw = catalog.basePriceCents(offer) * catalog.channel(channel).perEuro() * factor;
        return Math.max(99, Math.round(raw / 100) * 100 - 1);
    }

    /** A sale price below {@code regular}, or 0 for none. */
    long salePrice(final long regular) {
        if (random.nextDouble() >= saleShare) {
            return 0;
        }
        final int percent = 50 + 5 * random.nextInt(9);
        return Math.max(1, regular * percent / 100);
    }
}
