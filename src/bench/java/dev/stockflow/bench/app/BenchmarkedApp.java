package dev.stockflow.bench.app;

import java.util.Map;

/** One application the harness measures, running in this JVM. */
interface BenchmarkedApp extends AutoCloseable {

    /** The wall-clock time (epoch ms) at which it could start processing, or 0 while it cannot yet. */
    long runningSince();

    /**
     * When every one of {@code expected} input records has been handled, the wall-clock time (epoch ms)
     * at which that happened; otherwise -1.
     */
    long completedAt(long expected);

    /** The application's own counters, for the report. */
    Map<String, Object> counters();

    /** Stops cleanly: commits what it has processed. */
    @Override
    void close();
}
