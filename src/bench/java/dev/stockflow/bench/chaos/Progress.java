package dev.stockflow.bench.chaos;

import dev.stockflow.bench.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How far Stockflow is, seen from the broker as an operator sees it: the consumer group's committed input
 * offsets against the input partitions' end offsets, and the application's open transactions. Under
 * exactly_once_v2 the offsets commit in the same transaction as the snapshots, so committed offsets moving
 * means processing took effect.
 */
final class Progress {

    private final Cluster cluster;
    private final String group;
    private final List<String> inputTopics;

    /** What was left to do at one moment: uncommitted input records, and transactions open. */
    record WorkLeft(long lag, int openTransactions) {
    }

    Progress(final Cluster cluster, final String group, final List<String> inputTopics) {
        this.cluster = cluster;
        this.group = group;
        this.inputTopics = inputTopics;
    }

    /** The sum of the group's committed offsets over the input partitions. */
    long committed() {
        return cluster.committedOffsets(group).entrySet().stream()
                .filter(entry -> inputTopics.contains(entry.getKey().topic()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Input records not committed yet (a kill now throws their processing away), and how many of the
     * application's transactions are open (a kill now lands inside them).
     */
    WorkLeft workLeft() {
        final long lag = cluster.lag(group, inputTopics).values().stream().mapToLong(Long::longValue).sum();
        return new WorkLeft(lag, cluster.openTransactions(group + "-").size());
    }

    /**
     * Waits until the committed offsets pass {@code baseline}, i.e. Stockflow committed processed input;
     * returns when it saw that (epoch ms).
     *
     * @param alive false when waiting is pointless (the instance died)
     */
    long awaitCommittedAbove(final long baseline, final Duration timeout, final BooleanSupplier alive) {
        return Pause.until(() -> committed() > baseline, timeout, alive, () -> "Stockflow committed input");
    }

    /** Waits until every input record is committed as processed. */
    void awaitDrained(final Duration timeout, final BooleanSupplier alive) {
        Pause.until(() -> cluster.lag(group, inputTopics).values().stream().allMatch(left -> left == 0), timeout,
                alive, () -> "Stockflow processed all input; left per partition: " + cluster.lag(group, inputTopics));
    }
}
