package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.reference.Deliveries;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.FinalValues;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.OfferEventArbitraries;
import dev.stockflow.reference.ReferenceModel;
import dev.stockflow.reference.Step;
import dev.stockflow.state.StoredOfferCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The central property of the offer rules, checked on the real rules (through {@link RulesHarness},
 * i.e. with a store round trip after every record) against the independent {@link ReferenceModel}
 * and against the order-free {@link FinalValues#settledBy}.
 *
 * <p>The Omnibus window is 10 ms over a 24 ms time span so that price histories cross it all the
 * time. The delisting and order retentions are far longer than any run, so that nothing is forgotten,
 * except in {@link #shouldMatchTheReferenceWhenDelistingsAndEndedOrdersAreForgotten}, where they are 2 ms.
 */
class OfferRulesProperties {

    private static final RuleSettings SETTINGS = new RuleSettings(10, 1_000_000);
    /** Delivery orders tried per event set, to compare them with each other. */
    private static final int ARRANGEMENTS = 3;

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    /** Any arrival order, any redeliveries: the offers, quantities and prices the set of events settles. */
    @Property(tries = 500)
    void shouldSettleOnTheSameValuesWhateverTheArrivalOrder(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<List<KeyedEvent>> arrangements = new ArrayList<>();
        for (int i = 0; i < ARRANGEMENTS; i++) {
            arrangements.add(Deliveries.inAnyOrder(events, random));
        }
        final Map<String, FinalValues.OfferValues> settled = FinalValues.settledBy(events);

        for (final List<KeyedEvent> deliveries : arrangements) {
            // When
            final RulesHarness rules = runRules(deliveries);
            final ReferenceModel reference = runReference(deliveries);

            // Then
            assertThat(FinalValues.shownBy(rules.compactedTopic())).as(lazily("published, deliveries %s", deliveries))
                    .isEqualTo(settled);
            assertThat(FinalValues.shownBy(rules.storedSnapshots())).as(lazily("stored, deliveries %s", deliveries))
                    .isEqualTo(settled);
            assertThat(FinalValues.shownBy(reference.snapshots())).as(lazily("reference, deliveries %s", deliveries))
                    .isEqualTo(settled);
        }
    }

    /**
     * Each offer's events in version order, offers interleaved anyhow, redeliveries anywhere: the whole
     * snapshots agree, updatedAt and lowestPrice30d included.
     */
    @Property(tries = 1000)
    void shouldPublishTheSameSnapshotsForEveryVersionOrderedInterleaving(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<List<KeyedEvent>> arrangements = new ArrayList<>();
        for (int i = 0; i < ARRANGEMENTS; i++) {
            arrangements.add(Deliveries.inVersionOrderPerOffer(events, random));
        }
        final Map<String, OfferSnapshot> expected = runReference(arrangements.get(0)).snapshots();

        for (final List<KeyedEvent> deliveries : arrangements) {
            // When
            final RulesHarness rules = runRules(deliveries);

            // Then
            assertThat(rules.compactedTopic()).as(lazily("published, deliveries %s", deliveries)).isEqualTo(expected);
            assertThat(rules.storedSnapshots()).as(lazily("stored, deliveries %s", deliveries)).isEqualTo(expected);
            assertThat(runReference(deliveries).snapshots()).as(lazily("reference, deliveries %s", deliveries))
                    .isEqualTo(expected);
        }
    }

    /** Record by record, in any arrival order: the same outcome and the same emitted snapshot or tombstone. */
    @Property(tries = 1000)
    void shouldGiveEveryRecordTheReferenceOutcomeAndEmission(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);
        final RulesHarness rules = new RulesHarness(SETTINGS);
        final ReferenceModel reference = new ReferenceModel(SETTINGS);

        for (int i = 0; i < deliveries.size(); i++) {
            // When
            final Step actual = rules.deliver(deliveries.get(i));
            final Step expected = reference.deliver(deliveries.get(i));

            // Then
            assertThat(actual).as(lazily("record %d of %s", i, deliveries)).isEqualTo(expected);
        }
    }

    /**
     * Forgotten delistings and ended order lines (the documented limits): record by record the same as the
     * reference.
     */
    @Property(tries = 1000)
    void shouldMatchTheReferenceWhenDelistingsAndEndedOrdersAreForgotten(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given retentions short enough to expire within the generated time span
        final RuleSettings shortRetention = new RuleSettings(SETTINGS.omnibusWindowMs(), 2, 2);
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);
        final RulesHarness rules = new RulesHarness(shortRetention);
        final ReferenceModel reference = new ReferenceModel(shortRetention);

        for (int i = 0; i < deliveries.size(); i++) {
            // When
            final Step actual = rules.deliver(deliveries.get(i));
            final Step expected = reference.deliver(deliveries.get(i));

            // Then
            assertThat(actual).as(lazily("record %d of %s", i, deliveries)).isEqualTo(expected);
        }
        assertThat(rules.storedSnapshots()).isEqualTo(reference.snapshots());
        Statistics.label("delisting forgotten").collect(reference.forgottenDelistings() > 0);
        Statistics.label("delisting forgotten").coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
        Statistics.label("ended order forgotten").collect(reference.forgottenOrders() > 0);
        Statistics.label("ended order forgotten").coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    /**
     * Not a rule but a guard on the other properties: the generated events must reach every case the
     * rules distinguish, often enough, or the properties above would pass without proving much.
     */
    @Property(tries = 1000)
    void shouldGenerateEventsThatReachEveryRuleCase(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);
        final ReferenceModel reference = new ReferenceModel(SETTINGS);
        final Map<String, OfferSnapshot> published = new HashMap<>();
        final OrderCases orderCases = new OrderCases();

        // When
        for (final KeyedEvent delivery : deliveries) {
            final Step step = reference.deliver(delivery);
            final String orderCase = orderCases.classify(delivery, step, published.get(delivery.offerKey()));
            if (orderCase != null) {
                Statistics.label("order case").collect(orderCase);
            }
            collectStatistics(delivery, step, published);
        }
        collectStatistics(events);

        // Then
        checkCoverage();
    }

    /** Tombstones follow a snapshot, snapshots follow a change, and the topic ends on each offer's state. */
    @Property(tries = 500)
    void shouldTombstoneOnlyPublishedOffersAndEndOnTheirCurrentState(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);

        // When
        final RulesHarness rules = runRules(deliveries);

        // Then
        final Map<String, Emission> lastByKey = new HashMap<>();
        for (final Emission emission : rules.emissions()) {
            final Emission previous = lastByKey.put(emission.offerKey(), emission);
            if (emission.isTombstone()) {
                assertThat(previous).as(lazily("emission before a tombstone, deliveries %s", deliveries)).isNotNull();
                assertThat(previous.isTombstone()).as(lazily("tombstone after tombstone, %s", deliveries)).isFalse();
            } else if (previous != null && !previous.isTombstone()) {
                assertThat(emission.snapshot()).as(lazily("snapshot without a change, %s", deliveries))
                        .isNotEqualTo(previous.snapshot());
            }
        }
        final Map<String, OfferSnapshot> stored = rules.storedSnapshots();
        for (final String key : OfferEventArbitraries.OFFER_KEYS) {
            final Emission last = lastByKey.get(key);
            if (stored.containsKey(key)) {
                assertThat(last).as(lazily("last emission of listed %s, %s", key, deliveries))
                        .isEqualTo(new Emission(key, stored.get(key)));
            } else {
                assertThat(last == null || last.isTombstone()).as(lazily("last emission of unlisted %s: %s, %s",
                        key, last, deliveries)).isTrue();
            }
        }
    }

    /** Every stored state re-encodes to the same bytes and decodes to the snapshot that was emitted. */
    @Property(tries = 500)
    void shouldStoreStatesThatSurviveTheCodecRoundTrip(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);
        final RulesHarness rules = new RulesHarness(SETTINGS);

        for (final KeyedEvent delivery : deliveries) {
            // When
            final Step step = rules.deliver(delivery);
            final byte[] bytes = rules.storedBytes(delivery.offerKey());

            // Then
            if (bytes != null) {
                final OfferState decoded = StoredOfferCodec.decode(bytes).state();
                assertThat(StoredOfferCodec.encode(StoredOfferCodec.decode(bytes))).isEqualTo(bytes);
                if (step.emission() != null && !step.emission().isTombstone()) {
                    assertThat(SnapshotRecords.of(delivery.offerKey(), decoded, SETTINGS))
                            .isEqualTo(step.emission().snapshot());
                }
            }
        }
    }

    /** A failure message formatted only when an assertion fails: the delivery lists are long. */
    private static Supplier<String> lazily(final String format, final Object... args) {
        return () -> String.format(format, args);
    }

    private static RulesHarness runRules(final List<KeyedEvent> deliveries) {
        final RulesHarness rules = new RulesHarness(SETTINGS);
        deliveries.forEach(rules::deliver);
        return rules;
    }

    private static ReferenceModel runReference(final List<KeyedEvent> deliveries) {
        final ReferenceModel reference = new ReferenceModel(SETTINGS);
        deliveries.forEach(reference::deliver);
        return reference;
    }

    // ---- statistics: proof that the generators reach every case -----------------------------------

    private static void collectStatistics(final KeyedEvent delivery, final Step step,
                                          final Map<String, OfferSnapshot> published) {
        Statistics.label("outcome").collect(delivery.event().getClass().getSimpleName(), step.outcome());
        if (step.emission() == null) {
            return;
        }
        final OfferSnapshot before = published.get(delivery.offerKey());
        final OfferSnapshot after = step.emission().snapshot();
        published.put(delivery.offerKey(), after);
        Statistics.label("emission").collect(step.emission().isTombstone() ? "tombstone" : "snapshot");
        if (after == null) {
            return;
        }
        for (final ChannelPrice price : after.getPrices()) {
            Statistics.label("lowestPrice30d").collect(price.getLowestPrice30d() == null ? "null" : "set");
        }
        if (delivery.event() instanceof OfferEvent.Delisting && before != null) {
            final boolean sameSlots = before.getLocations().size() == after.getLocations().size()
                    && before.getPrices().size() == after.getPrices().size();
            Statistics.label("delisting snapshot").collect(sameSlots ? "only lowestPrice30d" : "slots removed");
        }
    }

    /** Per event set: does it hold same-instant updates of one slot, or prices exactly a window apart? */
    private static void collectStatistics(final List<KeyedEvent> events) {
        final Set<String> slotInstants = new HashSet<>();
        boolean tie = false;
        for (final KeyedEvent keyed : events) {
            if (!(keyed.event() instanceof OfferEvent.Delisting)) {
                tie |= !slotInstants.add(slotOf(keyed) + "@" + keyed.event().occurredAt());
            }
        }
        boolean windowApart = false;
        for (final KeyedEvent keyed : events) {
            final long windowStart = keyed.event().occurredAt() - SETTINGS.omnibusWindowMs();
            windowApart |= keyed.event() instanceof OfferEvent.PriceChange
                    && slotInstants.contains(slotOf(keyed) + "@" + windowStart);
        }
        Statistics.label("tie in a slot").collect(tie);
        Statistics.label("prices a window apart").collect(windowApart);
    }

    private static String slotOf(final KeyedEvent keyed) {
        if (keyed.event() instanceof OfferEvent.StockChange stock) {
            return keyed.offerKey() + "/stock/" + stock.locationId();
        }
        if (keyed.event() instanceof OfferEvent.OrderLine line) {
            return keyed.offerKey() + "/order/" + line.orderId();
        }
        return keyed.offerKey() + "/price/" + ((OfferEvent.PriceChange) keyed.event()).channel();
    }

    private static void checkCoverage() {
        Statistics.label("outcome").coverage(coverage -> {
            for (final String type : List.of("StockChange", "PriceChange", "Delisting", "OrderLine")) {
                for (final Outcome outcome : Outcome.values()) {
                    coverage.check(type, outcome).count(count -> count >= 20);
                }
            }
        });
        Statistics.label("emission").coverage(coverage -> coverage.check("tombstone").count(count -> count >= 50));
        Statistics.label("lowestPrice30d").coverage(coverage -> coverage.check("set").percentage(p -> p >= 8));
        Statistics.label("delisting snapshot").coverage(coverage ->
                coverage.check("only lowestPrice30d").count(count -> count >= 10));
        Statistics.label("order case").coverage(coverage -> {
            for (final String orderCase : OrderCases.ALL) {
                coverage.check(orderCase).count(count -> count >= 20);
            }
        });
        Statistics.label("tie in a slot").coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
        Statistics.label("prices a window apart").coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
    }
}
