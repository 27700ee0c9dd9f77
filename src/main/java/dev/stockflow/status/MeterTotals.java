package dev.stockflow.status;

import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads Stockflow's own counters and latency histogram ({@link StockflowMetrics}) into {@link Totals}. The counters
 * are looked up once, when this is built (StockflowMetrics registers every series up front), so a reading is a
 * few sums of Micrometer counters and one copy of the histogram's buckets: nothing the stream threads wait for.
 */
public final class MeterTotals implements Supplier<Totals> {

    private final Map<String, List<Counter>> events = new LinkedHashMap<>();
    private final Map<String, List<Counter>> deadLetters = new LinkedHashMap<>();
    private final List<Counter> snapshots;
    private final List<Counter> tombstones;
    private final StockflowMetrics metrics;

    /** @param registry the registry {@code metrics} registered its counters in */
    public MeterTotals(final MeterRegistry registry, final StockflowMetrics metrics) {
        this.metrics = metrics;
        for (final Outcome outcome : Outcome.values()) {
            events.put(outcome.label(), counters(registry, StockflowMetrics.EVENTS, "outcome", outcome.label()));
        }
        events.put(StockflowMetrics.INVALID_OUTCOME,
                counters(registry, StockflowMetrics.EVENTS, "outcome", StockflowMetrics.INVALID_OUTCOME));
        for (final RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason.code(), counters(registry, StockflowMetrics.DLQ, "code", reason.code()));
        }
        snapshots = List.copyOf(registry.find(StockflowMetrics.SNAPSHOTS).counters());
        tombstones = List.copyOf(registry.find(StockflowMetrics.TOMBSTONES).counters());
    }

    private static List<Counter> counters(final MeterRegistry registry, final String name, final String tag,
                                          final String value) {
        return List.copyOf(registry.find(name).tag(tag, value).counters());
    }

    @Override
    public Totals get() {
        final Map<String, Long> eventCounts = new LinkedHashMap<>();
        events.forEach((outcome, counters) -> eventCounts.put(outcome, sum(counters)));
        final Map<String, Long> deadLetterCounts = new LinkedHashMap<>();
        deadLetters.forEach((code, counters) -> deadLetterCounts.put(code, sum(counters)));
        return new Totals(eventCounts, sum(snapshots), sum(tombstones), deadLetterCounts,
                latency(metrics.latencyBuckets()));
    }

    private static long sum(final List<Counter> counters) {
        return (long) counters.stream().mapToDouble(Counter::count).sum();
    }

    private static LatencyCounts latency(final ClassicHistogramBuckets buckets) {
        final List<Double> bounds = new ArrayList<>();
        final long[] counts = new long[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            bounds.add(buckets.getUpperBound(i));
            counts[i] = buckets.getCount(i);
        }
        return new LatencyCounts(bounds.stream().mapToDouble(Double::doubleValue).toArray(), counts);
    }
}
