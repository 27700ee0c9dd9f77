package dev.stockflow.state;

import org.apache.kafka.common.utils.Bytes;

/**
 * What interactive queries read of an offer store, from any thread: the stored offer itself, without the
 * bytes round trip of a key-value read (encode the cached offer, then decode it again).
 */
public interface ReadableOfferStore {

    /**
     * The offer's current state, or null when the store holds none.
     *
     * <p>The result may be the very offer the store has installed, shared with the stream thread and other
     * readers: it is never changed again by the store, and the caller must not change it either (copy it
     * first).
     *
     * @param key the offer key's UTF-8 bytes
     */
    StoredOffer offer(Bytes key);
}
