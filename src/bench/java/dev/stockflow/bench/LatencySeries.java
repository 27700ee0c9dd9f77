package dev.stockflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies per second of event time, to see how they develop over a latency run (warm-up, stalls,
 * a backlog that grows): written as CSV, one line per second. Not thread-safe.
 */
final class LatencySeries {

    private final Map<Long, LatencyHistogram> bySecond = new TreeMap<>();

    void record(final long eventTimeMillis, final long latencyMillis) {
        bySecond.computeIfAbsent(eventTimeMillis / 1000, ignored -> new LatencyHistogram()).record(latencyMillis);
    }

    /** Writes {@code second,snapshots,p50Ms,p99Ms,maxMs}, seconds counted from {@code measuredFrom} (negative: warm-up). */
    void write(final Path file, final long measuredFromMillis) {
        final StringBuilder csv = new StringBuilder("second,snapshots,p50Ms,p99Ms,maxMs\n");
        bySecond.forEach((second, histogram) -> csv.append(second - measuredFromMillis / 1000).append(',')
                .append(histogram.count()).append(',').append(histogram.percentile(0.5)).append(',')
                .append(histogram.percentile(0.99)).append(',').append(histogram.max()).append('\n'));
        try {
            Files.writeString(file, csv);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
