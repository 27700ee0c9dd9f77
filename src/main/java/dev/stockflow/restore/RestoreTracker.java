package dev.stockflow.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stockflow's own account of state restoration: Kafka Streams' global restore listener, keeping the progress
 * of every (store, changelog partition) of this instance's active tasks from the changelog offsets the
 * callbacks carry, and handing out an immutable {@link RestoreStatus} to the readiness check, the metrics and
 * the progress log. Kafka's own restore metrics are not used: up to 4.3.1 their remaining count never reached
 * 0 under exactly-once (KAFKA-20711) and their rate counted batches, not records (KAFKA-20877).
 *
 * <p>Kafka Streams calls the listener from its state updater threads (one per stream thread), while HTTP and
 * metrics threads read it, so every access holds this object's lock. Callbacks only update a map entry and a
 * few counters under it and log a line at the start and the end of a partition's restoration: they block
 * restoration, so they are kept cheap. They never throw either, since an exception in a restore listener
 * fails the state updater: anything unexpected is logged and the callback returns.
 *
 * <p>A partition is tracked from its {@code onRestoreStart} (which resets it when it comes back) until
 * {@code onRestoreSuspended} (its task moved away while restoring) removes it; once restored it stays with
 * nothing remaining. Standby tasks are not tracked: Kafka Streams does not call a restore listener for them,
 * and they do not make an instance unready.
 */
public final class RestoreTracker implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreTracker.class);
    private static final Comparator<PartitionProgress> ORDER = Comparator.comparing(PartitionProgress::store)
            .thenComparing(PartitionProgress::topic).thenComparingInt(PartitionProgress::partition);

    private final LongSupplier nanoClock;
    private final Map<Changelog, ChangelogRestore> partitions = new HashMap<>();
    private final Map<String, StoreRestoration> stores = new HashMap<>();
    private long totalRestored;

    /** The key of a tracked partition: a store and its changelog partition. */
    private record Changelog(String store, TopicPartition partition) {
    }

    /**
     * A store's restorations: the current one begins when a partition of the store starts restoring while none is,
     * and takes in every partition that starts before the store has none restoring again.
     */
    private static final class StoreRestoration {
        private final RestoreRate rate = new RestoreRate();
        private int current;

        int begin(final long nowNanos) {
            rate.restart(nowNanos);
            return ++current;
        }
    }

    public RestoreTracker() {
        this(System::nanoTime);
    }

    /** @param nanoClock the time in nanoseconds, as {@link System#nanoTime()} (tests pass their own) */
    RestoreTracker(final LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void onRestoreStart(final TopicPartition topicPartition, final String storeName, final long startingOffset,
                               final long endingOffset) {
        try {
            final ChangelogRestore restore = started(new Changelog(storeName, topicPartition), startingOffset,
                    endingOffset);
            if (restore.hadWork()) {
                LOG.info("Restoring store {} from changelog partition {}: offsets {} to {}, {} records at most",
                        storeName, topicPartition, startingOffset, endingOffset, restore.remainingRecords());
            } else {
                LOG.debug("Store {} is up to date with changelog partition {} at offset {}", storeName,
                        topicPartition, endingOffset);
            }
        } catch (final RuntimeException e) {
            LOG.warn("Could not track the restoration of store {} from {}", storeName, topicPartition, e);
        }
    }

    /** A partition (re)starts restoring: it joins its store's current restoration, or begins a new one. */
    private synchronized ChangelogRestore started(final Changelog changelog, final long startOffset,
                                                  final long endOffset) {
        final long now = nanoClock.getAsLong();
        final StoreRestoration store = stores.computeIfAbsent(changelog.store(), name -> new StoreRestoration());
        partitions.remove(changelog);
        final int restoration = restoring(changelog.store()) ? store.current : store.begin(now);
        final ChangelogRestore restore = new ChangelogRestore(startOffset, endOffset, now, restoration);
        partitions.put(changelog, restore);
        return restore;
    }

    @Override
    public void onBatchRestored(final TopicPartition topicPartition, final String storeName, final long batchEndOffset,
                                final long numRestored) {
        try {
            batchRestored(new Changelog(storeName, topicPartition), batchEndOffset, numRestored);
        } catch (final RuntimeException e) {
            LOG.warn("Could not track a restored batch of store {} from {}", storeName, topicPartition, e);
        }
    }

    private synchronized void batchRestored(final Changelog changelog, final long batchEndOffset,
                                            final long records) {
        final ChangelogRestore restore = partitions.get(changelog);
        if (restore != null) {
            final long moved = restore.batchRestored(batchEndOffset, records);
            stores.get(changelog.store()).rate.advance(nanoClock.getAsLong(), moved);
        }
        totalRestored += records;
    }

    @Override
    public void onRestoreEnd(final TopicPartition topicPartition, final String storeName, final long totalRestored) {
        try {
            final ChangelogRestore restore = ended(new Changelog(storeName, topicPartition), totalRestored);
            if (restore != null && restore.hadWork()) {
                LOG.info("Restored store {} from changelog partition {}: {} records in {} ms", storeName,
                        topicPartition, totalRestored,
                        TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - restore.startedNanos()));
            }
        } catch (final RuntimeException e) {
            LOG.warn("Could not track the end of the restoration of store {} from {}", storeName, topicPartition, e);
        }
    }

    private synchronized ChangelogRestore ended(final Changelog changelog, final long totalRestored) {
        final ChangelogRestore restore = partitions.get(changelog);
        if (restore != null) {
            restore.ended(totalRestored);
        }
        return restore;
    }

    @Override
    public void onRestoreSuspended(final TopicPartition topicPartition, final String storeName,
                                   final long totalRestored) {
        try {
            suspended(new Changelog(storeName, topicPartition));
            LOG.info("Restoration of store {} from changelog partition {} suspended after {} records: its task "
                    + "moved away", storeName, topicPartition, totalRestored);
        } catch (final RuntimeException e) {
            LOG.warn("Could not track the suspension of store {} from {}", storeName, topicPartition, e);
        }
    }

    private synchronized void suspended(final Changelog changelog) {
        partitions.remove(changelog);
    }

    /** Where restoration stands now. */
    public synchronized RestoreStatus status() {
        final List<PartitionProgress> views = new ArrayList<>(partitions.size());
        final Map<String, List<PartitionProgress>> current = new TreeMap<>();
        partitions.forEach((changelog, restore) -> {
            final PartitionProgress view = restore.view(changelog.store(), changelog.partition().topic(),
                    changelog.partition().partition());
            views.add(view);
            if (restore.restoration() == stores.get(changelog.store()).current) {
                current.computeIfAbsent(changelog.store(), store -> new ArrayList<>()).add(view);
            }
        });
        views.sort(ORDER);
        return new RestoreStatus(views, restoringStores(current), totalRestored);
    }

    /**
     * The current restorations of the stores that still have a partition restoring (a partition always restores
     * within its store's current restoration: a new one begins only when none restores).
     */
    private List<StoreProgress> restoringStores(final Map<String, List<PartitionProgress>> current) {
        final long now = nanoClock.getAsLong();
        final List<StoreProgress> restoring = new ArrayList<>(current.size());
        current.forEach((store, views) -> {
            if (views.stream().anyMatch(PartitionProgress::restoring)) {
                views.sort(ORDER);
                restoring.add(new StoreProgress(store, views, stores.get(store).rate.perSecond(now)));
            }
        });
        return restoring;
    }

    private boolean restoring(final String store) {
        return partitions.entrySet().stream()
                .anyMatch(entry -> entry.getKey().store().equals(store) && entry.getValue().restoring());
    }
}
