package dev.stockflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.restore.StoreProgress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Restoration progress as Prometheus series: names, labels and values from Stockflow's own count. */
class RestoreMetricsTest {

    private static final String CHANGELOG = "app-offer-state-changelog";

    private final MetricsRegistry registry = new MetricsRegistry();
    private final AtomicReference<RestoreStatus> status = new AtomicReference<>(RestoreStatus.IDLE);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldExportTheRestoredCountAndNoPartitionBeforeAnyRestoration() {
        // Given
        registry.bindRestore(status::get);

        // When
        final String scrape = registry.scrape();

        // Then
        assertThat(scrape).contains("stockflow_restore_records_total 0.0")
                .doesNotContain("stockflow_restore_remaining_records{");
    }

    @Test
    void shouldExportWhatRemainsPerStorePartition() {
        // Given
        registry.bindRestore(status::get);
        status.set(restoring(600, 400, 350));

        // When
        final String scrape = registry.scrape();

        // Then
        assertThat(scrape)
                .contains("# TYPE stockflow_restore_remaining_records gauge")
                .contains("stockflow_restore_remaining_records{partition=\"0\",store=\"offer-state\",topic=\""
                        + CHANGELOG + "\"} 400.0")
                .contains("stockflow_restore_remaining_records{partition=\"1\",store=\"offer-state\",topic=\""
                        + CHANGELOG + "\"} 0.0")
                .contains("# TYPE stockflow_restore_records_total counter")
                .contains("stockflow_restore_records_total 950.0");
    }

    @Test
    void shouldFollowTheRestorationToZeroAndDropAPartitionThatMovedAway() {
        // Given
        registry.bindRestore(status::get);
        status.set(restoring(600, 400, 350));
        registry.scrape();

        // When: partition 0 restored, partition 1 moved to another instance
        status.set(new RestoreStatus(List.of(
                new PartitionProgress("offer-state", CHANGELOG, 0, 1_000, 0, false)), List.of(), 1_350));
        final String scrape = registry.scrape();

        // Then
        assertThat(scrape)
                .contains("stockflow_restore_remaining_records{partition=\"0\",store=\"offer-state\",topic=\""
                        + CHANGELOG + "\"} 0.0")
                .doesNotContain("stockflow_restore_remaining_records{partition=\"1\"")
                .contains("stockflow_restore_records_total 1350.0");
    }

    /** Partition 0 still restoring, partition 1 done. */
    private static RestoreStatus restoring(final long restored, final long remaining, final long doneRecords) {
        final List<PartitionProgress> partitions = List.of(
                new PartitionProgress("offer-state", CHANGELOG, 0, restored, remaining, true),
                new PartitionProgress("offer-state", CHANGELOG, 1, doneRecords, 0, false));
        return new RestoreStatus(partitions, List.of(new StoreProgress("offer-state", partitions, 100)),
                restored + doneRecords);
    }
}
