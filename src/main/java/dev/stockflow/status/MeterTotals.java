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
 * The order events by outcome are the {@code stockflow_events_total} series of the order topic alone (the same
 * counters that the sums over every topic include): an order event's outcome says something else than a stock
 * or price event's (did it start, end or alter a reservation), so the page shows them apart.
 */
public final class MeterTotals implements Supplier<Totals> {

    private final Map<String, List<Counter>> events = new LinkedHashMap<>();
    private final Map<String, List<Counter>> orderEvents = new LinkedHashMap<>();
    private final Map<String, List<Counter>> deadLetters = new LinkedHashMap<>();
    private final List<Counter> snapshots;
    private final List<Counter> tombstones;
    private final StockflowMetrics metrics;

    /**
     * @param registry   the registry {@code metrics} registered its counters in
     * @param orderTopic the name of the order topic (setting {@code topic.order-events}), as the counters' tag
     */
    public MeterTotals(final MeterRegistry registry, final StockflowMetrics metrics, final String orderTopic) {
        this.metrics = metrics;
        for (final Outcome outcome : Outcome.values()) {
            addOutcome(registry, orderTopic, outcome.label());
        }
        addOutcome(registry, orderTopic, StockflowMetrics.INVALID_OUTCOME);
        for (final RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason.code(), counters(registry, StockflowMetrics.DLQ, "code", reason.code()));
        }
        snapshots = List.copyOf(registry.find(StockflowMetrics.SNAPSHOTS).counters());
        tombstones = List.copyOf(registry.find(StockflowMetrics.TOMBSTONES).counters());
    }

    private void addOutcome(final MeterRegistry registry, final String orderTopic, final String outcome) {
        events.put(outcome, counters(registry, StockflowMetrics.EVENTS, "outcome", outcome));
        orderEvents.put(outcome, List.copyOf(registry.find(StockflowMetrics.EVENTS).tag("topic", orderTopic)
                .tag("outcome", outcome).counters()));
    }

    private static List<Counter> counters(final MeterRegistry registry, final String name, final String tag,
                                          final String value) {
        return List.copyOf(registry.find(name).tag(tag, value).counters());
    }

    @Override
    public Totals get() {
        return new Totals(sums(events), sums(orderEvents), sum(snapshots), sum(tombstones), sums(deadLetters),
                latency(metrics.latencyBuckets()));
    }

    private static Map<String, Long> sums(final Map<String, List<Counter>> countersByKey) {
        final Map<String, Long> sums = new LinkedHashMap<>();
        countersByKey.forEach((key, counters) -> sums.put(key, sum(counters)));
        return sums;
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
