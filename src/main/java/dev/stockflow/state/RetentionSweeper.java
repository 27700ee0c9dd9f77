package dev.stockflow.state;

import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Forgets what has outlived its retention: delistings past {@code delist.retention} and the versions of
 * order lines that ended (settled or cancelled) more than {@code order.retention} ago, so the store does
 * not grow without bound with delisted offers and old orders. An offer left with nothing is deleted. Each
 * sweep visits a bounded batch of offers, resuming after the last key it saw and wrapping around at the
 * end, to keep every pause of the stream thread short.
 *
 * <p>Correctness does not depend on the sweep: {@link OfferState#apply} forgets what expired itself before
 * applying an event. The sweep only reclaims space for offers nobody updates any more.
 */
public final class RetentionSweeper {

    private final OfferStore store;
    private final RuleSettings rules;
    private final int batch;
    private Bytes resumeAfter;

    public RetentionSweeper(final OfferStore store, final RuleSettings rules, final int batch) {
        this.store = store;
        this.rules = rules;
        this.batch = batch;
    }

    /** Visits up to one batch of offers; returns how many offers it changed (or deleted, when nothing was left). */
    public int sweep(final long streamTime) {
        final List<KeyValue<Bytes, StoredOffer>> expired = new ArrayList<>();
        int visited = 0;
        Bytes last = null;
        try (KeyValueIterator<Bytes, byte[]> offers = store.writtenBack(resumeAfter)) {
            while (offers.hasNext() && visited < batch) {
                final KeyValue<Bytes, byte[]> offer = offers.next();
                last = offer.key;
                if (offer.key.equals(resumeAfter)) {
                    continue; // range() is inclusive; this one was visited by the previous sweep
                }
                visited++;
                final StoredOffer stored = store.readWithoutCaching(offer.key, offer.value);
                if (stored.state().forgetExpired(streamTime, rules)) {
                    expired.add(KeyValue.pair(offer.key, stored));
                }
            }
            resumeAfter = offers.hasNext() ? last : null;
        }
        // Written after the iterator is closed: stores do not promise stable iteration under writes.
        for (final KeyValue<Bytes, StoredOffer> offer : expired) {
            store.write(offer.key, offer.value);
        }
        return expired.size();
    }
}
