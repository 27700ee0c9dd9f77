package dev.stockflow.status;

import java.util.List;
import java.util.Optional;

/**
 * Everything the status page shows, as sampled at one moment ({@link StatusSampler}).
 *
 * @param instance          this instance as other instances reach it ({@code application.server})
 * @param state             Kafka Streams' state
 * @param time              when the figures were sampled, epoch milliseconds
 * @param rateWindowSeconds the span the {@code rates} are averaged over
 * @param rates             per second over the last {@code rateWindowSeconds}
 * @param totals            since the process started
 * @param lag               this instance's consumer lag per input partition it consumes, by topic and partition
 * @param restoration       where state restoration stands; empty when nothing tracks it
 * @param latency           snapshot latency percentiles over the last minute
 * @param history           one point per sample, oldest first, for the chart
 */
public record StatusReport(String instance, String state, long time, double rateWindowSeconds, Rates rates,
                           Totals totals, List<PartitionLag> lag, Optional<RestorationFigures> restoration,
                           LatencyFigures latency, List<HistoryPoint> history) {

    public StatusReport {
        lag = List.copyOf(lag);
        history = List.copyOf(history);
    }

    /** The consumer lag of every input partition this instance consumes, added up. */
    public long totalLag() {
        return totalLag(lag);
    }

    static long totalLag(final List<PartitionLag> partitions) {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }
}
