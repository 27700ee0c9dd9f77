package dev.stockflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.testkit.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the progress lines are written and what they say. */
class RestoreProgressLogTest {

    private static final TopicPartition P0 = new TopicPartition("app-offer-state-changelog", 0);

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final RestoreTracker tracker = new RestoreTracker(nanos::get);
    private final RestoreProgressLog progress = new RestoreProgressLog(tracker::status, nanos::get);
    private final LogCapture log = LogCapture.of(RestoreProgressLog.class);

    @AfterEach
    void close() {
        log.close();
        progress.close();
    }

    @Test
    void shouldStaySilentWhileNothingRestores() {
        // When
        tickEverySecondFor(Duration.ofSeconds(30));

        // Then
        assertThat(log.messages()).isEmpty();
    }

    @Test
    void shouldLogAtOnceThenEveryTenSecondsWhileRestoring() {
        // Given: 2,000 offsets per second of 200,000
        tracker.onRestoreStart(P0, "offer-state", 0, 200_000);
        final long[] next = {0};

        // When: 25 ticks, a batch before each
        for (int second = 1; second <= 25; second++) {
            advance(Duration.ofSeconds(1));
            next[0] += 2_000;
            tracker.onBatchRestored(P0, "offer-state", next[0] - 1, 2_000);
            progress.tick();
        }

        // Then: at the first tick, the 11th and the 21st
        assertThat(log.messages()).containsExactly(
                "Restoring store offer-state: 1 of 1 partition(s) restoring, 2000 records restored, "
                        + "198000 remaining, 2000 records/s, ETA 99 s",
                "Restoring store offer-state: 1 of 1 partition(s) restoring, 22000 records restored, "
                        + "178000 remaining, 2000 records/s, ETA 89 s",
                "Restoring store offer-state: 1 of 1 partition(s) restoring, 42000 records restored, "
                        + "158000 remaining, 2000 records/s, ETA 79 s");
    }

    @Test
    void shouldSayWhenTheRateIsNotKnownYet() {
        // Given
        tracker.onRestoreStart(P0, "offer-state", 0, 1_000);

        // When
        progress.tick();

        // Then
        assertThat(log.messages()).containsExactly("Restoring store offer-state: 1 of 1 partition(s) restoring, "
                + "0 records restored, 1000 remaining, unknown records/s, ETA unknown");
    }

    @Test
    void shouldLogANewRestorationAtOnce() {
        // Given: a restoration that ended two seconds after its first line
        tracker.onRestoreStart(P0, "offer-state", 0, 1_000);
        progress.tick();
        advance(Duration.ofSeconds(1));
        tracker.onRestoreEnd(P0, "offer-state", 1_000);
        progress.tick();

        // When: the next one starts a second later
        advance(Duration.ofSeconds(1));
        tracker.onRestoreStart(new TopicPartition("app-offer-state-changelog", 1), "offer-state", 0, 500);
        progress.tick();

        // Then
        assertThat(log.messages()).hasSize(2);
        assertThat(log.messages().get(1)).startsWith("Restoring store offer-state: 1 of 1 partition(s) restoring, "
                + "0 records restored, 500 remaining");
    }

    private void tickEverySecondFor(final Duration duration) {
        for (long second = 0; second < duration.toSeconds(); second++) {
            advance(Duration.ofSeconds(1));
            progress.tick();
        }
    }

    private void advance(final Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
