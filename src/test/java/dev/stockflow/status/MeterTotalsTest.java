package dev.stockflow.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import dev.stockflow.topology.TopologySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stockflow's real meters, read into totals the way the sampler reads them each second. */
class MeterTotalsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StockflowMetrics metrics = new StockflowMetrics(registry, TopologySettings.DEFAULTS);
    private final MeterTotals totals = new MeterTotals(registry, metrics,
            TopologySettings.DEFAULTS.topicOf(Input.ORDER));

    @Test
    void shouldStartWithEveryOutcomeAndCodeAtZero() {
        // When
        final Totals zero = totals.get();

        // Then
        assertThat(zero.eventsByOutcome()).containsExactly(entry("changed", 0L), entry("unchanged", 0L),
                entry("stale", 0L), entry("duplicate", 0L), entry("invalid", 0L));
        assertThat(zero.orderEventsByOutcome()).containsExactly(entry("changed", 0L), entry("unchanged", 0L),
                entry("stale", 0L), entry("duplicate", 0L), entry("invalid", 0L));
        assertThat(zero.deadLettersByCode()).containsOnlyKeys("empty", "undecodable", "invalid", "key-mismatch",
                "future-timestamp");
        assertThat(zero.latency().total()).isZero();
    }

    @Test
    void shouldAddUpEachOutcomeOverTheInputTopics() {
        // Given
        metrics.onOutcome(Input.STOCK, Outcome.CHANGED);
        metrics.onOutcome(Input.PRICE, Outcome.CHANGED);
        metrics.onOutcome(Input.DELISTING, Outcome.STALE);
        metrics.onRejected(Input.PRICE, RejectReason.UNDECODABLE);
        metrics.onRejected(Input.STOCK, RejectReason.UNDECODABLE);
        metrics.onRejected(Input.STOCK, RejectReason.FUTURE_TIMESTAMP);
        metrics.onSnapshot(40);
        metrics.onSnapshot(70);
        metrics.onSnapshot(3_000);
        metrics.onTombstone();

        // When
        final Totals now = totals.get();

        // Then
        assertThat(now.eventsByOutcome()).containsEntry("changed", 2L).containsEntry("stale", 1L)
                .containsEntry("invalid", 3L).containsEntry("duplicate", 0L);
        assertThat(now.events()).isEqualTo(6);
        assertThat(now.deadLettersByCode()).containsEntry("undecodable", 2L).containsEntry("future-timestamp", 1L);
        assertThat(now.deadLetters()).isEqualTo(3);
        assertThat(now.snapshots()).isEqualTo(3);
        assertThat(now.tombstones()).isEqualTo(1);
    }

    @Test
    void shouldCountTheOrderTopicsOutcomesApartAndInTheSums() {
        // Given: order events of every outcome, an invalid one among them, beside stock and price events
        metrics.onOutcome(Input.ORDER, Outcome.CHANGED);
        metrics.onOutcome(Input.ORDER, Outcome.CHANGED);
        metrics.onOutcome(Input.ORDER, Outcome.UNCHANGED);
        metrics.onOutcome(Input.ORDER, Outcome.STALE);
        metrics.onOutcome(Input.ORDER, Outcome.DUPLICATE);
        metrics.onRejected(Input.ORDER, RejectReason.INVALID);
        metrics.onOutcome(Input.STOCK, Outcome.CHANGED);
        metrics.onOutcome(Input.PRICE, Outcome.UNCHANGED);
        metrics.onRejected(Input.STOCK, RejectReason.EMPTY);

        // When
        final Totals now = totals.get();

        // Then: the order topic's own counts, which the sums over every topic include
        assertThat(now.orderEventsByOutcome()).containsExactly(entry("changed", 2L), entry("unchanged", 1L),
                entry("stale", 1L), entry("duplicate", 1L), entry("invalid", 1L));
        assertThat(now.orderEvents()).isEqualTo(6);
        assertThat(now.eventsByOutcome()).containsEntry("changed", 3L).containsEntry("unchanged", 2L)
                .containsEntry("invalid", 2L);
        assertThat(now.events()).isEqualTo(9);
    }

    @Test
    void shouldTakeTheOrderEventsOfTheConfiguredOrderTopic() {
        // Given: the order topic renamed (topic.order-events)
        final PrometheusMeterRegistry renamed = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final Map<Input, String> topics = TopologySettings.defaultInputTopics();
        topics.put(Input.ORDER, "acme.orders.v2");
        final StockflowMetrics counting = new StockflowMetrics(renamed, new TopologySettings(topics,
                TopologySettings.DEFAULT_SNAPSHOT_TOPIC, TopologySettings.DEFAULT_DLQ_TOPIC,
                TopologySettings.DEFAULTS.rules(), TopologySettings.DEFAULT_MAX_FUTURE_SKEW_MS,
                TopologySettings.DEFAULT_SWEEP_INTERVAL_MS, TopologySettings.DEFAULT_SWEEP_BATCH,
                TopologySettings.DEFAULT_OFFER_CACHE_BYTES, true));
        final MeterTotals renamedTotals = new MeterTotals(renamed, counting, "acme.orders.v2");
        counting.onOutcome(Input.ORDER, Outcome.STALE);
        counting.onOutcome(Input.STOCK, Outcome.STALE);

        // When
        final Totals now = renamedTotals.get();

        // Then
        assertThat(now.orderEventsByOutcome()).containsEntry("stale", 1L);
        assertThat(now.eventsByOutcome()).containsEntry("stale", 2L);
    }

    @Test
    void shouldReadTheLatencyBucketsOneCountPerBucket() {
        // Given: 40 ms falls into (25 ms, 50 ms], 70 ms into (50 ms, 100 ms], 3 s into (2 s, 5 s]
        metrics.onSnapshot(40);
        metrics.onSnapshot(70);
        metrics.onSnapshot(3_000);

        // When
        final LatencyCounts latency = totals.get().latency();

        // Then: counts per bucket, not cumulative, ending with +Inf
        assertThat(latency.total()).isEqualTo(3);
        assertThat(latency.upperBounds()).startsWith(0.01, 0.025, 0.05, 0.1).endsWith(Double.POSITIVE_INFINITY);
        assertThat(latency.counts()[2]).isEqualTo(1);
        assertThat(latency.counts()[3]).isEqualTo(1);
        assertThat(latency.counts()[8]).isEqualTo(1);
        assertThat(latency.quantile(0.5) * 1000).isBetween(50.0, 100.0);
    }
}
