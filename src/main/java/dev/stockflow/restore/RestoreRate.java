package dev.stockflow.restore;

import java.util.concurrent.TimeUnit;

/**
 * The recent restore rate of one store, in changelog offsets per second, over a sliding window of
 * {@link #WINDOW_NANOS}.
 *
 * <p>Why a window: a lifetime average hides a restore that slows down (RocksDB compactions, a busy broker) and
 * a single batch is noise. How: after each batch the count of offsets passed so far is remembered with its
 * time, at most one sample per {@link #SPACING_NANOS}, in a small ring that spans more than the window. The
 * rate at time {@code t} is (offsets passed by {@code t} - offsets passed at the newest sample at least one
 * window old) / (the time between them); before the restore has run a whole window, the base is its first
 * sample. Measuring up to {@code t}, not up to the last batch, makes a stalled restore's rate fall towards 0
 * (and its estimate of the time left become unknown) instead of freezing at its last good value.
 *
 * <p>Offsets rather than records, because what remains is counted in offsets: the time left is remaining
 * offsets over offsets per second, right even where markers or compaction leave gaps between records.
 *
 * <p>Not thread-safe: {@link RestoreTracker} guards it.
 */
final class RestoreRate {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Below this much time since the first sample there is no meaningful rate yet. */
    static final long MIN_ELAPSED_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** 32 samples half a second apart span 15.5 s, more than the window. */
    private static final int CAPACITY = 32;

    private final long[] times = new long[CAPACITY];
    private final long[] passed = new long[CAPACITY];
    private int newest = -1;
    private int count;
    private long total;

    /** A new restore of the store begins after a pause: forget the old samples, keep counting. */
    void restart(final long nowNanos) {
        count = 0;
        newest = -1;
        sample(nowNanos);
    }

    /** A batch moved the store's restoration {@code offsets} further. */
    void advance(final long nowNanos, final long offsets) {
        total += offsets;
        if (count == 0 || nowNanos - times[newest] >= SPACING_NANOS) {
            sample(nowNanos);
        }
    }

    /** Offsets per second at {@code nowNanos}; NaN until the first sample is old enough to measure from. */
    double perSecond(final long nowNanos) {
        if (count == 0) {
            return Double.NaN;
        }
        int base = newest;
        for (int i = 1; i < count && nowNanos - times[base] < WINDOW_NANOS; i++) {
            base = (newest - i + CAPACITY) % CAPACITY;
        }
        final long elapsed = nowNanos - times[base];
        if (elapsed < MIN_ELAPSED_NANOS) {
            return Double.NaN;
        }
        return (total - passed[base]) * 1e9 / elapsed;
    }

    private void sample(final long nowNanos) {
        newest = (newest + 1) % CAPACITY;
        times[newest] = nowNanos;
        passed[newest] = total;
        count = Math.min(count + 1, CAPACITY);
    }
}
