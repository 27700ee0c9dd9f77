package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.topology.OfferTopology;
import dev.stockflow.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The offer cache in front of the store: copies out, writes back at commits, evicts within its budget. */
class OfferStoreTest {

    private static final long T0 = java.time.Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final RuleSettings RULES = RuleSettings.DEFAULTS;

    private final MockProcessorContext<Bytes, byte[]> context = new MockProcessorContext<>();
    private OfferStore store;

    @AfterEach
    void close() {
        if (store != null && store.isOpen()) {
            store.close();
        }
    }

    @Test
    void shouldHandOutACopyThatLeavesTheCachedOfferAsItWas() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));

        // When: a reader changes its copy without writing it back (as a record whose processing fails)
        final StoredOffer copy = store.read(key("a:1"));
        copy.state().apply(new OfferEvent.StockChange("e2", "berlin", 9, T0 + 1), T0 + 1, RULES);

        // Then
        assertThat(quantityOf(store.read(key("a:1")))).isEqualTo(5);
    }

    @Test
    void shouldWriteBackAtTheCommitAndServeQueriesBeforeIt() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);

        // When
        store.write(key("a:1"), offerWith(5));

        // Then: queries see it at once, scans of the written-back offers only after the commit
        assertThat(StoredOfferCodec.decode(store.get(key("a:1"))).state().locations()).hasSize(1);
        assertThat(store.approximateNumEntries()).isZero();
        store.flushCache();
        assertThat(store.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void shouldDeleteAnOfferLeftEmptyAtTheCommit() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));
        store.flushCache();

        // When
        store.write(key("a:1"), new StoredOffer());
        store.flushCache();

        // Then
        assertThat(store.get(key("a:1"))).isNull();
        assertThat(store.approximateNumEntries()).isZero();
        assertThat(store.read(key("a:1")).state().isEmpty()).isTrue();
    }

    @Test
    void shouldReadTheWrittenBackOfferAfterTheCacheWasCleared() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));
        store.flushCache();

        // When
        store.clearCache();

        // Then
        assertThat(store.cachedOffers()).isZero();
        assertThat(quantityOf(store.read(key("a:1")))).isEqualTo(5);
    }

    @Test
    void shouldEvictWithinTheBudgetWritingBackWhatChanged() {
        // Given: room for a handful of offers
        open(4_000);

        // When: many offers change without a commit
        for (int i = 0; i < 50; i++) {
            store.read(key("a:" + i));
            store.write(key("a:" + i), offerWith(i + 1));
        }
        store.read(key("a:0")); // evicts again when over budget

        // Then: the cache kept to its budget, and every evicted change reached the store underneath
        assertThat(store.cachedOffers()).isLessThan(50);
        assertThat(store.cachedBytes()).isLessThanOrEqualTo(4_000 + 2_500);
        for (int i = 0; i < 50; i++) {
            assertThat(quantityOf(store.read(key("a:" + i)))).isEqualTo(i + 1);
        }
        store.flushCache();
        assertThat(store.approximateNumEntries()).isEqualTo(50);
    }

    @Test
    void shouldDropChangesNoCommitWroteBackWhenCleared() {
        // Given: a committed offer, then a change that no commit wrote back
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));
        store.flushCache();
        store.write(key("a:1"), offerWith(9));

        // When: what closing a task without a commit does to the cache
        store.clearCache();

        // Then: the committed state is what is left
        assertThat(quantityOf(store.read(key("a:1")))).isEqualTo(5);
    }

    @Test
    void shouldHandQueriesTheInstalledOfferItself() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        final StoredOffer installed = offerWith(5);
        store.write(key("a:1"), installed);

        // When
        final StoredOffer queried = store.offer(key("a:1"));

        // Then: no copy and no bytes round trip; installed offers are never changed again
        assertThat(queried).isSameAs(installed);
    }

    @Test
    void shouldDecodeForQueriesAnOfferOnlyTheStoreUnderneathHolds() {
        // Given
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));
        store.flushCache();
        store.clearCache();

        // When
        final StoredOffer queried = store.offer(key("a:1"));

        // Then: read as written back, and a query does not fill the stream thread's cache
        assertThat(quantityOf(queried)).isEqualTo(5);
        assertThat(store.cachedOffers()).isZero();
    }

    @Test
    void shouldAnswerQueriesWithNoOfferForDeletedAndUnknownKeys() {
        // Given: an offer left empty, not yet written back
        open(TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
        store.write(key("a:1"), offerWith(5));
        store.flushCache();
        store.write(key("a:1"), new StoredOffer());

        // When / Then
        assertThat(store.offer(key("a:1"))).isNull();
        assertThat(store.offer(key("a:2"))).isNull();
    }

    private void open(final long budget) {
        store = new OfferStoreBuilder(Stores.inMemoryKeyValueStore(OfferTopology.STORE_NAME), budget)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    private static StoredOffer offerWith(final int quantity) {
        final StoredOffer offer = new StoredOffer();
        offer.state().apply(new OfferEvent.StockChange("e1", "berlin", quantity, T0), T0, RULES);
        return offer;
    }

    private static int quantityOf(final StoredOffer offer) {
        return offer.state().locations().get(0).quantity();
    }

    private static Bytes key(final String offerKey) {
        return Bytes.wrap(offerKey.getBytes(StandardCharsets.UTF_8));
    }
}
