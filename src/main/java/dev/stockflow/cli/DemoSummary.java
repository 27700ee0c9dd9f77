package dev.stockflow.cli;

import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Reads the processor's counters and formats the demo's one-line summaries. */
final class DemoSummary {

    private final MeterRegistry registry;
    private long lastEvents;
    private long lastNanos = System.nanoTime();

    DemoSummary(final MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every input record the processor has handled, valid or not. */
    long eventsProcessed() {
        return (long) sum(StockflowMetrics.EVENTS, null);
    }

    /** One line: the rate since the previous line, then the totals. */
    String line() {
        final long events = eventsProcessed();
        final long now = System.nanoTime();
        final double rate = (events - lastEvents) / Math.max((now - lastNanos) / 1e9, 1e-3);
        lastEvents = events;
        lastNanos = now;
        return format(rate, events);
    }

    /** The final line: the average rate over the whole run, then the totals. */
    String totals(final long elapsedNanos) {
        final long events = eventsProcessed();
        return format(events / Math.max(elapsedNanos / 1e9, 1e-3), events) + " (average rate)";
    }

    private String format(final double rate, final long events) {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%,9.0f events/s | %,d events:", rate,
                events));
        for (final Outcome outcome : Outcome.values()) {
            out.append(' ').append(outcome.label()).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", (long) sum(StockflowMetrics.EVENTS, outcome.label())));
        }
        out.append(String.format(Locale.ROOT, " invalid %,d | snapshots %,d | tombstones %,d | DLQ %,d",
                (long) sum(StockflowMetrics.EVENTS, StockflowMetrics.INVALID_OUTCOME),
                (long) sum(StockflowMetrics.SNAPSHOTS, null), (long) sum(StockflowMetrics.TOMBSTONES, null),
                (long) sum(StockflowMetrics.DLQ, null)));
        return out.toString();
    }

    private double sum(final String name, final String outcome) {
        var search = registry.find(name);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
