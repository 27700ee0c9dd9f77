package dev.stockflow.state;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * Lets {@link KafkaStreams#store} hand out offer stores as {@link ReadableOfferStore}s, so that a lookup
 * reads the stored offer itself instead of its bytes.
 *
 * <p>How Kafka Streams uses it: {@code store(parameters)} checks that the instance is running or
 * rebalancing, then calls {@link #create} with a provider of the local stores of that name. The facade
 * created here asks the provider for the stores on every read, as Kafka's own key-value facade does; the
 * provider offers each task's registered store (an {@link OfferStore}, as {@link OfferStoreBuilder} builds
 * it) to {@link #accepts}, and throws {@link InvalidStateStoreException} when no running task has it: with
 * {@link StoreQueryParameters#withPartition} set, when that partition is not active here (still restoring,
 * or moved away), so a caller can tell "not ready" from "not found".
 */
public final class OfferStoreType implements QueryableStoreType<ReadableOfferStore> {

    public static final OfferStoreType INSTANCE = new OfferStoreType();

    private OfferStoreType() {
    }

    @Override
    public boolean accepts(final StateStore stateStore) {
        return stateStore instanceof ReadableOfferStore;
    }

    @Override
    public ReadableOfferStore create(final StateStoreProvider storeProvider, final String storeName) {
        return key -> read(storeProvider.stores(storeName, this), key);
    }

    private static StoredOffer read(final List<ReadableOfferStore> stores, final Bytes key) {
        for (final ReadableOfferStore store : stores) {
            final StoredOffer offer;
            try {
                offer = store.offer(key);
            } catch (final InvalidStateStoreException e) {
                // As Kafka's own key-value facade words it: a store closed under the reader has moved away.
                throw new InvalidStateStoreException("State store is not available anymore and may have been "
                        + "migrated to another instance; please re-discover its location from the state metadata.", e);
            }
            if (offer != null) {
                return offer;
            }
        }
        return null;
    }
}
