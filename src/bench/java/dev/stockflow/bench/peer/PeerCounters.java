package dev.stockflow.bench.peer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far records have got through the peer's stages, so that the benchmark can tell when it is done:
 * every input record read, every slot update applied, every offer change applied, and nothing moved
 * for a while (the slot table's cache forwards its records at commits).
 */
public final class PeerCounters {

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong slotUpdatesSent = new AtomicLong();
    private final AtomicLong slotUpdatesApplied = new AtomicLong();
    private final AtomicLong offerChangesSent = new AtomicLong();
    private final AtomicLong offerChangesApplied = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong tombstones = new AtomicLong();
    private volatile long lastActivity;

    void recordConsumed() {
        consumed.incrementAndGet();
    }

    void slotUpdateSent() {
        slotUpdatesSent.incrementAndGet();
    }

    <T> T slotUpdateApplied(final T aggregate) {
        slotUpdatesApplied.incrementAndGet();
        lastActivity = System.currentTimeMillis();
        return aggregate;
    }

    void offerChangeSent() {
        offerChangesSent.incrementAndGet();
    }

    <T> T offerChangeApplied(final T aggregate) {
        offerChangesApplied.incrementAndGet();
        lastActivity = System.currentTimeMillis();
        return aggregate;
    }

    void emitted(final Object snapshot) {
        (snapshot == null ? tombstones : snapshots).incrementAndGet();
    }

    public long snapshots() {
        return snapshots.get();
    }

    public long tombstones() {
        return tombstones.get();
    }

    public long consumed() {
        return consumed.get();
    }

    /** True when every update sent to a stage has been applied there. */
    public boolean stagesCaughtUp() {
        return slotUpdatesApplied.get() == slotUpdatesSent.get() && offerChangesApplied.get() == offerChangesSent.get();
    }

    /** When a stage last applied something (epoch ms). */
    public long lastActivity() {
        return lastActivity;
    }

    public long offerChangesApplied() {
        return offerChangesApplied.get();
    }

    public long slotUpdatesApplied() {
        return slotUpdatesApplied.get();
    }
}
