package dev.stockflow.workload;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything that shapes a synthetic workload. The same settings (seed included) always give the same
 * sequence of events.
 *
 * <p>The shares are fractions of all events: {@code unchangedShare} re-pushes of a slot's current value
 * (full feeds), {@code duplicateShare} exact redeliveries of a recent event, {@code outOfOrderShare} events
 * older than their slot's latest, {@code delistingShare} delistings, {@code badShare} records that fail
 * validation or carry the wrong key; the rest are real changes, of which {@code priceShare} are price
 * changes (the others stock changes). {@code saleShare} of generated prices carry a sale price.
 * {@code orderShare} of all events are order lines (0 unless asked for: the benchmark's comparisons with
 * its peer assume none): lines placed on hot offers, about 5% of them cancellations of recent ones, each
 * taken off the partner's book so that its next count there includes it and settles it.
 *
 * @param seed              the random seed
 * @param partners          how many partners own the offers
 * @param offers            how many offers (partner + SKU)
 * @param locationsPerOffer how many locations each offer is stocked at
 * @param channels          how many sales channels each offer is priced on (see {@link SalesChannel#first})
 * @param zipfExponent      how skewed the choice of offer is; 0 is uniform, 1 makes a few offers hot
 * @param start             the occurredAt of the first event
 * @param eventsPerSecond   how fast the event clock runs: occurredAt advances 1000 / eventsPerSecond ms
 *                          per event
 * @param maxLateness       how far before its slot's latest an out-of-order event may be
 */
public record WorkloadSettings(long seed, int partners, int offers, int locationsPerOffer, int channels,
                               double zipfExponent, Instant start, double eventsPerSecond, Duration maxLateness,
                               double unchangedShare, double duplicateShare, double outOfOrderShare,
                               double delistingShare, double badShare, double priceShare, double saleShare,
                               double orderShare) {

    /**
     * The largest share of order lines the tools offer: with the other kinds at their defaults (which take
     * about two thirds of the events) there is room for a third, and more orders than this would be no
     * marketplace's stream anyway.
     */
    public static final double MAX_ORDER_SHARE = 0.3;

    public WorkloadSettings {
        requireSizes(partners, offers, locationsPerOffer, channels);
        requireTiming(zipfExponent, start, eventsPerSecond, maxLateness);
        requireShares(unchangedShare, duplicateShare, outOfOrderShare, delistingShare, badShare);
        requireShare("priceShare", priceShare);
        requireShare("saleShare", saleShare);
        requireShare("orderShare", orderShare);
        if (unchangedShare + duplicateShare + outOfOrderShare + delistingShare + badShare + orderShare > 1 + 1e-9) {
            throw new IllegalArgumentException("the shares of unchanged, duplicate, out-of-order, delisting, bad"
                    + " and order events add up to more than 1");
        }
    }

    private static void requireSizes(final int partners, final int offers, final int locationsPerOffer,
                                     final int channels) {
        requireAtLeast("partners", partners, 1);
        requireAtLeast("offers", offers, partners);
        requireAtLeast("locationsPerOffer", locationsPerOffer, 1);
        requireAtLeast("channels", channels, 1);
        if ((long) offers * (locationsPerOffer + channels) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offers * (locationsPerOffer + channels) is too large");
        }
    }

    private static void requireTiming(final double zipfExponent, final Instant start, final double eventsPerSecond,
                                      final Duration maxLateness) {
        if (!(zipfExponent >= 0) || Double.isInfinite(zipfExponent)) {
            throw new IllegalArgumentException("zipfExponent must be a finite number >= 0, was " + zipfExponent);
        }
        if (start == null || start.toEpochMilli() < 0) {
            throw new IllegalArgumentException("start must be at or after 1970-01-01T00:00:00Z, was " + start);
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("eventsPerSecond must be a finite number > 0, was " + eventsPerSecond);
        }
        if (maxLateness == null || maxLateness.toMillis() < 1) {
            throw new IllegalArgumentException("maxLateness must be at least 1 ms, was " + maxLateness);
        }
    }

    /** The shares of events that replace a fresh change: each a share, and together at most all events. */
    private static void requireShares(final double unchangedShare, final double duplicateShare,
                                      final double outOfOrderShare, final double delistingShare,
                                      final double badShare) {
        requireShare("unchangedShare", unchangedShare);
        requireShare("duplicateShare", duplicateShare);
        requireShare("outOfOrderShare", outOfOrderShare);
        requireShare("delistingShare", delistingShare);
        requireShare("badShare", badShare);
        if (unchangedShare + duplicateShare + outOfOrderShare + delistingShare + badShare > 1 + 1e-9) {
            throw new IllegalArgumentException("the shares of unchanged, duplicate, out-of-order, delisting and"
                    + " bad events add up to more than 1");
        }
    }

    /** The defaults: 20 partners, 10,000 offers, 3 locations, 4 channels, skew 1, 1,000 events/s. */
    public static WorkloadSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().seed(seed).partners(partners).offers(offers).locationsPerOffer(locationsPerOffer)
                .channels(channels).zipfExponent(zipfExponent).start(start).eventsPerSecond(eventsPerSecond)
                .maxLateness(maxLateness).unchangedShare(unchangedShare).duplicateShare(duplicateShare)
                .outOfOrderShare(outOfOrderShare).delistingShare(delistingShare).badShare(badShare)
                .priceShare(priceShare).saleShare(saleShare).orderShare(orderShare);
    }

    private static void requireAtLeast(final String name, final int value, final int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }

    private static void requireShare(final String name, final double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    /** Builds settings; every value starts at its default. */
    public static final class Builder {

        private long seed = 1;
        private int partners = 20;
        private int offers = 10_000;
        private int locationsPerOffer = 3;
        private int channels = 4;
        private double zipfExponent = 1.0;
        private Instant start = Instant.parse("2025-01-01T00:00:00Z");
        private double eventsPerSecond = 1_000;
        private Duration maxLateness = Duration.ofMinutes(10);
        private double unchangedShare = 0.50;
        private double duplicateShare = 0.10;
        private double outOfOrderShare = 0.05;
        private double delistingShare = 0.01;
        private double badShare = 0.001;
        private double priceShare = 0.2;
        private double saleShare = 0.3;
        private double orderShare = 0;

        private Builder() {
        }

        public Builder seed(final long value) {
            seed = value;
            return this;
        }

        public Builder partners(final int value) {
            partners = value;
            return this;
        }

        public Builder offers(final int value) {
            offers = value;
            return this;
        }

        public Builder locationsPerOffer(final int value) {
            locationsPerOffer = value;
            return this;
        }

        public Builder channels(final int value) {
            channels = value;
            return this;
        }

        public Builder zipfExponent(final double value) {
            zipfExponent = value;
            return this;
        }

        public Builder start(final Instant value) {
            start = value;
            return this;
        }

        public Builder eventsPerSecond(final double value) {
            eventsPerSecond = value;
            return this;
        }

        public Builder maxLateness(final Duration value) {
            maxLateness = value;
            return this;
        }

        public Builder unchangedShare(final double value) {
            unchangedShare = value;
            return this;
        }

        public Builder duplicateShare(final double value) {
            duplicateShare = value;
            return this;
        }

        public Builder outOfOrderShare(final double value) {
            outOfOrderShare = value;
            return this;
        }

        public Builder delistingShare(final double value) {
            delistingShare = value;
            return this;
        }

        public Builder badShare(final double value) {
            badShare = value;
            return this;
        }

        public Builder priceShare(final double value) {
            priceShare = value;
            return this;
        }

        public Builder saleShare(final double value) {
            saleShare = value;
            return this;
        }

        public Builder orderShare(final double value) {
            orderShare = value;
            return this;
        }

        public WorkloadSettings build() {
            return new WorkloadSettings(seed, partners, offers, locationsPerOffer, channels, zipfExponent, start,
                    eventsPerSecond, maxLateness, unchangedShare, duplicateShare, outOfOrderShare, delistingShare,
                    badShare, priceShare, saleShare, orderShare);
        }
    }
}
