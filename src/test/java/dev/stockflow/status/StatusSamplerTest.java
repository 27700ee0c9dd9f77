package dev.stockflow.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rates, percentiles, lag and history from counter values the test sets before each sample. */
class StatusSamplerTest {

    private static final double[] BOUNDS = {0.01, 0.1, 1, Double.POSITIVE_INFINITY};
    private static final long T0 = 1_765_000_000_000L;
    private static final long NANOS0 = 42_000_000_000L;

    private final Counters counters = new Counters();
    private final AtomicReference<List<PartitionLag>> lag = new AtomicReference<>(List.of());
    private final AtomicReference<Optional<RestorationFigures>> restoration = new AtomicReference<>(Optional.empty());
    private final StatusSampler sampler = new StatusSampler(new StatusSources("host-1:8080", () -> "RUNNING",
            counters::totals, lag::get, restoration::get), T0, NANOS0);

    @AfterEach
    void close() {
        sampler.close();
    }

    @Test
    void shouldAverageTheRatesOverTheLastFiveSeconds() {
        // Given: 100 changed events and 40 snapshots a second for 10 s, 200 changed a second in the last 5 s
        for (int second = 1; second <= 10; second++) {
            counters.changed += second <= 5 ? 100 : 200;
            counters.snapshots += 40;
            counters.duplicate += 10;
            at(second);
        }

        // When
        final StatusReport report = sampler.report();

        // Then
        assertThat(report.rateWindowSeconds()).isCloseTo(5.0, within(1e-9));
        assertThat(report.rates().eventsByOutcome()).containsEntry("changed", 200.0).containsEntry("duplicate", 10.0)
                .containsEntry("stale", 0.0);
        assertThat(report.rates().events()).isCloseTo(210.0, within(1e-9));
        assertThat(report.rates().snapshots()).isCloseTo(40.0, within(1e-9));
        assertThat(report.totals().eventsByOutcome()).containsEntry("changed", 1_500L);
        assertThat(report.totals().snapshots()).isEqualTo(400);
        assertThat(report.instance()).isEqualTo("host-1:8080");
        assertThat(report.state()).isEqualTo("RUNNING");
        assertThat(report.time()).isEqualTo(T0 + 10_000);
    }

    @Test
    void shouldRateTheOrderEventsByOutcomeApart() {
        // Given: per second, 20 order lines that change a reservation and 5 that change nothing, for 5 s
        for (int second = 1; second <= 5; second++) {
            counters.orderChanged += 20;
            counters.orderUnchanged += 5;
            at(second);
        }

        // When
        final StatusReport report = sampler.report();

        // Then
        assertThat(report.rates().orderEventsByOutcome()).containsEntry("changed", 20.0)
                .containsEntry("unchanged", 5.0).containsEntry("stale", 0.0).containsEntry("invalid", 0.0);
        assertThat(report.rates().orderEvents()).isCloseTo(25.0, within(1e-9));
        assertThat(report.totals().orderEventsByOutcome()).containsEntry("changed", 100L)
                .containsEntry("unchanged", 25L);
        assertThat(report.totals().orderEvents()).isEqualTo(125);
    }

    @Test
    void shouldCountDeadLettersByCode() {
        // Given: 3 undecodable records a second for 5 s
        for (int second = 1; second <= 5; second++) {
            counters.undecodable += 3;
            at(second);
        }

        // When
        final StatusReport report = sampler.report();

        // Then
        assertThat(report.rates().deadLetters()).isCloseTo(3.0, within(1e-9));
        assertThat(report.rates().deadLettersByCode()).containsEntry("undecodable", 3.0).containsEntry("empty", 0.0);
        assertThat(report.totals().deadLettersByCode()).containsEntry("undecodable", 15L);
    }

    @Test
    void shouldKnowNoRateFromASingleSample() {
        // When: only the sample taken when the sampler was built
        final StatusReport report = sampler.report();

        // Then
        assertThat(report.rates().events()).isZero();
        assertThat(report.history()).isEmpty();
        assertThat(report.latency().p50Ms()).isNaN();
    }

    @Test
    void shouldTakeTheLatencyPercentilesOfTheLastMinuteOnly() {
        // Given: a burst of slow snapshots two minutes ago, then only fast ones
        counters.latency = new long[] {0, 0, 0, 500};
        at(1);
        for (int second = 2; second <= 120; second++) {
            counters.latency = new long[] {(second - 1) * 10L, 0, 0, 500};
            at(second);
        }

        // When
        final LatencyFigures latency = sampler.report().latency();

        // Then: 600 snapshots of at most 10 ms in the last 60 s; the slow burst is out of the window
        assertThat(latency.windowSeconds()).isCloseTo(60.0, within(1e-9));
        assertThat(latency.snapshots()).isEqualTo(600);
        assertThat(latency.p50Ms()).isCloseTo(5.0, within(1e-9));
        assertThat(latency.p99Ms()).isCloseTo(9.9, within(1e-9));
    }

    @Test
    void shouldKeepOnePointPerSampleForTheLastFiveMinutes() {
        // Given: ten minutes of 50 events a second, the lag growing by one each second
        for (int second = 1; second <= 600; second++) {
            counters.changed = 50L * second;
            lag.set(List.of(new PartitionLag("stock-updates", 0, second), new PartitionLag("stock-updates", 1, 1)));
            at(second);
        }

        // When
        final List<HistoryPoint> history = sampler.report().history();

        // Then: 300 points, oldest first, each the rate over its own second
        assertThat(history).hasSize(300);
        assertThat(history.get(0).time()).isEqualTo(T0 + 301_000);
        assertThat(history.get(299)).isEqualTo(new HistoryPoint(T0 + 600_000, 50.0, 0.0, 0.0, 601));
    }

    @Test
    void shouldShowTheLatestLagPerPartitionAndItsTotal() {
        // Given
        lag.set(List.of(new PartitionLag("stock-updates", 0, 12), new PartitionLag("price-updates", 3, 5)));
        at(1);

        // When
        final StatusReport report = sampler.report();

        // Then
        assertThat(report.lag()).containsExactly(new PartitionLag("stock-updates", 0, 12),
                new PartitionLag("price-updates", 3, 5));
        assertThat(report.totalLag()).isEqualTo(17);
    }

    @Test
    void shouldPassOnTheRestorationFiguresOrTheirAbsence() {
        // Given
        final StatusReport untracked = sampler.report();
        final RestorationFigures restoring = new RestorationFigures(true, 2, 1_000, 3_000, 500.0, OptionalLong.of(6));
        restoration.set(Optional.of(restoring));

        // When
        at(1);

        // Then
        assertThat(untracked.restoration()).isEmpty();
        assertThat(sampler.report().restoration()).contains(restoring);
    }

    /** One sample {@code second}s after T0 (the sampler's first), on both clocks. */
    private void at(final int second) {
        sampler.sample(T0 + second * 1_000L, NANOS0 + TimeUnit.SECONDS.toNanos(second));
    }

    /** Cumulative counts, as the meters would hold them. */
    private static final class Counters {
        private long changed;
        private long duplicate;
        private long orderChanged;
        private long orderUnchanged;
        private long snapshots;
        private long undecodable;
        private long[] latency = new long[BOUNDS.length];

        Totals totals() {
            final Map<String, Long> events = new LinkedHashMap<>();
            events.put("changed", changed);
            events.put("unchanged", 0L);
            events.put("stale", 0L);
            events.put("duplicate", duplicate);
            events.put("invalid", 0L);
            final Map<String, Long> orders = new LinkedHashMap<>();
            orders.put("changed", orderChanged);
            orders.put("unchanged", orderUnchanged);
            orders.put("stale", 0L);
            orders.put("duplicate", 0L);
            orders.put("invalid", 0L);
            final Map<String, Long> deadLetters = new LinkedHashMap<>();
            deadLetters.put("empty", 0L);
            deadLetters.put("undecodable", undecodable);
            return new Totals(events, orders, snapshots, 0, deadLetters, new LatencyCounts(BOUNDS, latency));
        }
    }
}
