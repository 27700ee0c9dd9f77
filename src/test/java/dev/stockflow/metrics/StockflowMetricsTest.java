package dev.stockflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.Input;
import dev.stockflow.topology.TopologySettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StockflowMetricsTest {

    private final MetricsRegistry registry = new MetricsRegistry();
    private final StockflowMetrics metrics = new StockflowMetrics(registry.registry(), TopologySettings.DEFAULTS);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldExposeEverySeriesAtZeroFromTheStart() {
        // When
        final String scrape = registry.scrape();

        // Then
        for (final String outcome : new String[] {"changed", "unchanged", "stale", "duplicate", "invalid"}) {
            assertThat(scrape).contains("stockflow_events_total{outcome=\"" + outcome + "\",topic=\"price-updates\"} 0.0");
            assertThat(scrape)
                    .contains("stockflow_replayed_events_total{outcome=\"" + outcome + "\",topic=\"price-updates\"} 0.0");
        }
        for (final String code : new String[] {"empty", "undecodable", "invalid", "key-mismatch", "future-timestamp"}) {
            assertThat(scrape).contains("stockflow_dlq_total{code=\"" + code + "\"} 0.0");
        }
        assertThat(scrape).contains("stockflow_snapshots_total 0.0").contains("stockflow_tombstones_total 0.0")
                .contains("stockflow_state_writes_refused_total 0.0");
    }

    @Test
    void shouldCountOutcomesRejectionsSnapshotsAndLatency() {
        // When
        metrics.onOutcome(Input.STOCK, Outcome.CHANGED);
        metrics.onOutcome(Input.STOCK, Outcome.CHANGED);
        metrics.onOutcome(Input.DELISTING, Outcome.STALE);
        metrics.onRejected(Input.PRICE, RejectReason.KEY_MISMATCH);
        metrics.onSnapshot(40);
        metrics.onSnapshot(400);
        metrics.onTombstone();
        metrics.onStateNotWritten();

        // Then
        final String scrape = registry.scrape();
        assertThat(scrape)
                .contains("stockflow_events_total{outcome=\"changed\",topic=\"stock-updates\"} 2.0")
                .contains("stockflow_events_total{outcome=\"stale\",topic=\"offer-delistings\"} 1.0")
                .contains("stockflow_events_total{outcome=\"invalid\",topic=\"price-updates\"} 1.0")
                .contains("stockflow_dlq_total{code=\"key-mismatch\"} 1.0")
                .contains("stockflow_snapshots_total 2.0")
                .contains("stockflow_tombstones_total 1.0")
                .contains("stockflow_state_writes_refused_total 1.0")
                .contains("stockflow_snapshot_latency_seconds_count 2")
                .contains("stockflow_snapshot_latency_seconds_bucket{le=\"0.05\"} 1")
                .contains("stockflow_snapshot_latency_seconds_bucket{le=\"0.5\"} 2");
    }

    @Test
    void shouldCountReplayedDeadLettersByTopicAndOutcome() {
        // When
        metrics.onReplayOutcome(Input.STOCK, Outcome.STALE);
        metrics.onReplayOutcome(Input.STOCK, Outcome.STALE);
        metrics.onReplayOutcome(Input.PRICE, Outcome.CHANGED);
        metrics.onReplayRejected(Input.DELISTING);

        // Then
        assertThat(registry.scrape())
                .contains("stockflow_replayed_events_total{outcome=\"stale\",topic=\"stock-updates\"} 2.0")
                .contains("stockflow_replayed_events_total{outcome=\"changed\",topic=\"price-updates\"} 1.0")
                .contains("stockflow_replayed_events_total{outcome=\"invalid\",topic=\"offer-delistings\"} 1.0")
                .contains("stockflow_replayed_events_total{outcome=\"changed\",topic=\"stock-updates\"} 0.0");
    }

    @Test
    void shouldKeepTheLatencySumGrowingForEventsDaysOld() {
        // Given: 4,000 snapshots of events 90 days old, 2.7e19 ns in all: more than a long holds
        final long ninetyDaysMs = Duration.ofDays(90).toMillis();

        // When
        for (int i = 0; i < 4_000; i++) {
            metrics.onSnapshot(ninetyDaysMs);
        }

        // Then
        final double sum = sampleValue(registry.scrape(), "stockflow_snapshot_latency_seconds_sum");
        assertThat(sum).isCloseTo(4_000 * ninetyDaysMs / 1000.0, within(1.0));
        assertThat(registry.scrape()).contains("stockflow_snapshot_latency_seconds_count 4000")
                .contains("stockflow_snapshot_latency_seconds_bucket{le=\"+Inf\"} 4000");
    }

    @Test
    void shouldIncludeJvmAndProcessMetrics() {
        // When
        final String scrape = registry.scrape();

        // Then
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("process_cpu_usage");
    }

    private static double sampleValue(final String scrape, final String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }
}
