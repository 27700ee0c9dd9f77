package dev.stockflow.state;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds {@link OfferStore}s: Kafka Streams' own key-value store (metered, changelogged, without its record
 * cache) wrapped in the offer cache. One builder serves every task of a topology, so they share its budget.
 */
public final class OfferStoreBuilder implements StoreBuilder<OfferStore> {

    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;
    private final OfferCacheBudget budget;

    /**
     * @param supplier   the bytes store underneath, e.g. {@link Stores#persistentKeyValueStore}
     * @param cacheBytes the heap budget for decoded offers, shared by all stores this builder builds
     */
    public OfferStoreBuilder(final KeyValueBytesStoreSupplier supplier, final long cacheBytes) {
        this.inner = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
        this.budget = new OfferCacheBudget(cacheBytes);
    }

    /** The offer cache is part of the store; its size is the builder's budget. */
    @Override
    public StoreBuilder<OfferStore> withCachingEnabled() {
        return this;
    }

    /** The offer cache is part of the store; a budget of 0 keeps nothing cached between events. */
    @Override
    public StoreBuilder<OfferStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<OfferStore> withLoggingEnabled(final Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<OfferStore> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public OfferStore build() {
        return new OfferStore(inner.build(), budget);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
