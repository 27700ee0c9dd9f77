package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.topology.OfferTopology;
import dev.stockflow.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How Kafka Streams hands out offer stores to interactive queries, driven as its store provider drives it. */
class OfferStoreTypeTest {

    private static final long T0 = java.time.Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final Bytes KEY = Bytes.wrap("a:1".getBytes(StandardCharsets.UTF_8));

    private final List<OfferStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(OfferStore::close);
    }

    @Test
    void shouldAcceptOfferStoresOnly() {
        // Given
        final OfferStore offers = open();

        // When / Then
        assertThat(OfferStoreType.INSTANCE.accepts(offers)).isTrue();
        assertThat(OfferStoreType.INSTANCE.accepts(Stores.inMemoryKeyValueStore("other").get())).isFalse();
    }

    @Test
    void shouldReadTheOfferFromWhicheverProvidedStoreHoldsIt() {
        // Given: two local stores, the offer in the second
        final OfferStore empty = open();
        final OfferStore holding = open();
        final StoredOffer installed = offerWith(5);
        holding.write(KEY, installed);
        final Provider provider = new Provider(List.of(empty, holding));

        // When
        final StoredOffer read = OfferStoreType.INSTANCE.create(provider, OfferTopology.STORE_NAME).offer(KEY);

        // Then
        assertThat(read).isSameAs(installed);
        assertThat(provider.askedFor).containsExactly(OfferTopology.STORE_NAME);
        assertThat(provider.types).containsExactly(OfferStoreType.INSTANCE);
    }

    @Test
    void shouldAskForTheStoresAtEachReadAndAnswerNoneForAnUnknownKey() {
        // Given: a facade created before the offer was written
        final OfferStore store = open();
        final Provider provider = new Provider(List.of(store));
        final ReadableOfferStore facade = OfferStoreType.INSTANCE.create(provider, OfferTopology.STORE_NAME);
        final StoredOffer before = facade.offer(KEY);

        // When
        store.write(KEY, offerWith(3));

        // Then
        assertThat(before).isNull();
        assertThat(facade.offer(KEY).state().locations().get(0).quantity()).isEqualTo(3);
        assertThat(provider.askedFor).hasSize(2);
    }

    @Test
    void shouldPassOnThatThePartitionIsNotQueryableHere() {
        // Given: what the provider does for a partition no running task of this instance has
        final StateStoreProvider restoring = new StateStoreProvider() {
            @Override
            public <T> List<T> stores(final String storeName, final QueryableStoreType<T> type) {
                throw new InvalidStateStorePartitionException("The specified partition 3 does not exist.");
            }
        };
        final ReadableOfferStore facade = OfferStoreType.INSTANCE.create(restoring, OfferTopology.STORE_NAME);

        // When / Then: thrown by the read, not by the creation, as KafkaStreams#store creates it first
        assertThatThrownBy(() -> facade.offer(KEY)).isInstanceOf(InvalidStateStorePartitionException.class);
    }

    @Test
    void shouldReportAStoreClosedUnderTheReaderAsMoved() {
        // Given
        final ReadableOfferStore closing = key -> {
            throw new InvalidStateStoreException("Store offer-state is currently closed.");
        };
        final ReadableOfferStore facade = OfferStoreType.INSTANCE.create(new Provider(List.of(closing)),
                OfferTopology.STORE_NAME);

        // When / Then
        assertThatThrownBy(() -> facade.offer(KEY)).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("may have been migrated to another instance");
    }

    private OfferStore open() {
        final OfferStore store = new OfferStoreBuilder(Stores.inMemoryKeyValueStore(OfferTopology.STORE_NAME),
                TopologySettings.DEFAULT_OFFER_CACHE_BYTES).withLoggingDisabled().build();
        store.init(new MockProcessorContext<Bytes, byte[]>().getStateStoreContext(), store);
        opened.add(store);
        return store;
    }

    private static StoredOffer offerWith(final int quantity) {
        final StoredOffer offer = new StoredOffer();
        offer.state().apply(new OfferEvent.StockChange("e1", "berlin", quantity, T0), T0, RuleSettings.DEFAULTS);
        return offer;
    }

    /** Kafka Streams' side: the local stores of the name, which it has checked with the type's accepts. */
    private static final class Provider implements StateStoreProvider {
        private final List<? extends ReadableOfferStore> stores;
        private final List<String> askedFor = new ArrayList<>();
        private final List<QueryableStoreType<?>> types = new ArrayList<>();

        Provider(final List<? extends ReadableOfferStore> stores) {
            this.stores = stores;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> stores(final String storeName, final QueryableStoreType<T> type) {
            askedFor.add(storeName);
            types.add(type);
            return (List<T>) List.copyOf(stores);
        }
    }
}
