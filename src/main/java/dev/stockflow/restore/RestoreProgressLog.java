package dev.stockflow.restore;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs restoration progress while any store restores: one line per restoring store as soon as a restoration
 * is seen, then every {@link #INTERVAL}, with its partitions, records restored and remaining, rate and
 * estimate of the time left.
 *
 * <p>It runs on a thread of its own rather than in the restore callbacks, so that a restore that stalls (no
 * batches, hence no callbacks) still shows up in the log, with its rate falling and its estimate unknown.
 */
public final class RestoreProgressLog implements AutoCloseable {

    /** At most this long between two progress lines of a restoration. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgressLog.class);
    private static final long NEVER = Long.MIN_VALUE;

    private final Supplier<RestoreStatus> status;
    private final LongSupplier nanoClock;
    /** Due a little early, so that jitter of the fixed-rate ticks never stretches the interval by a tick. */
    private final long dueAfterNanos = INTERVAL.minus(TICK.dividedBy(2)).toNanos();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "stockflow-restore-progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastLineNanos = NEVER;

    RestoreProgressLog(final Supplier<RestoreStatus> status, final LongSupplier nanoClock) {
        this.status = status;
        this.nanoClock = nanoClock;
    }

    /** Starts logging the progress of the restorations {@code status} reports, checking every second. */
    public static RestoreProgressLog start(final Supplier<RestoreStatus> status) {
        final RestoreProgressLog log = new RestoreProgressLog(status, System::nanoTime);
        log.ticks.scheduleAtFixedRate(log::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return log;
    }

    /** One check: logs the progress lines when due. Never throws, which would end the schedule. */
    void tick() {
        try {
            final RestoreStatus now = status.get();
            if (!now.restoring()) {
                lastLineNanos = NEVER;
                return;
            }
            final long time = nanoClock.getAsLong();
            if (lastLineNanos == NEVER || time - lastLineNanos >= dueAfterNanos) {
                lastLineNanos = time;
                now.stores().forEach(RestoreProgressLog::log);
            }
        } catch (final RuntimeException e) {
            LOG.warn("Could not log the restoration progress", e);
        }
    }

    private static void log(final StoreProgress store) {
        LOG.info("Restoring store {}: {} of {} partition(s) restoring, {} records restored, {} remaining, "
                        + "{} records/s, ETA {}", store.store(), store.restoringPartitions(), store.partitions().size(),
                store.restoredRecords(), store.remainingRecords(), rate(store.recordsPerSecond()),
                eta(store.etaSeconds()));
    }

    private static String rate(final double perSecond) {
        return Double.isNaN(perSecond) ? "unknown" : Long.toString(Math.round(perSecond));
    }

    private static String eta(final OptionalLong seconds) {
        return seconds.isPresent() ? seconds.getAsLong() + " s" : "unknown";
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
