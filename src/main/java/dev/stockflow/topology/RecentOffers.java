package dev.stockflow.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * The decoded state of the offers a task touched last, in front of its state store: the store stays
 * the one source of truth (every change is still written to it, and through it to the changelog), but
 * an event for a recently seen offer skips the store read and the decoding. Partner feeds are heavily
 * skewed, so most events hit a few hot offers.
 *
 * <p>An entry must always equal what the store holds for its key. The processor writes through and
 * drops an entry whenever it cannot vouch for it (a processing error, a sweep that rewrote the offer),
 * and starts empty whenever the task (re)initialises, which is also what happens after an aborted
 * exactly-once transaction: Kafka Streams then restores the store and initialises the task again.
 *
 * <p>Per task and single-threaded, like the processor that owns it. Bounded by count (least recently
 * used first out); {@link #CAPACITY} offers of a few kilobytes each keep it within a few megabytes.
 */
final class RecentOffers {

    static final int CAPACITY = 2_048;

    private final Map<Bytes, StoredOffer> offers = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<Bytes, StoredOffer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The offer's state as stored, or null when it is not held here. */
    StoredOffer get(final Bytes key) {
        return offers.get(key);
    }

    /** Holds the offer's state, which the caller has just read from or written to the store. */
    void remember(final Bytes key, final StoredOffer stored) {
        offers.put(key, stored);
    }

    void forget(final Bytes key) {
        offers.remove(key);
    }

    void clear() {
        offers.clear();
    }
}
