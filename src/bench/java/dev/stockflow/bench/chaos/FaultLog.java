package dev.stockflow.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;

/** The faults of one run, as they happened, and what they cost. */
final class FaultLog {

    private final List<AppKill> kills = new ArrayList<>();
    private final List<BrokerRestart> brokerRestarts = new ArrayList<>();

    /**
     * One SIGKILL of a Stockflow instance and its restart.
     *
     * @param instance         which instance
     * @param at               when it was killed (epoch ms)
     * @param lag              input records not committed at that moment (work the kill threw away)
     * @param openTransactions the application's transactions open at that moment
     * @param activeMs         from the restarted process's start to restoring or processing
     * @param runningMs        from the same start to Kafka Streams RUNNING
     * @param committingMs     from the same start to its first commit of input offsets seen
     * @param restoredRecords  changelog records the restarted instance restored until then (all of its state
     *                         when the crash wiped it; only the tail since its last commit when it did not)
     */
    record AppKill(String instance, long at, long lag, int openTransactions, long activeMs, long runningMs,
                   long committingMs, long restoredRecords) {

        boolean withWorkLeft() {
            return lag > 0;
        }
    }

    /**
     * One SIGKILL of the broker and its restart on the same data directory and ports.
     *
     * @param at           when it was killed (epoch ms)
     * @param downMs       until it served clients again
     * @param committingMs from then until Stockflow committed input offsets again, without being restarted
     */
    record BrokerRestart(long at, long downMs, long committingMs) {
    }

    void add(final AppKill kill) {
        kills.add(kill);
    }

    void add(final BrokerRestart restart) {
        brokerRestarts.add(restart);
    }

    List<AppKill> kills() {
        return List.copyOf(kills);
    }

    List<BrokerRestart> brokerRestarts() {
        return List.copyOf(brokerRestarts);
    }

    long killsWithWorkLeft() {
        return kills.stream().filter(AppKill::withWorkLeft).count();
    }

    long killsInsideTransactions() {
        return kills.stream().filter(kill -> kill.openTransactions() > 0).count();
    }

    /** The median and the maximum of a figure over the kills: {p50, max}, or null without kills. */
    long[] killFigure(final ToLongFunction<AppKill> figure) {
        return p50AndMax(kills.stream().mapToLong(figure));
    }

    /** The same over the broker restarts. */
    long[] brokerFigure(final ToLongFunction<BrokerRestart> figure) {
        return p50AndMax(brokerRestarts.stream().mapToLong(figure));
    }

    /** {p50 (the lower median), max}, or null for no values. */
    static long[] p50AndMax(final LongStream values) {
        final long[] sorted = values.sorted().toArray();
        return sorted.length == 0 ? null : new long[] {sorted[(sorted.length - 1) / 2], sorted[sorted.length - 1]};
    }
}
