package dev.stockflow.bench.chaos;

import java.util.Arrays;

/** What a chaos run does: which guarantee it holds Stockflow to, with how many instances, doing what. */
enum ChaosMode {

    /** One instance under exactly_once_v2, killed again and again, the broker too: nothing lost, nothing twice. */
    EOS("eos", "exactly_once_v2", 1, 0),
    /** The control: the same faults under at_least_once. The final state must be right; duplicates are counted. */
    ALOS("alos", "at_least_once", 1, 0),
    /** Two instances with a standby each; one is killed: how soon the survivor takes over its partitions. */
    FAILOVER("failover", "exactly_once_v2", 2, 1),
    /** One instance, and a second one started in the middle of the run: the tasks move, nothing lost or twice. */
    SCALE_OUT("scale-out", "exactly_once_v2", 2, 0);

    private final String id;
    private final String guarantee;
    private final int instances;
    private final int standbyReplicas;

    ChaosMode(final String id, final String guarantee, final int instances, final int standbyReplicas) {
        this.id = id;
        this.guarantee = guarantee;
        this.instances = instances;
        this.standbyReplicas = standbyReplicas;
    }

    String id() {
        return id;
    }

    /** Stockflow's {@code processing.guarantee} in this mode. */
    String guarantee() {
        return guarantee;
    }

    boolean exactlyOnce() {
        return "exactly_once_v2".equals(guarantee);
    }

    int instances() {
        return instances;
    }

    int standbyReplicas() {
        return standbyReplicas;
    }

    static ChaosMode byId(final String id) {
        return Arrays.stream(values()).filter(mode -> mode.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode " + id + "; one of "
                        + Arrays.stream(values()).map(ChaosMode::id).toList()));
    }
}
