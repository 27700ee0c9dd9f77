package dev.stockflow.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offer state store: offers kept decoded in memory in front of the persistent, changelogged store
 * (RocksDB), and written back to it before every commit.
 *
 * <p>Why not Kafka Streams' record cache: it holds encoded bytes in a sorted tree, so every event paid a
 * tree lookup, a decode of the offer, an encode and a tree insert, which profiling showed to be most of
 * the processing time. Here an event costs a hash lookup and a copy of the decoded offer; each offer
 * changed since the last commit is encoded and written once, when Kafka Streams flushes the caches of a
 * task's stores ({@link FlushedBeforeCommit}), which it does before it flushes the producer and commits. So the
 * changelog, the snapshots and the input offsets of a commit still go out together, exactly once under
 * {@code exactly_once_v2}; it is the same contract Kafka Streams' own caching stores implement.
 *
 * <p>Copy on write: {@link #read} hands out a private copy for the processor to change, {@link #write}
 * installs it. A record whose processing throws therefore leaves the cached offer as it was, and an
 * installed offer is never changed again, which is what lets interactive queries read it from other
 * threads ({@link #offer}).
 *
 * <p>Memory: the decoded offers of all stores of the process share one budget ({@link OfferCacheBudget}),
 * split evenly among the stores being read (active tasks); over its share, a store writes back and drops
 * its least recently used offers. It checks at each read, so the budget holds within a few events of a
 * rebalance, and the sizes are estimates: a budget, not a hard limit.
 *
 * <p>Per event this is still one store read (on a cache miss) and at most one store write (at the
 * commit or eviction after it, fewer when an offer changes several times between commits).
 */
public final class OfferStore extends FlushedBeforeCommit implements ReadOnlyKeyValueStore<Bytes, byte[]>,
        ReadableOfferStore {

    private static final Logger LOG = LoggerFactory.getLogger(OfferStore.class);

    /** Bookkeeping per cached offer: map node, entry, key. */
    private static final long ENTRY_BYTES = 160;
    /**
     * Heap bytes of a decoded offer per byte of its encoded form (objects, headers and references against
     * varints), measured on typical offers; estimating from the encoded size costs nothing per event.
     */
    private static final int HEAP_BYTES_PER_ENCODED_BYTE = 6;
    /** The estimate for an offer not yet written back, until its first write-back measures it. */
    private static final long NEW_OFFER_BYTES = 2048;
    private static final Comparator<Entry> LEAST_RECENTLY_USED = Comparator.comparingLong(entry -> entry.lastUsed);

    private final KeyValueStore<Bytes, byte[]> inner;
    private final OfferCacheBudget budget;
    /** Concurrent only so that interactive queries may read it; the stream thread is its only writer. */
    private final Map<Bytes, Entry> entries = new ConcurrentHashMap<>();
    private final List<Entry> dirty = new ArrayList<>();
    /** For write-backs, which run on the stream thread only. */
    private final ByteWriter scratch = new ByteWriter(1024);
    /** The entry of the latest {@link #read}, so that the {@link #write} after it needs no second lookup. */
    private Entry lastRead;
    private long usedBytes;
    private long clock;
    /** Whether this store counts among those sharing the budget: it does once it has been read. */
    private boolean inBudget;

    public OfferStore(final KeyValueStore<Bytes, byte[]> inner, final OfferCacheBudget budget) {
        this.inner = inner;
        this.budget = budget;
    }

    /**
     * A copy of the offer's current state, to change and {@link #write} back; an empty offer when the
     * store holds none.
     */
    public StoredOffer read(final Bytes key) {
        if (!inBudget) { // counted from the first read: standby stores, which are never read, take no share
            budget.storeOpened();
            inBudget = true;
        }
        evictIfOverBudget(); // here only: the offer read is never dropped before it is written
        final Entry entry = cachedOrLoaded(key);
        entry.lastUsed = ++clock;
        lastRead = entry;
        return copyOf(entry.offer);
    }

    /**
     * Like {@link #read}, for a visitor that already holds the offer's bytes as last written back (a scan
     * of the inner store): answers from the cache when it holds the offer, and does not add it otherwise.
     */
    public StoredOffer readWithoutCaching(final Bytes key, final byte[] writtenBack) {
        final Entry entry = entries.get(key);
        return entry == null ? StoredOfferCodec.decode(writtenBack) : copyOf(entry.offer);
    }

    /** A private copy of an installed offer for the caller to change; an empty offer for none. */
    private static StoredOffer copyOf(final StoredOffer installed) {
        return installed == null ? new StoredOffer() : installed.copy();
    }

    /** Installs the offer's new state (deleting it when nothing is left); the caller must not change it any more. */
    public void write(final Bytes key, final StoredOffer offer) {
        Entry entry = lastRead != null && lastRead.key.equals(key) ? lastRead : entries.get(key);
        if (entry == null) { // written without a read (a scan of the written-back offers)
            entry = new Entry(key, null, NEW_OFFER_BYTES);
            entries.put(key, entry);
            usedBytes += entry.bytes;
        }
        entry.offer = offer.state().isEmpty() ? null : offer;
        entry.lastUsed = ++clock;
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
    }

    /** The offers of the inner store as last written back, for scans; see {@link #get} for the current one. */
    public KeyValueIterator<Bytes, byte[]> writtenBack(final Bytes from) {
        return inner.range(from, null);
    }

    /** Writes every offer changed since the last call to the inner store; called before each commit. */
    @Override
    protected void writeBack() {
        for (final Entry entry : dirty) {
            writeBack(entry);
        }
        dirty.clear();
    }

    /** Forgets every cached offer; Kafka Streams calls it when the inner store may change underneath. */
    @Override
    protected void forgetCached() {
        // Called when a task's store is recycled, e.g. from active to standby: a store that is not read
        // gives its share of the budget back until it is read again.
        if (inBudget) {
            budget.storeClosed();
            inBudget = false;
        }
        entries.clear();
        dirty.clear();
        lastRead = null;
        usedBytes = 0;
    }

    // ---- StateStore: the inner store's life cycle, with the cache emptied at both ends ----

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        forgetCached();
        inner.init(context, root);
        DurableCommits.keepAcrossCrashes(inner, context);
    }

    @Override
    public void commit(final Map<TopicPartition, Long> changelogOffsets) {
        if (!dirty.isEmpty()) {
            // Kafka Streams calls this after the commit (when it checkpoints): offers still dirty here missed the
            // flush before it, so under exactly-once they land in the next transaction, not with their snapshots.
            LOG.error("{} offers of store {} were not written back before the commit: Kafka Streams no longer "
                    + "flushes caches before committing (see FlushedBeforeCommit)", dirty.size(), name());
            writeBack();
        }
        inner.commit(changelogOffsets);
    }

    @Override
    public void close() {
        // Whatever is still dirty belongs to a task closed without a commit: it must not be written.
        forgetCached();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    /**
     * The store underneath keeps its changelog offsets itself (RocksDB does, beside the data), so Kafka Streams
     * does not wrap this store in its legacy checkpoint file. With transactional state stores that matters: a
     * checkpoint file is only written on a clean close, so after a crash the store would count as corrupted and
     * be wiped and restored in full. (Deprecated in Kafka because every store is to manage its offsets one day;
     * until then Kafka Streams asks.)
     */
    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public Long committedOffset(final TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    /** What the store underneath holds uncommitted, so that a transactional store can ask for an early commit. */
    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    // ---- ReadableOfferStore: interactive queries, from any thread ----

    /**
     * The offer's current state: the installed offer itself when cached (installed offers are never changed,
     * so sharing it is safe), else decoded from the store underneath; null when there is none.
     */
    @Override
    public StoredOffer offer(final Bytes key) {
        final Entry entry = entries.get(key);
        if (entry == null) {
            final byte[] bytes = inner.get(key);
            return bytes == null ? null : StoredOfferCodec.decode(bytes);
        }
        return entry.offer;
    }

    // ---- ReadOnlyKeyValueStore: interactive queries, from any thread ----

    /** The offer's current state in the store's binary form, or null. */
    @Override
    public byte[] get(final Bytes key) {
        final Entry entry = entries.get(key);
        if (entry == null) {
            return inner.get(key);
        }
        final StoredOffer offer = entry.offer;
        return offer == null ? null : StoredOfferCodec.encode(offer);
    }

    /** Scans see the offers as last written back (at the latest commit), not changes made since. */
    @Override
    public KeyValueIterator<Bytes, byte[]> range(final Bytes from, final Bytes to) {
        return inner.range(from, to);
    }

    /** As {@link #range}: the offers as last written back. */
    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    /** The store underneath; for tests. */
    KeyValueStore<Bytes, byte[]> inner() {
        return inner;
    }

    /** The estimated heap bytes of the cached offers; for tests and diagnostics. */
    public long cachedBytes() {
        return usedBytes;
    }

    public int cachedOffers() {
        return entries.size();
    }

    private Entry cachedOrLoaded(final Bytes key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            final byte[] bytes = inner.get(key);
            entry = bytes == null ? new Entry(key, null, NEW_OFFER_BYTES)
                    : new Entry(key, StoredOfferCodec.decode(bytes), estimate(key, bytes.length));
            entries.put(key, entry);
            usedBytes += entry.bytes;
        }
        return entry;
    }

    private void writeBack(final Entry entry) {
        if (!entry.dirty) {
            return; // written when it was evicted
        }
        final StoredOffer offer = entry.offer;
        final long bytes;
        if (offer == null) {
            inner.delete(entry.key);
            bytes = estimate(entry.key, 0);
        } else {
            final byte[] encoded = StoredOfferCodec.encode(offer, scratch);
            inner.put(entry.key, encoded);
            bytes = estimate(entry.key, encoded.length);
        }
        usedBytes += bytes - entry.bytes;
        entry.bytes = bytes;
        entry.dirty = false;
    }

    private static long estimate(final Bytes key, final int encodedBytes) {
        return ENTRY_BYTES + key.get().length + (long) encodedBytes * HEAP_BYTES_PER_ENCODED_BYTE;
    }

    /** Over budget: writes back and drops the least recently used offers until a quarter of the share is free. */
    private void evictIfOverBudget() {
        final long limit = budget.perStoreLimit();
        if (usedBytes <= limit) {
            return;
        }
        final Entry[] byAge = entries.values().toArray(new Entry[0]);
        Arrays.sort(byAge, LEAST_RECENTLY_USED);
        final long target = limit - limit / 4;
        for (int i = 0; i < byAge.length && usedBytes > target; i++) {
            writeBack(byAge[i]);
            entries.remove(byAge[i].key);
            usedBytes -= byAge[i].bytes;
            if (byAge[i] == lastRead) {
                lastRead = null;
            }
        }
        dirty.removeIf(entry -> !entry.dirty);
    }

    /** One cached offer. */
    private static final class Entry {
        final Bytes key;
        /** The installed state, never changed once installed; null when the store holds no offer. */
        volatile StoredOffer offer;
        long bytes;
        long lastUsed;
        boolean dirty;

        Entry(final Bytes key, final StoredOffer offer, final long bytes) {
            this.key = key;
            this.offer = offer;
            this.bytes = bytes;
        }
    }
}
