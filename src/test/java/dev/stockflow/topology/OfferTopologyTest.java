package dev.stockflow.topology;

import static dev.stockflow.topology.OfferTopologyFixture.days;
import static dev.stockflow.topology.OfferTopologyFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OfferTopologyTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final long T0 = OfferTopologyFixture.T0;

    private final OfferTopologyFixture fixture = new OfferTopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Nested
    class Outcomes {

        @Test
        void shouldEmitSnapshotWhenStockChanges() {
            // When
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.stock(OFFER, "berlin", 7, T0 + 1, "e2");

            // Then
            final List<Map.Entry<String, OfferSnapshot>> emitted = fixture.snapshots();
            assertThat(emitted).extracting(Map.Entry::getKey).containsExactly(OFFER, OFFER);
            assertThat(emitted.get(1).getValue().getLocations())
                    .containsExactly(new LocationQuantity("berlin", 7, Instant.ofEpochMilli(T0 + 1), 0, 7));
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.CHANGED)).isEqualTo(2);
            assertThat(fixture.counts.snapshots).isEqualTo(2);
        }

        @Test
        void shouldDropDuplicateRedelivery() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.snapshots();

            // When
            fixture.stock(OFFER, "berlin", 5, T0, "e1");

            // Then
            assertThat(fixture.snapshots()).isEmpty();
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.DUPLICATE)).isEqualTo(1);
        }

        @Test
        void shouldDropStaleUpdateOlderThanTheSlot() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.snapshots();

            // When
            fixture.stock(OFFER, "berlin", 9, T0 - 1, "e0");

            // Then
            assertThat(fixture.snapshots()).isEmpty();
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(1);
            assertThat(fixture.latestQuantity("berlin")).isEqualTo(5);
        }

        @Test
        void shouldAdvanceVersionWithoutSnapshotWhenValueUnchanged() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.snapshots();

            // When: a full-feed re-push, then an update older than the re-push but newer than the first
            fixture.stock(OFFER, "berlin", 5, T0 + minutes(10), "e2");
            fixture.stock(OFFER, "berlin", 8, T0 + minutes(5), "e3");

            // Then
            assertThat(fixture.snapshots()).isEmpty();
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.UNCHANGED)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(1);
        }

        @Test
        void shouldKeepUpdatedAtOfTheChangeAcrossRePushes() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.stock(OFFER, "berlin", 5, T0 + minutes(10), "e2");

            // When
            fixture.stock(OFFER, "hamburg", 1, T0 + minutes(20), "e3");

            // Then
            final OfferSnapshot last = fixture.latestSnapshots().get(OFFER);
            assertThat(last.getLocations().get(0).getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(last.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + minutes(20)));
        }

        @Test
        void shouldCountPriceOutcomesUnderThePriceTopic() {
            // When
            fixture.price(OFFER, "zalando-de", "EUR", 1000, null, T0, "p1");
            fixture.price(OFFER, "zalando-de", "EUR", 1000, null, T0, "p1");
            fixture.price(OFFER, "zalando-de", "EUR", 1000, null, T0 + 1, "p2");
            fixture.price(OFFER, "zalando-de", "EUR", 900, null, T0 - 1, "p0");

            // Then
            assertThat(fixture.counts.outcome(Input.PRICE, Outcome.CHANGED)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.PRICE, Outcome.DUPLICATE)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.PRICE, Outcome.UNCHANGED)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.PRICE, Outcome.STALE)).isEqualTo(1);
            assertThat(fixture.snapshots()).hasSize(1);
        }
    }

    @Nested
    class Ties {

        @Test
        void shouldBreakOccurredAtTiesByEventIdWhateverTheArrivalOrder() {
            // When: same instant, "b" > "a", arriving in both orders for two offers
            fixture.stock("p:one", "berlin", 1, T0, "a");
            fixture.stock("p:one", "berlin", 2, T0, "b");
            fixture.stock("p:two", "berlin", 2, T0, "b");
            fixture.stock("p:two", "berlin", 1, T0, "a");

            // Then
            final Map<String, OfferSnapshot> latest = fixture.latestSnapshots();
            assertThat(latest.get("p:one").getTotalQuantity()).isEqualTo(2);
            assertThat(latest.get("p:two").getTotalQuantity()).isEqualTo(2);
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(1);
        }

        @Test
        void shouldCompareEventIdsByUtf8Bytes() {
            // Given: U+FF21 sorts before U+1F600 in UTF-8, after it in UTF-16 (String.compareTo)
            final String fullwidthA = "\uFF21";
            final String emoji = "\uD83D\uDE00";

            // When
            fixture.stock(OFFER, "berlin", 2, T0, emoji);
            fixture.stock(OFFER, "berlin", 1, T0, fullwidthA);

            // Then
            assertThat(fixture.latestQuantity("berlin")).isEqualTo(2);
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(1);
        }
    }

    @Nested
    class Delisting {

        @Test
        void shouldTombstoneAnOfferWhoseSlotsAreAllDelisted() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.price(OFFER, "zalando-de", "EUR", 1000, null, T0, "p1");
            fixture.snapshots();

            // When
            fixture.delist(OFFER, T0 + 1, "d1");

            // Then
            final List<Map.Entry<String, OfferSnapshot>> emitted = fixture.snapshots();
            assertThat(emitted).hasSize(1);
            assertThat(emitted.get(0).getKey()).isEqualTo(OFFER);
            assertThat(emitted.get(0).getValue()).isNull();
            assertThat(fixture.counts.tombstones).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.DELISTING, Outcome.CHANGED)).isEqualTo(1);
        }

        @Test
        void shouldKeepSlotsNewerThanTheDelisting() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.stock(OFFER, "hamburg", 3, T0 + minutes(2), "e2");

            // When
            fixture.delist(OFFER, T0 + minutes(1), "d1");

            // Then
            final OfferSnapshot snapshot = fixture.latestSnapshots().get(OFFER);
            assertThat(snapshot.getLocations()).extracting(LocationQuantity::getLocationId).containsExactly("hamburg");
            assertThat(snapshot.getTotalQuantity()).isEqualTo(3);
        }

        @Test
        void shouldListTheOfferAgainOnAnUpdateNewerThanTheDelisting() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.delist(OFFER, T0 + 1, "d1");

            // When
            fixture.stock(OFFER, "berlin", 4, T0 + 2, "e2");

            // Then
            final List<Map.Entry<String, OfferSnapshot>> emitted = fixture.snapshots();
            assertThat(emitted).extracting(entry -> entry.getValue() == null ? null : entry.getValue().getTotalQuantity())
                    .containsExactly(5L, null, 4L);
        }

        @Test
        void shouldNotResurrectTheOfferWithALateOlderUpdate() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0 + 2, "e2");
            fixture.delist(OFFER, T0 + 3, "d1");
            fixture.snapshots();

            // When: older than the delisting, and one exactly at the delisting time
            fixture.stock(OFFER, "hamburg", 7, T0 + 1, "e1");
            fixture.stock(OFFER, "munich", 7, T0 + 3, "e3");

            // Then
            assertThat(fixture.snapshots()).isEmpty();
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(2);
        }

        @Test
        void shouldEmitNothingForADelistingOfAnUnknownOffer() {
            // When
            fixture.delist(OFFER, T0, "d1");
            fixture.stock(OFFER, "berlin", 5, T0 - 1, "e1");

            // Then
            assertThat(fixture.snapshots()).isEmpty();
            assertThat(fixture.counts.outcome(Input.DELISTING, Outcome.UNCHANGED)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.STALE)).isEqualTo(1);
        }

        @Test
        void shouldTreatDelistingRedeliveryAsDuplicateAndOlderDelistingAsStale() {
            // Given
            fixture.stock(OFFER, "berlin", 5, T0, "e1");
            fixture.delist(OFFER, T0 + 10, "d2");

            // When
            fixture.delist(OFFER, T0 + 10, "d2");
            fixture.delist(OFFER, T0 + 5, "d1");

            // Then
            assertThat(fixture.counts.outcome(Input.DELISTING, Outcome.DUPLICATE)).isEqualTo(1);
            assertThat(fixture.counts.outcome(Input.DELISTING, Outcome.STALE)).isEqualTo(1);
        }

        @Test
        void shouldForgetDelistingAfterRetentionOfStreamTimeAndSweepItFromTheStore() {
            // Given
            fixture.delist(OFFER, T0, "d1");
            assertThat(fixture.store().approximateNumEntries()).isEqualTo(1);

            // When: stream time moves past the retention on another offer, then the sweep runs
            fixture.stock("other:sku", "berlin", 1, T0 + days(7) + 1, "e1");
            fixture.advanceWallClock(java.time.Duration.ofMillis(TopologySettings.DEFAULT_SWEEP_INTERVAL_MS));

            // Then
            assertThat(fixture.store().get(org.apache.kafka.common.utils.Bytes.wrap(
                    OFFER.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isNull();
        }
    }

    @Nested
    class Aggregation {

        @Test
        void shouldSumLocationsAndSortLocationsAndChannels() {
            // When
            fixture.stock(OFFER, "munich", 2, T0, "e1");
            fixture.stock(OFFER, "berlin", 3, T0 + 1, "e2");
            fixture.price(OFFER, "zalando-pl", "PLN", 4500, null, T0 + 2, "p1");
            fixture.price(OFFER, "zalando-de", "EUR", 1000, 800L, T0 + 3, "p2");

            // Then
            final OfferSnapshot snapshot = fixture.latestSnapshots().get(OFFER);
            assertThat(snapshot.getPartnerId()).isEqualTo("brand-1");
            assertThat(snapshot.getSku()).isEqualTo("SKU-42");
            assertThat(snapshot.getTotalQuantity()).isEqualTo(5);
            assertThat(snapshot.getAvailable()).isTrue();
            assertThat(snapshot.getLocations()).extracting(LocationQuantity::getLocationId)
                    .containsExactly("berlin", "munich");
            assertThat(snapshot.getPrices()).extracting(ChannelPrice::getChannel)
                    .containsExactly("zalando-de", "zalando-pl");
            assertThat(snapshot.getPrices().get(0).getEffectivePrice()).isEqualTo(800);
            assertThat(snapshot.getPrices().get(1).getEffectivePrice()).isEqualTo(4500);
            assertThat(snapshot.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 3));
        }

        @Test
        void shouldBeUnavailableWithZeroStockOrPricesOnly() {
            // When
            fixture.price(OFFER, "zalando-de", "EUR", 1000, null, T0, "p1");
            final boolean availableWithPriceOnly = fixture.latestSnapshots().get(OFFER).getAvailable();
            fixture.stock(OFFER, "berlin", 0, T0 + 1, "e1");

            // Then
            assertThat(availableWithPriceOnly).isFalse();
            final OfferSnapshot snapshot = fixture.latestSnapshots().get(OFFER);
            assertThat(snapshot.getTotalQuantity()).isZero();
            assertThat(snapshot.getAvailable()).isFalse();
        }
    }

    @Nested
    class Omnibus {

        private static final String DE = "zalando-de";

        @Test
        void shouldCountThePriceInEffectAtTheWindowStart() {
            // Given: 1000 from day 0, 1200 from day 20, then a sale on day 40
            fixture.price(OFFER, DE, "EUR", 1000, null, T0, "p1");
            fixture.price(OFFER, DE, "EUR", 1200, null, T0 + days(20), "p2");

            // When
            fixture.price(OFFER, DE, "EUR", 1200, 1100L, T0 + days(40), "p3");

            // Then: the window [day 10, day 40) starts while 1000 was in effect
            assertThat(fixture.latestSnapshots().get(OFFER).getPrices().get(0).getLowestPrice30d()).isEqualTo(1000L);
        }

        @Test
        void shouldIgnorePricesThatEndedBeforeTheWindow() {
            // Given: 900 replaced by 1200 on day 5, i.e. before the window [day 10, day 40) opens
            fixture.price(OFFER, DE, "EUR", 900, null, T0, "p1");
            fixture.price(OFFER, DE, "EUR", 1200, null, T0 + days(5), "p2");

            // When
            fixture.price(OFFER, DE, "EUR", 1200, 1000L, T0 + days(40), "p3");

            // Then
            assertThat(fixture.latestSnapshots().get(OFFER).getPrices().get(0).getLowestPrice30d()).isEqualTo(1200L);
        }

        @Test
        void shouldBeNullWithoutEarlierPrice() {
            // When
            fixture.price(OFFER, DE, "EUR", 1000, null, T0, "p1");

            // Then
            assertThat(fixture.latestSnapshots().get(OFFER).getPrices().get(0).getLowestPrice30d()).isNull();
        }

        @Test
        void shouldUseTheWholeHistoryWhenTheWindowIsLongerThanIt() {
            // Given: all changes within 3 days
            fixture.price(OFFER, DE, "EUR", 1500, null, T0, "p1");
            fixture.price(OFFER, DE, "EUR", 1300, null, T0 + days(1), "p2");
            fixture.price(OFFER, DE, "EUR", 1400, null, T0 + days(2), "p3");

            // When
            fixture.price(OFFER, DE, "EUR", 1400, 1000L, T0 + days(3), "p4");

            // Then
            assertThat(fixture.latestSnapshots().get(OFFER).getPrices().get(0).getLowestPrice30d()).isEqualTo(1300L);
        }

        @Test
        void shouldNotCountTheCurrentPriceOrOtherCurrencies() {
            // Given
            fixture.price(OFFER, DE, "CHF", 500, null, T0, "p1");
            fixture.price(OFFER, DE, "EUR", 1000, null, T0 + days(1), "p2");

            // When
            fixture.price(OFFER, DE, "EUR", 1000, 700L, T0 + days(2), "p3");

            // Then
            assertThat(fixture.latestSnapshots().get(OFFER).getPrices().get(0).getLowestPrice30d()).isEqualTo(1000L);
        }
    }

}
