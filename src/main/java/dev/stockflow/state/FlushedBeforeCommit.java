package dev.stockflow.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * One of the two places where Stockflow relies on Kafka Streams internals (the other is {@link DurableCommits}):
 * a store with a write-back cache must
 * have it written to the store (and so to the changelog) before the task commits, in the same transaction
 * as the snapshots and input offsets of that commit.
 *
 * <p>Kafka Streams has no public hook for that. Before every commit, {@code StreamTask.prepareCommit} calls
 * {@code ProcessorStateManager.flushCache()}, which calls {@link CachedStateStore#flushCache()} on each
 * registered store that implements the internal {@link CachedStateStore} interface; that is how its own
 * caching stores work. {@link StateStore#commit} is no substitute: under exactly-once Kafka Streams calls it
 * only when it writes a checkpoint, after the transaction has committed. When a task is recycled (active
 * to standby and back) it calls {@link CachedStateStore#clearCache()}.
 *
 * <p>{@code FlushedBeforeCommitTest} pins this contract, so a Kafka upgrade that changes it fails the build.
 */
abstract class FlushedBeforeCommit implements StateStore, CachedStateStore<Bytes, byte[]> {

    /** Writes every entry changed since the last call to the inner store; runs before each commit. */
    protected abstract void writeBack();

    /** Forgets every cached entry: the inner store may change underneath (restoration after a recycle). */
    protected abstract void forgetCached();

    @Override
    public final void flushCache() {
        writeBack();
    }

    @Override
    public final void clearCache() {
        forgetCached();
    }

    /** Nothing is forwarded on a flush: snapshots are emitted when events are processed. */
    @Override
    public final boolean setFlushListener(final CacheFlushListener<Bytes, byte[]> listener,
                                          final boolean sendOldValues) {
        return false;
    }
}
