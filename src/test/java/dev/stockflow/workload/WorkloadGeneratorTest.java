package dev.stockflow.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.feed.FeedRecords;
import dev.stockflow.offer.Applied;
import dev.stockflow.offer.InputRules;
import dev.stockflow.offer.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

public class WorkloadGeneratorTest {

    private static final int EVENTS = 100_000;

    @Test
    void shouldGenerateTheSameEventsFromTheSameSettings() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().seed(42).build();

        // When
        final List<GeneratedEvent> first = new WorkloadGenerator(settings).stream().limit(20_000).toList();
        final List<GeneratedEvent> second = new WorkloadGenerator(settings).stream().limit(20_000).toList();

        // Then
        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldGenerateOtherEventsFromAnotherSeed() {
        // When
        final List<GeneratedEvent> first = generate(WorkloadSettings.builder().seed(1).build(), 1_000);
        final List<GeneratedEvent> second = generate(WorkloadSettings.builder().seed(2).build(), 1_000);

        // Then
        assertThat(first).isNotEqualTo(second);
        final Set<String> firstIds = new HashSet<>(eventIds(first));
        assertThat(eventIds(second)).noneMatch(firstIds::contains);
    }

    @Test
    void shouldProduceTheDefaultMixOfOutcomesUnderStockflowsRules() {
        // When
        final Mix mix = Mix.of(generate(WorkloadSettings.defaults(), EVENTS));

        // Then
        assertThat(mix.share(mix.redeliveries)).isCloseTo(0.10, within(0.01));
        assertThat(mix.firstDeliveryShare(Outcome.UNCHANGED)).isCloseTo(0.50, within(0.015));
        assertThat(mix.firstDeliveryShare(Outcome.STALE)).isCloseTo(0.05, within(0.005));
        assertThat(mix.firstDeliveryShare(Outcome.CHANGED)).isCloseTo(0.339, within(0.015));
        assertThat(mix.share(mix.delistings)).isCloseTo(0.01, within(0.002));
        assertThat(mix.share(mix.bad)).isCloseTo(0.001, within(0.0005));
        // What Stockflow will count: most redeliveries come before their slot moves on.
        assertThat(mix.share(mix.duplicates)).isCloseTo(0.10, within(0.015));
        assertThat(mix.priceChanges).isBetween(mix.changes / 10, mix.changes / 3);
    }

    @Test
    void shouldFollowOtherShares() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().unchangedShare(0.2).duplicateShare(0.3)
                .outOfOrderShare(0.1).delistingShare(0.05).badShare(0.02).priceShare(0.5).build();

        // When
        final Mix mix = Mix.of(generate(settings, EVENTS));

        // Then
        assertThat(mix.share(mix.redeliveries)).isCloseTo(0.3, within(0.01));
        assertThat(mix.firstDeliveryShare(Outcome.UNCHANGED)).isCloseTo(0.2, within(0.015));
        assertThat(mix.firstDeliveryShare(Outcome.STALE)).isCloseTo(0.1, within(0.01));
        assertThat(mix.share(mix.delistings)).isCloseTo(0.05, within(0.005));
        assertThat(mix.share(mix.bad)).isCloseTo(0.02, within(0.003));
        assertThat(mix.priceChanges / (double) mix.changes).isCloseTo(0.5, within(0.03));
    }

    @Test
    void shouldMakeEveryBadEventBreakAnInputRuleOrItsKeyAndNoOther() {
        // When
        final List<GeneratedEvent> events = generate(WorkloadSettings.builder().badShare(0.05).build(), EVENTS);

        // Then
        final Set<String> reasons = new HashSet<>();
        for (final GeneratedEvent event : events) {
            final boolean breaksARule = inputRuleError(event.value()) != null || !event.key().equals(offerKey(event));
            assertThat(breaksARule).as("%s", event).isEqualTo(event.isBad());
            if (event.isBad()) {
                reasons.add(event.badReason());
            }
        }
        assertThat(reasons).containsExactlyInAnyOrder(BadRecords.NEGATIVE_QUANTITY, BadRecords.UNKNOWN_CURRENCY,
                BadRecords.SALE_NOT_BELOW_REGULAR, BadRecords.INVALID_CHANNEL, BadRecords.INVALID_PARTNER_ID,
                BadRecords.KEY_MISMATCH);
    }

    @Test
    void shouldConcentrateChangesOnAFewHotOffers() {
        // When
        final double skewed = topOnePercentShareOfChanges(WorkloadSettings.builder().zipfExponent(1.0).build());
        final double uniform = topOnePercentShareOfChanges(WorkloadSettings.builder().zipfExponent(0.0).build());

        // Then
        assertThat(skewed).isGreaterThan(0.4);
        assertThat(uniform).isLessThan(0.05);
    }

    @Test
    void shouldRunTheEventClockFromTheStartAtTheConfiguredRate() {
        // Given
        final Instant start = Instant.parse("2025-06-01T08:00:00Z");
        final WorkloadSettings settings = WorkloadSettings.builder().start(start).eventsPerSecond(100).build();
        final OfferRulesReplay replay = new OfferRulesReplay();

        // When
        final List<GeneratedEvent> events = generate(settings, 20_000);

        // Then
        for (int i = 0; i < events.size(); i++) {
            final GeneratedEvent event = events.get(i);
            final long clock = start.toEpochMilli() + i * 10L;
            assertThat(event.occurredAt()).isEqualTo(FeedRecords.occurredAt(event.value())).isLessThanOrEqualTo(clock);
            if (!event.isBad() && isApplied(replay.apply(event.key(), event.value()).outcome())) {
                assertThat(event.occurredAt()).as("event %d", i).isEqualTo(clock);
            }
        }
    }

    @Test
    void shouldPlaceOutOfOrderEventsWithinTheMaximumLatenessBeforeTheirSlotsLatest() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().duplicateShare(0)
                .maxLateness(Duration.ofSeconds(5)).build();
        final OfferRulesReplay replay = new OfferRulesReplay();
        final Map<String, Long> slotLatest = new HashMap<>();
        final Map<String, Long> delistedAt = new HashMap<>();
        int stale = 0;

        // When
        for (final GeneratedEvent event : generate(settings, EVENTS)) {
            if (event.isBad()) {
                continue;
            }
            final Outcome outcome = replay.apply(event.key(), event.value()).outcome();
            if (event.input() == Input.DELISTING) {
                delistedAt.put(event.key(), event.occurredAt());
            } else if (outcome == Outcome.STALE) {
                stale++;
                final long latest = Math.max(slotLatest.getOrDefault(slotOf(event), Long.MIN_VALUE),
                        delistedAt.getOrDefault(event.key(), Long.MIN_VALUE));
                assertThat(event.occurredAt()).isBetween(latest - 5_000, latest - 1);
            } else {
                slotLatest.put(slotOf(event), event.occurredAt());
            }
        }

        // Then
        assertThat(stale / (double) EVENTS).isCloseTo(0.05, within(0.01));
    }

    @Test
    void shouldPriceEachChannelInItsCurrencyWithSomeSales() {
        // When
        final List<PriceUpdate> prices = generate(WorkloadSettings.defaults(), EVENTS).stream()
                .filter(event -> !event.isBad() && event.value() instanceof PriceUpdate)
                .map(event -> (PriceUpdate) event.value())
                .toList();

        // Then
        final Map<String, String> currencies = new HashMap<>();
        prices.forEach(price -> currencies.put(price.getChannel(), price.getCurrency()));
        assertThat(currencies).containsExactlyInAnyOrderEntriesOf(
                Map.of("zalando-de", "EUR", "zalando-ch", "CHF", "zalando-pl", "PLN", "zalando-uk", "GBP"));
        final long onSale = prices.stream().filter(price -> price.getSalePrice() != null).count();
        assertThat(onSale / (double) prices.size()).isCloseTo(0.3, within(0.05));
    }

    @Test
    void shouldStayWithinTheConfiguredPartnersOffersLocationsAndChannels() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().partners(3).offers(30).locationsPerOffer(2)
                .channels(5).build();

        // When
        final List<GeneratedEvent> valid = generate(settings, 20_000).stream().filter(e -> !e.isBad()).toList();

        // Then
        final Set<String> partners = new HashSet<>();
        final Set<String> keys = new HashSet<>();
        final Set<String> locations = new HashSet<>();
        final Set<String> channels = new HashSet<>();
        for (final GeneratedEvent event : valid) {
            keys.add(event.key());
            partners.add(event.key().substring(0, event.key().indexOf(':')));
            if (event.value() instanceof StockUpdate stock) {
                locations.add(stock.getLocationId());
            } else if (event.value() instanceof PriceUpdate price) {
                channels.add(price.getChannel());
            }
        }
        assertThat(partners).hasSize(3);
        assertThat(keys).hasSize(30);
        assertThat(locations).hasSize(2);
        assertThat(channels).hasSize(5);
    }

    @Test
    void shouldListDelistedOffersAgain() {
        // Given
        final OfferRulesReplay replay = new OfferRulesReplay();
        final Set<String> tombstoned = new HashSet<>();
        int relisted = 0;

        // When
        for (final GeneratedEvent event : generate(WorkloadSettings.defaults(), EVENTS)) {
            if (event.isBad()) {
                continue;
            }
            final Applied applied = replay.apply(event.key(), event.value());
            if (applied.emission() == Applied.Emission.TOMBSTONE) {
                tombstoned.add(event.key());
            } else if (applied.emission() == Applied.Emission.SNAPSHOT && tombstoned.remove(event.key())) {
                relisted++;
            }
        }

        // Then
        assertThat(relisted).isGreaterThan(100);
    }

    @Test
    void shouldRedeliverDuplicatesExactlyAndGiveEveryOtherEventAFreshId() {
        // Given
        final Map<String, SpecificRecord> byEventId = new HashMap<>();
        int repeats = 0;

        // When
        for (final GeneratedEvent event : generate(WorkloadSettings.defaults(), EVENTS)) {
            final SpecificRecord earlier = byEventId.putIfAbsent(eventId(event.value()), event.value());
            if (earlier != null) {
                repeats++;
                assertThat(event.value()).isEqualTo(earlier);
            }
        }

        // Then
        assertThat(repeats / (double) EVENTS).isCloseTo(0.10, within(0.01));
    }

    @Test
    void shouldLoadAnInitialStockPerOfferLocationThatLaterRepushesWalkOver() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().offers(50).partners(5).locationsPerOffer(2)
                .unchangedShare(1.0).duplicateShare(0).outOfOrderShare(0).delistingShare(0).badShare(0).build();
        final WorkloadGenerator generator = new WorkloadGenerator(settings);
        final OfferRulesReplay replay = new OfferRulesReplay();
        final Set<String> loaded = new HashSet<>();

        // When
        for (int offer = 0; offer < settings.offers(); offer++) {
            for (int location = 0; location < settings.locationsPerOffer(); location++) {
                final GeneratedEvent event = generator.initialStock(offer, location);
                assertThat(inputRuleError(event.value())).isNull();
                assertThat(replay.apply(event.key(), event.value()).outcome()).isEqualTo(Outcome.CHANGED);
                loaded.add(slotOf(event));
            }
        }
        final Set<String> repushed = new HashSet<>();
        for (int i = 0; i < loaded.size(); i++) {
            final GeneratedEvent event = generator.next();
            assertThat(replay.apply(event.key(), event.value()).outcome()).isEqualTo(Outcome.UNCHANGED);
            repushed.add(slotOf(event));
        }

        // Then
        assertThat(loaded).hasSize(100);
        assertThat(repushed).isEqualTo(loaded);
    }

    private static String slotOf(final GeneratedEvent event) {
        return event.value() instanceof StockUpdate stock ? event.key() + "@" + stock.getLocationId()
                : event.key() + "#" + ((PriceUpdate) event.value()).getChannel();
    }

    private static boolean isApplied(final Outcome outcome) {
        return outcome == Outcome.CHANGED || outcome == Outcome.UNCHANGED;
    }

    private static double topOnePercentShareOfChanges(final WorkloadSettings settings) {
        final OfferRulesReplay replay = new OfferRulesReplay();
        final Map<String, Integer> changesPerOffer = new HashMap<>();
        int changes = 0;
        for (final GeneratedEvent event : generate(settings, EVENTS)) {
            if (!event.isBad() && event.input() != Input.DELISTING
                    && replay.apply(event.key(), event.value()).outcome() == Outcome.CHANGED) {
                changesPerOffer.merge(event.key(), 1, Integer::sum);
                changes++;
            }
        }
        final int top = changesPerOffer.values().stream().sorted(Comparator.reverseOrder())
                .limit(settings.offers() / 100).mapToInt(Integer::intValue).sum();
        return top / (double) changes;
    }

    private static List<GeneratedEvent> generate(final WorkloadSettings settings, final int count) {
        final WorkloadGenerator generator = new WorkloadGenerator(settings);
        final List<GeneratedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }

    private static List<String> eventIds(final List<GeneratedEvent> events) {
        return events.stream().map(event -> eventId(event.value())).toList();
    }

    private static String eventId(final SpecificRecord value) {
        if (value instanceof StockUpdate stock) {
            return stock.getEventId();
        }
        if (value instanceof PriceUpdate price) {
            return price.getEventId();
        }
        return ((OfferDelisted) value).getEventId();
    }

    private static String offerKey(final GeneratedEvent event) {
        final SpecificRecord value = event.value();
        if (value instanceof StockUpdate stock) {
            return stock.getPartnerId() + ":" + stock.getSku();
        }
        if (value instanceof PriceUpdate price) {
            return price.getPartnerId() + ":" + price.getSku();
        }
        final OfferDelisted delisting = (OfferDelisted) value;
        return delisting.getPartnerId() + ":" + delisting.getSku();
    }

    public static String inputRuleError(final SpecificRecord value) {
        if (value instanceof StockUpdate stock) {
            return InputRules.check(stock);
        }
        if (value instanceof PriceUpdate price) {
            return InputRules.check(price);
        }
        return InputRules.check((OfferDelisted) value);
    }

    /**
     * What Stockflow's rules make of a workload. Redeliveries (an eventId seen before) are counted apart;
     * outcomes are those of the first delivery of each stock and price event.
     */
    private static final class Mix {

        private final Map<Outcome, Integer> firstDeliveries = new EnumMap<>(Outcome.class);
        private final Set<String> eventIds = new HashSet<>();
        private int total;
        private int redeliveries;
        private int duplicates;
        private int delistings;
        private int bad;
        private int changes;
        private int priceChanges;

        static Mix of(final List<GeneratedEvent> events) {
            final Mix mix = new Mix();
            final OfferRulesReplay replay = new OfferRulesReplay();
            for (final GeneratedEvent event : events) {
                mix.total++;
                if (event.isBad()) {
                    mix.bad++;
                } else {
                    mix.count(event, replay.apply(event.key(), event.value()).outcome());
                }
            }
            return mix;
        }

        double share(final int count) {
            return count / (double) total;
        }

        double firstDeliveryShare(final Outcome outcome) {
            return share(firstDeliveries.getOrDefault(outcome, 0));
        }

        private void count(final GeneratedEvent event, final Outcome outcome) {
            if (outcome == Outcome.DUPLICATE) {
                duplicates++;
            }
            if (!eventIds.add(eventId(event.value()))) {
                redeliveries++;
            } else if (event.input() == Input.DELISTING) {
                delistings++;
            } else {
                firstDeliveries.merge(outcome, 1, Integer::sum);
                if (outcome == Outcome.CHANGED) {
                    changes++;
                    priceChanges += event.input() == Input.PRICE ? 1 : 0;
                }
            }
        }
    }
}
