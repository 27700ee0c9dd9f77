package dev.stockflow.bench;

import java.util.Map;

/**
 * The figures of one run of one case.
 *
 * @param seconds          from the application's READY to all input handled and committed
 * @param appCpuSeconds    the application's CPU time over the same window
 * @param brokerCpuSeconds the broker's CPU time over the same window
 * @param appPeakRssBytes  the application's peak resident set size (whole life, JVM start included)
 * @param recordsWritten   records the application wrote to its output topic, by its own count: snapshots
 *                         and tombstones, or copies (the topic is compacted, so reading it back gives fewer)
 * @param tombstones       tombstones among them
 * @param check            how its final snapshots compare with the expected ones; null for the passthrough
 * @param correct          whether its output is right (all final snapshots have the expected values, or
 *                         every input record was copied)
 * @param initialSeconds   scale runs: the part of {@code seconds} spent on the initial stock feed, else null
 * @param counters         the application's own counters
 */
record RunResult(String caseId, int repetition, long records, double seconds, double appCpuSeconds,
                 double brokerCpuSeconds, long appPeakRssBytes, long recordsWritten, long tombstones,
                 SnapshotCheck check, boolean correct, Double initialSeconds, long stateBytes,
                 Map<String, Object> counters) {

    double eventsPerSecond() {
        return records / seconds;
    }

    /** Scale runs: events per second over the workload after the initial stock feed. */
    Double steadyEventsPerSecond(final long steadyRecords) {
        return initialSeconds == null ? null : steadyRecords / (seconds - initialSeconds);
    }
}
