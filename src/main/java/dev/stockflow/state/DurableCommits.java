package dev.stockflow.state;

import java.lang.reflect.Field;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.internals.RocksDBStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the commits of a transactional RocksDB store survive a crash of the process (kill -9), so that a restart
 * restores only the changelog records written after the last commit.
 *
 * <p>Why it is needed (Kafka Streams 4.4): with {@code enable.transactional.statestores}, Kafka's RocksDB store
 * writes each commit (data, changelog offsets, position) as one atomic batch, but with RocksDB's write-ahead log
 * switched off. A commit reaches disk only when RocksDB flushes its memtables (once 16 MB have filled) or when the
 * store closes; nothing flushes on commit. After a kill -9 a store holds what its last flush held, and a store that
 * never flushed holds no committed offset at all: Kafka Streams then restores it from the start of its changelog.
 * With the write-ahead log on, RocksDB replays the committed batches when it reopens, so it comes back exactly at
 * its last commit. Each batch is only appended to the log, not synced: that survives the process, not the machine.
 *
 * <p>Kafka offers no setting for it, so this switches the log on in the store's write options after it opened
 * (the options are private to the store; {@code DurableCommitsTest} pins them, so a Kafka upgrade that moves them
 * fails the build). Without transactional state stores nothing changes: there, Kafka Streams wipes a store after a
 * crash under exactly-once whatever RocksDB kept.
 */
final class DurableCommits {

    private static final Logger LOG = LoggerFactory.getLogger(DurableCommits.class);
    private static final String WRITE_OPTIONS_FIELD = "wOptions";

    private DurableCommits() {
    }

    /**
     * Switches on RocksDB's write-ahead log for the RocksDB store inside {@code store}, if transactional state stores
     * are enabled; call it each time the store has been initialised (every init opens RocksDB anew).
     *
     * @return whether the log is on for this store
     */
    static boolean keepAcrossCrashes(final StateStore store, final StateStoreContext context) {
        if (!Boolean.parseBoolean(String.valueOf(
                context.appConfigs().get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG)))) {
            return false;
        }
        final StateStore innermost = innermost(store);
        if (!(innermost instanceof RocksDBStore)) {
            return false; // in memory: nothing on disk to keep
        }
        try {
            writeOptions((RocksDBStore) innermost).setDisableWAL(false);
            return true;
        } catch (final ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not switch on RocksDB's write-ahead log for store {}: after a crash it restores its "
                    + "changelog from its last flush ({})", store.name(), e.toString());
            return false;
        }
    }

    /** Whether RocksDB's write-ahead log is on for the RocksDB store inside {@code store}. */
    static boolean isOn(final StateStore store) throws ReflectiveOperationException {
        final StateStore innermost = innermost(store);
        return innermost instanceof RocksDBStore && !writeOptions((RocksDBStore) innermost).disableWAL();
    }

    private static StateStore innermost(final StateStore store) {
        StateStore current = store;
        while (current instanceof WrappedStateStore) {
            current = ((WrappedStateStore<?, ?, ?>) current).wrapped();
        }
        return current;
    }

    private static WriteOptions writeOptions(final RocksDBStore store) throws ReflectiveOperationException {
        final Field field = RocksDBStore.class.getDeclaredField(WRITE_OPTIONS_FIELD);
        field.setAccessible(true);
        return (WriteOptions) field.get(store);
    }
}
