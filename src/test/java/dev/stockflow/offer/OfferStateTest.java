package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One example per rule of the offer rules: outcomes, ties, delistings and their retention, snapshot
 * contents and the EU Omnibus lowest price (default 30-day window).
 */
class OfferStateTest {

    private static final String KEY = "acme:shoe-42";
    private static final RuleSettings SETTINGS = RuleSettings.DEFAULTS;
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static final Applied CHANGED = new Applied(Outcome.CHANGED, Applied.Emission.SNAPSHOT, true);
    private static final Applied UNCHANGED = new Applied(Outcome.UNCHANGED, Applied.Emission.NONE, true);
    private static final Applied STALE = new Applied(Outcome.STALE, Applied.Emission.NONE, false);
    private static final Applied DUPLICATE = new Applied(Outcome.DUPLICATE, Applied.Emission.NONE, false);
    private static final Applied TOMBSTONE = new Applied(Outcome.CHANGED, Applied.Emission.TOMBSTONE, true);

    private final OfferState state = new OfferState();
    private long streamTime = Long.MIN_VALUE;

    @Nested
    class Stock {

        @Test
        void shouldListOfferWithItsFirstStockUpdate() {
            // Given a never-seen offer

            // When
            final Applied applied = apply(stock("e1", "wh-1", 5, day(1)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, day(1)));
            assertThat(snapshot().getUpdatedAt()).isEqualTo(instant(day(1)));
        }

        @Test
        void shouldDropARedeliveredStockUpdateAsDuplicate() {
            // Given
            apply(stock("e1", "wh-1", 5, day(1)));

            // When
            final Applied applied = apply(stock("e1", "wh-1", 5, day(1)));

            // Then
            assertThat(applied).isEqualTo(DUPLICATE);
        }

        @Test
        void shouldDropAnOlderStockUpdateAsStale() {
            // Given
            apply(stock("e2", "wh-1", 5, day(2)));

            // When
            final Applied applied = apply(stock("e1", "wh-1", 9, day(1)));

            // Then
            assertThat(applied).isEqualTo(STALE);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 5, day(2)));
        }

        @Test
        void shouldAdvanceTheVersionButNotUpdatedAtWhenARePushRepeatsTheQuantity() {
            // Given
            apply(stock("e1", "wh-1", 5, day(1)));
            final OfferSnapshot before = snapshot();

            // When
            final Applied applied = apply(stock("e3", "wh-1", 5, day(3)));

            // Then the re-push changes nothing visible, but an update between the two is now stale
            assertThat(applied).isEqualTo(UNCHANGED);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(apply(stock("e2", "wh-1", 7, day(2)))).isEqualTo(STALE);
        }

        @Test
        void shouldEmitASnapshotWhenANewerUpdateChangesTheQuantity() {
            // Given
            apply(stock("e1", "wh-1", 5, day(1)));

            // When
            final Applied applied = apply(stock("e2", "wh-1", 0, day(2)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 0, day(2)));
        }

        @Test
        void shouldBreakAnOccurredAtTieByEventId() {
            // Given two updates of one location at the same instant
            final OfferState lowerFirst = new OfferState();
            final OfferState higherFirst = new OfferState();
            lowerFirst.apply(stock("evt-a", "wh-1", 1, day(1)), day(1), SETTINGS);
            higherFirst.apply(stock("evt-b", "wh-1", 2, day(1)), day(1), SETTINGS);

            // When
            final Applied higherSecond = lowerFirst.apply(stock("evt-b", "wh-1", 2, day(1)), day(1), SETTINGS);
            final Applied lowerSecond = higherFirst.apply(stock("evt-a", "wh-1", 1, day(1)), day(1), SETTINGS);

            // Then the greater eventId wins either way
            assertThat(higherSecond).isEqualTo(CHANGED);
            assertThat(lowerSecond).isEqualTo(STALE);
            assertThat(lowerFirst.locations().get(0).quantity()).isEqualTo(2);
            assertThat(higherFirst.locations().get(0).quantity()).isEqualTo(2);
        }

        @Test
        void shouldCompareEventIdsByUtf8BytesNotByJavaStringOrder() {
            // Given U+FF21 (UTF-8 EF BC A1) and U+1F600 (F0 9F 98 80, a surrogate pair in Java)
            final String fullwidthA = "\uFF21";
            final String emoji = "\uD83D\uDE00";
            assertThat(fullwidthA.compareTo(emoji)).as("Java String order").isPositive();
            apply(stock(emoji, "wh-1", 1, day(1)));

            // When
            final Applied applied = apply(stock(fullwidthA, "wh-1", 2, day(1)));

            // Then in UTF-8 byte order U+FF21 is the lower version
            assertThat(applied).isEqualTo(STALE);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 1, day(1)));
        }

        @Test
        void shouldLetTheUtf8GreaterEventIdWinWhenItArrivesSecond() {
            // Given
            apply(stock("\uFF21", "wh-1", 2, day(1)));

            // When
            final Applied applied = apply(stock("\uD83D\uDE00", "wh-1", 1, day(1)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 1, day(1)));
        }
    }

    @Nested
    class Price {

        @Test
        void shouldListAPriceWithTheSalePriceAsEffectivePrice() {
            // Given a never-seen offer

            // When
            final Applied applied = apply(price("p1", "web", 1000L, 800L, day(1)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getPrices())
                    .containsExactly(channelPrice("web", "EUR", 1000L, 800L, 800L, null, day(1)));
        }

        @Test
        void shouldUseTheRegularPriceAsEffectivePriceWithoutASale() {
            // Given
            apply(price("p1", "web", 1000L, 800L, day(1)));

            // When
            final Applied applied = apply(price("p2", "web", 1000L, null, day(2)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(onlyPrice().getSalePrice()).isNull();
            assertThat(onlyPrice().getEffectivePrice()).isEqualTo(1000L);
        }

        @Test
        void shouldDropARedeliveredPriceAsDuplicate() {
            // Given
            apply(price("p1", "web", 1000L, null, day(1)));

            // When
            final Applied applied = apply(price("p1", "web", 1000L, null, day(1)));

            // Then
            assertThat(applied).isEqualTo(DUPLICATE);
        }

        @Test
        void shouldDropAnOlderPriceAsStale() {
            // Given
            apply(price("p2", "web", 1000L, null, day(2)));

            // When
            final Applied applied = apply(price("p1", "web", 500L, null, day(1)));

            // Then
            assertThat(applied).isEqualTo(STALE);
            assertThat(onlyPrice().getEffectivePrice()).isEqualTo(1000L);
        }

        @Test
        void shouldAdvanceTheVersionButNotUpdatedAtWhenARePushRepeatsThePrice() {
            // Given
            apply(price("p1", "web", 1000L, 800L, day(1)));
            final OfferSnapshot before = snapshot();

            // When
            final Applied applied = apply(price("p3", "web", 1000L, 800L, day(3)));

            // Then
            assertThat(applied).isEqualTo(UNCHANGED);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(apply(price("p2", "web", 900L, null, day(2)))).isEqualTo(STALE);
        }

        @Test
        void shouldTreatACurrencyChangeAsAChangedPrice() {
            // Given
            apply(price("p1", "web", "EUR", 1000L, null, day(1)));

            // When
            final Applied applied = apply(price("p2", "web", "CHF", 1000L, null, day(2)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(onlyPrice().getCurrency()).isEqualTo("CHF");
        }

        @Test
        void shouldBreakAnOccurredAtTieByEventId() {
            // Given
            apply(price("evt-b", "web", 1000L, null, day(1)));

            // When
            final Applied lower = apply(price("evt-a", "web", 700L, null, day(1)));
            final Applied higher = apply(price("evt-c", "web", 900L, null, day(1)));

            // Then
            assertThat(lower).isEqualTo(STALE);
            assertThat(higher).isEqualTo(CHANGED);
            assertThat(onlyPrice().getEffectivePrice()).isEqualTo(900L);
        }
    }

    @Nested
    class Delisting {

        @Test
        void shouldRemoveSlotsAtOrBeforeTheDelistingAndKeepNewerOnes() {
            // Given
            apply(stock("s1", "wh-1", 5, day(1)));
            apply(price("p1", "web", 1000L, null, day(2)));
            apply(stock("s2", "wh-2", 3, day(3)));
            apply(price("p2", "zalando-de", 1200L, null, day(4)));

            // When delisted exactly at the web price's instant
            final Applied applied = apply(delisting("d1", day(2)));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getLocations()).extracting(LocationQuantity::getLocationId).containsExactly("wh-2");
            assertThat(snapshot().getPrices()).extracting(ChannelPrice::getChannel).containsExactly("zalando-de");
            assertThat(snapshot().getTotalQuantity()).isEqualTo(3L);
        }

        @Test
        void shouldEmitATombstoneWhenTheDelistingRemovesEverySlot() {
            // Given
            apply(stock("s1", "wh-1", 5, day(1)));
            apply(price("p1", "web", 1000L, null, day(2)));

            // When
            final Applied applied = apply(delisting("d1", day(2)));

            // Then
            assertThat(applied).isEqualTo(TOMBSTONE);
            assertThat(state.isListed()).isFalse();
            assertThat(state.isEmpty()).as("the delisting is remembered").isFalse();
        }

        @Test
        void shouldListTheOfferAgainWithAnUpdateNewerThanTheDelisting() {
            // Given
            apply(stock("s1", "wh-1", 5, day(1)));
            apply(delisting("d1", day(2)));

            // When
            final Applied applied = apply(stock("s2", "wh-1", 4, day(2) + 1));

            // Then
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 4, day(2) + 1));
        }

        @Test
        void shouldNotLetALateUpdateAtOrBeforeTheDelistingListTheOfferAgain() {
            // Given
            apply(stock("s1", "wh-1", 5, day(1)));
            apply(delisting("d1", day(2)));

            // When
            final Applied older = apply(stock("s0", "wh-1", 9, day(1) + 1));
            final Applied sameInstant = apply(price("zz-after-d1", "web", 1000L, null, day(2)));

            // Then
            assertThat(older).isEqualTo(STALE);
            assertThat(sameInstant).isEqualTo(STALE);
            assertThat(state.isListed()).isFalse();
        }

        @Test
        void shouldEmitNothingWhenANeverSeenOfferIsDelisted() {
            // Given a never-seen offer

            // When
            final Applied applied = apply(delisting("d1", day(2)));

            // Then it is remembered, so that a late update stays dropped
            assertThat(applied).isEqualTo(UNCHANGED);
            assertThat(state.isEmpty()).isFalse();
            assertThat(apply(stock("s1", "wh-1", 5, day(1)))).isEqualTo(STALE);
        }

        @Test
        void shouldDropRedeliveredAndOlderDelistings() {
            // Given
            apply(stock("s1", "wh-1", 5, day(3)));
            apply(delisting("d2", day(2)));

            // When
            final Applied redelivered = apply(delisting("d2", day(2)));
            final Applied older = apply(delisting("d1", day(1)));

            // Then
            assertThat(redelivered).isEqualTo(DUPLICATE);
            assertThat(older).isEqualTo(STALE);
            assertThat(state.delisting()).isEqualTo(new Version(day(2), "d2"));
        }

        @Test
        void shouldNotEmitWhenTheDelistingRemovesNothing() {
            // Given
            apply(stock("s1", "wh-1", 5, day(3)));
            final OfferSnapshot before = snapshot();

            // When
            final Applied applied = apply(delisting("d1", day(2)));

            // Then
            assertThat(applied).isEqualTo(UNCHANGED);
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void shouldNotEmitASecondTombstone() {
            // Given
            apply(stock("s1", "wh-1", 5, day(1)));
            apply(delisting("d1", day(2)));

            // When
            final Applied applied = apply(delisting("d2", day(3)));

            // Then
            assertThat(applied).isEqualTo(UNCHANGED);
        }

        @Test
        void shouldForgetTheDelistingOnlyAfterTheRetentionOfStreamTime() {
            // Given a delisting processed at stream time day 10
            final long processedAt = day(10);
            applyAt(stock("s1", "wh-1", 5, day(1)), processedAt);
            applyAt(delisting("d1", day(10)), processedAt);
            final long retention = SETTINGS.delistRetentionMs();

            // When a late update arrives, first within the retention, then after it
            final Applied withinRetention = applyAt(stock("s2", "wh-1", 6, day(5)), processedAt + retention);
            final Applied afterRetention = applyAt(stock("s3", "wh-1", 7, day(6)), processedAt + retention + 1);

            // Then the forgotten delisting no longer protects the offer: the documented limit
            assertThat(withinRetention).isEqualTo(STALE);
            assertThat(afterRetention).isEqualTo(CHANGED);
            assertThat(state.delisting()).isNull();
            assertThat(snapshot().getLocations()).containsExactly(location("wh-1", 7, day(6)));
        }
    }

    @Nested
    class Snapshot {

        @Test
        void shouldSumQuantitiesAndSortLocationsAndChannels() {
            // Given
            apply(stock("s1", "wh-2", 3, day(1)));
            apply(stock("s2", "store.1", 0, day(2)));
            apply(stock("s3", "wh-1", 4, day(3)));
            apply(price("p1", "zalando-de", 1200L, null, day(5)));
            apply(price("p2", "web", 1000L, null, day(4)));

            // When
            final OfferSnapshot snapshot = snapshot();

            // Then
            assertThat(snapshot.getPartnerId()).isEqualTo("acme");
            assertThat(snapshot.getSku()).isEqualTo("shoe-42");
            assertThat(snapshot.getLocations()).extracting(LocationQuantity::getLocationId)
                    .containsExactly("store.1", "wh-1", "wh-2");
            assertThat(snapshot.getPrices()).extracting(ChannelPrice::getChannel).containsExactly("web", "zalando-de");
            assertThat(snapshot.getTotalQuantity()).isEqualTo(7L);
            assertThat(snapshot.getAvailable()).isTrue();
            assertThat(snapshot.getUpdatedAt()).isEqualTo(instant(day(5)));
        }

        @Test
        void shouldBeUnavailableWhenEveryQuantityIsZero() {
            // Given
            apply(stock("s1", "wh-1", 0, day(1)));
            apply(price("p1", "web", 1000L, null, day(2)));

            // When
            final OfferSnapshot snapshot = snapshot();

            // Then
            assertThat(snapshot.getTotalQuantity()).isZero();
            assertThat(snapshot.getAvailable()).isFalse();
        }

        @Test
        void shouldSplitTheKeyAtItsFirstColonOnly() {
            // Given a sku that contains a colon
            state.apply(stock("s1", "wh-1", 1, day(1)), day(1), SETTINGS);

            // When
            final OfferSnapshot snapshot = SnapshotRecords.of("acme:shoe:42", state, SETTINGS);

            // Then
            assertThat(snapshot.getPartnerId()).isEqualTo("acme");
            assertThat(snapshot.getSku()).isEqualTo("shoe:42");
        }
    }

    @Nested
    class Omnibus {

        @Test
        void shouldHaveNoLowestPriceWithoutAnEarlierPrice() {
            // Given a never-seen offer

            // When
            apply(price("p1", "web", 1000L, 800L, day(1)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isNull();
        }

        @Test
        void shouldCountThePriceInEffectAtTheWindowStart() {
            // Given
            apply(price("p1", "web", 500L, null, day(0)));
            apply(price("p2", "web", 900L, null, day(20)));

            // When the current price takes effect at day 35: the window starts at day 5, when 500 was in effect
            apply(price("p3", "web", 1000L, null, day(35)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(500L);
        }

        @Test
        void shouldCountAnEntryExactlyAtTheWindowStartAndNothingBeforeIt() {
            // Given
            apply(price("p1", "web", 500L, null, day(0)));
            apply(price("p2", "web", 700L, null, day(10)));

            // When the window starts exactly at day 10
            apply(price("p3", "web", 1000L, null, day(40)));

            // Then 700 was in effect at the window start; 500 ended before it
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(700L);
        }

        @Test
        void shouldCountEveryEntryInsideTheWindowButNotTheCurrentPrice() {
            // Given
            apply(price("p1", "web", 1000L, null, day(0)));
            apply(price("p2", "web", 600L, null, day(5)));
            apply(price("p3", "web", 900L, null, day(20)));

            // When
            apply(price("p4", "web", 900L, 400L, day(25)));

            // Then
            assertThat(onlyPrice().getEffectivePrice()).isEqualTo(400L);
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(600L);
        }

        @Test
        void shouldLookOnlyAsFarBackAsTheHistoryGoes() {
            // Given a history of five days in a 30-day window
            apply(price("p1", "web", 700L, null, day(0)));
            apply(price("p2", "web", 900L, null, day(3)));

            // When
            apply(price("p3", "web", 1000L, null, day(5)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(700L);
        }

        @Test
        void shouldIgnorePricesInAnotherCurrency() {
            // Given
            apply(price("p1", "web", "USD", 500L, null, day(0)));
            apply(price("p2", "web", "EUR", 900L, null, day(3)));

            // When
            apply(price("p3", "web", "EUR", 1000L, null, day(5)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(900L);
        }

        @Test
        void shouldHaveNoLowestPriceWhenTheWholeHistoryIsInAnotherCurrency() {
            // Given
            apply(price("p1", "web", "USD", 500L, null, day(0)));

            // When
            apply(price("p2", "web", "EUR", 1000L, null, day(5)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isNull();
        }

        @Test
        void shouldReplaceTheHistoryEntryAtTheSameInstant() {
            // Given two prices at one instant: only the later version was ever in effect
            apply(price("p1-a", "web", 500L, null, day(10)));
            apply(price("p1-b", "web", 700L, null, day(10)));

            // When
            apply(price("p2", "web", 1000L, null, day(20)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(700L);
        }

        @Test
        void shouldKeepAStalePriceOutOfTheHistory() {
            // Given
            apply(price("p2", "web", 1000L, null, day(10)));
            assertThat(apply(price("p1", "web", 300L, null, day(5)))).isEqualTo(STALE);

            // When
            apply(price("p3", "web", 900L, null, day(20)));

            // Then
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(1000L);
        }

        @Test
        void shouldPublishTheNewLowestPriceWhenADelistingDropsHistory() {
            // Given a current price newer than the delisting, and an older entry at or before it
            apply(price("p1", "web", 500L, null, day(0)));
            apply(price("p2", "web", 1000L, null, day(10)));
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(500L);

            // When
            final Applied applied = apply(delisting("d1", day(5)));

            // Then the price stays, its lowest price is gone
            assertThat(applied).isEqualTo(CHANGED);
            assertThat(onlyPrice().getEffectivePrice()).isEqualTo(1000L);
            assertThat(onlyPrice().getLowestPrice30d()).isNull();
        }

        @Test
        void shouldNotEmitWhenADelistingDropsHistoryWithoutChangingTheLowestPrice() {
            // Given
            apply(price("p1", "web", 800L, null, day(0)));
            apply(price("p2", "web", 500L, null, day(3)));
            apply(price("p3", "web", 1000L, null, day(10)));

            // When the delisting drops only the 800 entry
            final Applied applied = apply(delisting("d1", day(1)));

            // Then
            assertThat(applied).isEqualTo(UNCHANGED);
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(500L);
        }

        @Test
        void shouldKeepTheHistoryBoundedOverManyChanges() {
            // Given a new price every day for 1000 days
            final int days = 1000;
            for (int i = 0; i < days; i++) {
                apply(price("p" + i, "web", dailyPrice(i), null, day(i)));
            }

            // When
            final PriceSlot slot = state.prices().get(0);

            // Then the history holds about one window of entries, and they still give the right answer:
            // the last price took effect on day 999, so days 969 (the window start) to 998 count.
            long expectedLowest = Long.MAX_VALUE;
            for (int i = days - 31; i < days - 1; i++) {
                expectedLowest = Math.min(expectedLowest, dailyPrice(i));
            }
            assertThat(slot.history().points()).hasSizeLessThanOrEqualTo(32);
            assertThat(onlyPrice().getLowestPrice30d()).isEqualTo(expectedLowest);
        }

        /** A price that moves every day and is not lowest at the ends of the window. */
        private long dailyPrice(final int day) {
            return 1000L + (day * 37L) % 101L;
        }
    }

    // ---- fixture ---------------------------------------------------------------------------------------

    /** Applies an event as the processor would: stream time is the greatest occurredAt so far. */
    private Applied apply(final OfferEvent event) {
        streamTime = Math.max(streamTime, event.occurredAt());
        return state.apply(event, streamTime, SETTINGS);
    }

    private Applied applyAt(final OfferEvent event, final long atStreamTime) {
        streamTime = atStreamTime;
        return state.apply(event, atStreamTime, SETTINGS);
    }

    private OfferSnapshot snapshot() {
        return SnapshotRecords.of(KEY, state, SETTINGS);
    }

    private ChannelPrice onlyPrice() {
        assertThat(snapshot().getPrices()).hasSize(1);
        return snapshot().getPrices().get(0);
    }

    private static long day(final int day) {
        return T0 + day * DAY;
    }

    private static Instant instant(final long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static OfferEvent.StockChange stock(final String eventId, final String locationId, final int quantity,
                                                final long occurredAt) {
        return new OfferEvent.StockChange(eventId, locationId, quantity, occurredAt);
    }

    private static OfferEvent.PriceChange price(final String eventId, final String channel, final long regular,
                                                final Long sale, final long occurredAt) {
        return price(eventId, channel, "EUR", regular, sale, occurredAt);
    }

    private static OfferEvent.PriceChange price(final String eventId, final String channel, final String currency,
                                                final long regular, final Long sale, final long occurredAt) {
        return new OfferEvent.PriceChange(eventId, channel, currency, regular, sale, occurredAt);
    }

    private static OfferEvent.Delisting delisting(final String eventId, final long occurredAt) {
        return new OfferEvent.Delisting(eventId, occurredAt);
    }

    private static LocationQuantity location(final String locationId, final int quantity, final long updatedAt) {
        return new LocationQuantity(locationId, quantity, instant(updatedAt), 0, quantity);
    }

    private static ChannelPrice channelPrice(final String channel, final String currency, final long regular,
                                             final Long sale, final long effective, final Long lowest,
                                             final long updatedAt) {
        return new ChannelPrice(channel, currency, regular, sale, effective, lowest, instant(updatedAt));
    }
}
