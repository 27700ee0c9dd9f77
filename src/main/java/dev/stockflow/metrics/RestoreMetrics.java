package dev.stockflow.metrics;

import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stockflow's own restoration meters, from {@link RestoreStatus} (changelog offsets), never from Kafka's
 * restore metrics, whose remaining count does not reach 0 under exactly-once up to Kafka 4.3.1:
 * <ul>
 *   <li>{@code stockflow_restore_remaining_records{store,topic,partition}}: per changelog partition of a store
 *       of this instance, the changelog offsets left to restore (an upper bound on the records); 0 once the
 *       partition is restored; the series goes away when its task moves off the instance mid-restore;</li>
 *   <li>{@code stockflow_restore_records_total}: records restored into state stores since the process started.</li>
 * </ul>
 * The partitions come and go with task assignment, so the gauges are rewritten from one status before each
 * scrape ({@link #refresh()}) instead of being registered one by one from Kafka's threads.
 */
public final class RestoreMetrics {

    public static final String REMAINING = "stockflow.restore.remaining.records";
    public static final String RESTORED = "stockflow.restore.records";

    private final Supplier<RestoreStatus> status;
    private final MultiGauge remaining;
    private volatile RestoreStatus latest = RestoreStatus.IDLE;

    public RestoreMetrics(final MeterRegistry registry, final Supplier<RestoreStatus> status) {
        this.status = status;
        this.remaining = MultiGauge.builder(REMAINING)
                .description("Changelog records left to restore per store partition (from changelog offsets)")
                .register(registry);
        FunctionCounter.builder(RESTORED, this, metrics -> metrics.latest.totalRestoredRecords())
                .description("Records restored into state stores from their changelogs")
                .register(registry);
    }

    /** Takes the current status into the meters; synchronized, since scrapes may run concurrently. */
    public synchronized void refresh() {
        latest = status.get();
        final List<MultiGauge.Row<?>> rows = latest.partitions().stream()
                .<MultiGauge.Row<?>>map(partition -> MultiGauge.Row.of(tags(partition), partition.remainingRecords()))
                .toList();
        remaining.register(rows, true);
    }

    private static Tags tags(final PartitionProgress partition) {
        return Tags.of("store", partition.store(), "topic", partition.topic(),
                "partition", Integer.toString(partition.partition()));
    }
}
