package dev.stockflow.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import dev.stockflow.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The restore progress Stockflow keeps from Kafka Streams' restore callbacks: counts, rate, estimate. */
class RestoreTrackerTest {

    private static final String STORE = "offer-state";
    private static final String CHANGELOG = "app-offer-state-changelog";
    private static final TopicPartition P0 = new TopicPartition(CHANGELOG, 0);
    private static final TopicPartition P1 = new TopicPartition(CHANGELOG, 1);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RestoreTracker tracker = new RestoreTracker(nanos::get);

    @Test
    void shouldReportNothingBeforeAnyRestoration() {
        // When
        final RestoreStatus status = tracker.status();

        // Then
        assertThat(status.restoring()).isFalse();
        assertThat(status.partitions()).isEmpty();
        assertThat(status.totalRestoredRecords()).isZero();
        assertThat(status.etaSeconds()).hasValue(0);
    }

    @Test
    void shouldCountWhatRemainsFromTheChangelogOffsets() {
        // Given
        tracker.onRestoreStart(P0, STORE, 100, 1_100);

        // When: two batches, the second ending at offset 499 (inclusive)
        tracker.onBatchRestored(P0, STORE, 299, 200);
        tracker.onBatchRestored(P0, STORE, 499, 200);

        // Then: the next offset is 500, so 600 offsets remain
        final RestoreStatus status = tracker.status();
        assertThat(status.restoring()).isTrue();
        assertThat(status.partitions()).containsExactly(new PartitionProgress(STORE, CHANGELOG, 0, 400, 600, true));
        assertThat(status.restoredRecords()).isEqualTo(400);
        assertThat(status.remainingRecords()).isEqualTo(600);
        assertThat(status.totalRestoredRecords()).isEqualTo(400);
    }

    @Test
    void shouldReachZeroAtTheEndAlthoughTransactionMarkersTakeOffsets() {
        // Given: an exactly-once changelog, 0..99, where every 10th offset is a commit marker and the end offset
        // (100) is one past the last marker; Kafka Streams restores 90 records
        tracker.onRestoreStart(P0, STORE, 0, 100);

        // When: batches end at the last record before each marker
        for (int transaction = 0; transaction < 10; transaction++) {
            tracker.onBatchRestored(P0, STORE, transaction * 10 + 8, 9);
        }

        // Then: the offsets still count the last marker (never records minus offsets, KAFKA-20711), and the end
        // of the restoration leaves nothing
        assertThat(tracker.status().remainingRecords()).isEqualTo(1);
        assertThat(tracker.status().restoredRecords()).isEqualTo(90);

        tracker.onRestoreEnd(P0, STORE, 90);

        final RestoreStatus ended = tracker.status();
        assertThat(ended.restoring()).isFalse();
        assertThat(ended.partitions()).containsExactly(new PartitionProgress(STORE, CHANGELOG, 0, 90, 0, false));
        assertThat(ended.totalRestoredRecords()).isEqualTo(90);
    }

    @Test
    void shouldCountAbortedRecordsSkippedByTheRestoreAsPassed() {
        // Given: offsets 0..49 committed, 50..79 aborted with their marker at 80, 81..99 committed, end 100
        tracker.onRestoreStart(P0, STORE, 0, 100);

        // When: the read_committed restore consumer never hands over 50..80
        tracker.onBatchRestored(P0, STORE, 49, 50);
        tracker.onBatchRestored(P0, STORE, 99, 19);

        // Then
        assertThat(tracker.status().remainingRecords()).isZero();
        assertThat(tracker.status().restoredRecords()).isEqualTo(69);
    }

    @Test
    void shouldForgetAPartitionWhoseTaskMovesAwayMidRestore() {
        // Given
        tracker.onRestoreStart(P0, STORE, 0, 1_000);
        tracker.onRestoreStart(P1, STORE, 0, 1_000);
        tracker.onBatchRestored(P0, STORE, 99, 100);

        // When
        tracker.onRestoreSuspended(P0, STORE, 100);

        // Then
        assertThat(tracker.status().partitions()).extracting(PartitionProgress::partition).containsExactly(1);
        assertThat(tracker.status().totalRestoredRecords()).as("restored records stay counted").isEqualTo(100);
    }

    @Test
    void shouldStartAfreshWhenAPartitionComesBack() {
        // Given
        tracker.onRestoreStart(P0, STORE, 0, 1_000);
        tracker.onBatchRestored(P0, STORE, 499, 500);
        tracker.onRestoreSuspended(P0, STORE, 500);

        // When: it is assigned again and restores from its checkpoint
        tracker.onRestoreStart(P0, STORE, 500, 1_200);

        // Then
        assertThat(tracker.status().partitions())
                .containsExactly(new PartitionProgress(STORE, CHANGELOG, 0, 0, 700, true));
    }

    @Test
    void shouldSumEachStoresCurrentRestorationInOrder() {
        // Given: three partitions of one store (one of them already restored) and one of another store
        tracker.onRestoreStart(P1, STORE, 0, 300);
        tracker.onRestoreStart(P0, STORE, 0, 200);
        tracker.onRestoreStart(new TopicPartition("app-other-changelog", 0), "other", 0, 50);
        tracker.onBatchRestored(P1, STORE, 99, 100);
        tracker.onRestoreStart(new TopicPartition(CHANGELOG, 2), STORE, 0, 10);
        tracker.onRestoreEnd(new TopicPartition(CHANGELOG, 2), STORE, 10);

        // When
        final RestoreStatus status = tracker.status();

        // Then: the restored partition still counts in its store's restoration, with nothing remaining
        assertThat(status.partitions()).extracting(PartitionProgress::topicPartition).containsExactly(
                "app-offer-state-changelog-0", "app-offer-state-changelog-1", "app-offer-state-changelog-2",
                "app-other-changelog-0");
        assertThat(status.currentPartitions()).isEqualTo(status.partitions());
        assertThat(status.stores()).extracting(StoreProgress::store).containsExactly("offer-state", "other");
        final StoreProgress offers = status.stores().get(0);
        assertThat(offers.partitions()).hasSize(3);
        assertThat(offers.restoringPartitions()).isEqualTo(2);
        assertThat(offers.restoredRecords()).isEqualTo(110);
        assertThat(offers.remainingRecords()).isEqualTo(400);
        assertThat(status.restoredRecords()).isEqualTo(110);
        assertThat(status.remainingRecords()).isEqualTo(450);
    }

    @Test
    void shouldKeepAFinishedPartitionsRecordsInTheTotalsUntilTheStoreIsRestored() {
        // Given
        tracker.onRestoreStart(P0, STORE, 0, 100);
        tracker.onRestoreStart(P1, STORE, 0, 100);
        tracker.onBatchRestored(P0, STORE, 99, 100);
        tracker.onBatchRestored(P1, STORE, 49, 50);

        // When
        tracker.onRestoreEnd(P0, STORE, 100);

        // Then
        assertThat(tracker.status().restoredRecords()).isEqualTo(150);
        assertThat(tracker.status().remainingRecords()).isEqualTo(50);
    }

    @Test
    void shouldLeaveAnEarlierRestorationOutOfANewOne() {
        // Given: partition 0 restored, and nothing restoring for a while
        tracker.onRestoreStart(P0, STORE, 0, 100);
        tracker.onBatchRestored(P0, STORE, 99, 100);
        tracker.onRestoreEnd(P0, STORE, 100);
        advance(Duration.ofMinutes(5));

        // When: partition 1 is assigned here and restores
        tracker.onRestoreStart(P1, STORE, 0, 40);

        // Then
        final RestoreStatus status = tracker.status();
        assertThat(status.currentPartitions()).extracting(PartitionProgress::partition).containsExactly(1);
        assertThat(status.restoredRecords()).isZero();
        assertThat(status.partitions()).as("still exported with nothing remaining").hasSize(2);
    }

    @Test
    void shouldEstimateTheTimeLeftFromTheRecentRate() {
        // Given: 10,000 offsets restored at 1,000 per second
        tracker.onRestoreStart(P0, STORE, 0, 100_000);
        for (int second = 1; second <= 10; second++) {
            advance(Duration.ofSeconds(1));
            tracker.onBatchRestored(P0, STORE, second * 1_000L - 1, 1_000);
        }

        // When
        final RestoreStatus status = tracker.status();

        // Then: 90,000 left at 1,000/s
        assertThat(status.recordsPerSecond()).isCloseTo(1_000, within(0.001));
        assertThat(status.etaSeconds()).hasValue(90);
        assertThat(status.stores().get(0).etaSeconds()).hasValue(90);
    }

    @Test
    void shouldFollowTheRateOfTheLastSecondsNotTheAverage() {
        // Given: 30 s at 100 offsets per second, then 10 s at 2,000 per second
        tracker.onRestoreStart(P0, STORE, 0, 1_000_000);
        long next = 0;
        for (int second = 1; second <= 40; second++) {
            advance(Duration.ofSeconds(1));
            next += second <= 30 ? 100 : 2_000;
            tracker.onBatchRestored(P0, STORE, next - 1, second <= 30 ? 100 : 2_000);
        }

        // When
        final double rate = tracker.status().recordsPerSecond();

        // Then: the last ten seconds, not the lifetime average of 575
        assertThat(rate).isCloseTo(2_000, within(0.001));
    }

    @Test
    void shouldHaveNoEstimateBeforeTheRateIsMeasurable() {
        // Given
        tracker.onRestoreStart(P0, STORE, 0, 10_000);
        advance(Duration.ofMillis(100));
        tracker.onBatchRestored(P0, STORE, 999, 1_000);

        // When
        final RestoreStatus status = tracker.status();

        // Then
        assertThat(status.recordsPerSecond()).isNaN();
        assertThat(status.etaSeconds()).isEmpty();
    }

    @Test
    void shouldLoseTheEstimateWhenTheRestorationStalls() {
        // Given: a good start, then no batch for a minute (say the broker is gone)
        tracker.onRestoreStart(P0, STORE, 0, 10_000);
        advance(Duration.ofSeconds(2));
        tracker.onBatchRestored(P0, STORE, 1_999, 2_000);
        advance(Duration.ofMinutes(1));

        // When
        final RestoreStatus status = tracker.status();

        // Then
        assertThat(status.recordsPerSecond()).isZero();
        assertThat(status.etaSeconds()).isEqualTo(OptionalLong.empty());
        assertThat(status.remainingRecords()).isEqualTo(8_000);
    }

    @Test
    void shouldMeasureANewRestorationFromItsOwnStart() {
        // Given: a restoration long ago, then an hour without any
        tracker.onRestoreStart(P0, STORE, 0, 1_000);
        advance(Duration.ofSeconds(1));
        tracker.onBatchRestored(P0, STORE, 999, 1_000);
        tracker.onRestoreEnd(P0, STORE, 1_000);
        advance(Duration.ofHours(1));

        // When: another partition restores at 500 offsets per second
        tracker.onRestoreStart(P1, STORE, 0, 10_000);
        for (int second = 1; second <= 4; second++) {
            advance(Duration.ofSeconds(1));
            tracker.onBatchRestored(P1, STORE, second * 500L - 1, 500);
        }

        // Then: its own rate, not diluted by the idle hour
        assertThat(tracker.status().recordsPerSecond()).isCloseTo(500, within(0.001));
        assertThat(tracker.status().etaSeconds()).hasValue(16);
    }

    @Test
    void shouldLogTheStartAndTheEndOfEachPartitionsRestoration() {
        try (LogCapture log = LogCapture.of(RestoreTracker.class)) {
            // Given
            tracker.onRestoreStart(P0, STORE, 0, 500);
            advance(Duration.ofMillis(1_500));
            tracker.onBatchRestored(P0, STORE, 499, 480);

            // When
            tracker.onRestoreEnd(P0, STORE, 480);

            // Then
            assertThat(log.messages()).containsExactly(
                    "Restoring store offer-state from changelog partition app-offer-state-changelog-0: "
                            + "offsets 0 to 500, 500 records at most",
                    "Restored store offer-state from changelog partition app-offer-state-changelog-0: "
                            + "480 records in 1500 ms");
        }
    }

    @Test
    void shouldNeverThrowFromACallback() {
        // Given: a clock that fails, and callbacks for a partition never started
        final RestoreTracker broken = new RestoreTracker(() -> {
            throw new IllegalStateException("clock gone");
        });

        // When / Then
        assertThatCode(() -> {
            broken.onRestoreStart(P0, STORE, 0, 10);
            broken.onBatchRestored(P1, STORE, 5, 5);
            broken.onRestoreEnd(P1, STORE, 5);
            broken.onRestoreSuspended(P1, STORE, 5);
            tracker.onBatchRestored(P1, STORE, 5, 5);
            tracker.onRestoreEnd(P1, STORE, 5);
            tracker.onRestoreSuspended(P1, STORE, 5);
        }).doesNotThrowAnyException();
        assertThat(tracker.status().partitions()).isEmpty();
    }

    @Test
    void shouldKeepExactCountsWhenStateUpdaterThreadsAndReadersRunAtOnce() throws Exception {
        // Given: four updater threads, each restoring its own partition in 1,000 batches of 10 records
        final RestoreTracker shared = new RestoreTracker();
        final int threads = 4;
        final int batches = 1_000;
        final ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicBoolean updating = new AtomicBoolean(true);
        try {
            final List<Future<?>> updaters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final TopicPartition partition = new TopicPartition(CHANGELOG, t);
                updaters.add(pool.submit(() -> {
                    go.await();
                    shared.onRestoreStart(partition, STORE, 0, batches * 10L);
                    for (int batch = 1; batch <= batches; batch++) {
                        shared.onBatchRestored(partition, STORE, batch * 10L - 1, 10);
                    }
                    shared.onRestoreEnd(partition, STORE, batches * 10L);
                    return null;
                }));
            }
            final Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                go.await();
                while (updating.get()) {
                    final RestoreStatus status = shared.status();
                    assertThat(status.remainingRecords()).isBetween(0L, threads * batches * 10L);
                    assertThat(status.restoring()).as("restoring exactly while a partition restores")
                            .isEqualTo(status.partitions().stream().anyMatch(PartitionProgress::restoring));
                    assertThat(status.currentPartitions()).containsAll(status.partitions().stream()
                            .filter(PartitionProgress::restoring).toList());
                    reads++;
                }
                return reads;
            });

            // When
            go.countDown();
            for (final Future<?> updater : updaters) {
                updater.get(30, TimeUnit.SECONDS);
            }
            updating.set(false);

            // Then
            assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
            final RestoreStatus status = shared.status();
            assertThat(status.restoring()).isFalse();
            assertThat(status.partitions()).hasSize(threads).allSatisfy(partition ->
                    assertThat(partition.remainingRecords()).isZero());
            assertThat(status.totalRestoredRecords()).isEqualTo(threads * batches * 10L);
        } finally {
            pool.shutdownNow();
        }
    }

    private void advance(final Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
