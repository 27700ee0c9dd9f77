package dev.stockflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.state.StoredOffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How a lookup is answered from what Kafka Streams says: not ready, elsewhere, found or unknown. */
class OfferQueriesTest {

    private static final RuleSettings RULES = RuleSettings.DEFAULTS;
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final HostInfo SELF = new HostInfo("10.0.0.1", 8080);
    private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8081);
    private static final Bytes KEY = Bytes.wrap("brand-1:SKU-1".getBytes(StandardCharsets.UTF_8));

    private final FakeStores stores = new FakeStores();
    private final OfferQueries queries = new OfferQueries(stores, SELF, RULES);

    @Test
    void shouldFindAListedOfferInTheKeysOwnPartition() {
        // Given
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 3);
        stores.offer = listedWith(5);

        // When
        final OfferLookup lookup = queries.lookup("brand-1", "SKU-1", false);

        // Then: the stored offer itself, and its snapshot's values
        assertThat(lookup).isInstanceOf(OfferLookup.Found.class);
        final OfferLookup.Found found = (OfferLookup.Found) lookup;
        assertThat(found.offer()).isSameAs(stores.offer);
        assertThat(found.offerKey()).isEqualTo("brand-1:SKU-1");
        assertThat(found.snapshot().totalQuantity()).isEqualTo(5L);
        assertThat(found.snapshot().sku()).isEqualTo("SKU-1");
        assertThat(stores.ownersAskedFor).containsExactly(KEY);
        assertThat(stores.reads).containsExactly("brand-1:SKU-1@3");
    }

    @Test
    void shouldSendTheCallerToTheInstanceThatOwnsTheKey() {
        // Given
        stores.owner = new KeyQueryMetadata(OTHER, Set.of(SELF), 1);
        stores.offer = listedWith(5); // a standby copy here must not answer

        // When
        final OfferLookup lookup = queries.lookup("brand-1", "SKU-1", false);

        // Then
        assertThat(lookup).isEqualTo(new OfferLookup.OwnedElsewhere("10.0.0.2", 8081));
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void shouldAnswerLocallyALookupAnotherInstanceRoutedHere() {
        // Given: the owner moved after the other instance routed the request
        stores.owner = new KeyQueryMetadata(OTHER, Set.of(), 2);
        stores.offer = listedWith(4);

        // When
        final OfferLookup lookup = queries.lookup("brand-1", "SKU-1", true);

        // Then
        assertThat(lookup).isInstanceOf(OfferLookup.Found.class);
        assertThat(stores.reads).containsExactly("brand-1:SKU-1@2");
    }

    @Test
    void shouldNotFindAnOfferTheStoreDoesNotHold() {
        // Given
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 0);

        // When / Then
        assertThat(queries.lookup("brand-1", "SKU-1", false)).isEqualTo(new OfferLookup.NotFound());
        assertThat(queries.lookupState("brand-1", "SKU-1", false)).isEqualTo(new OfferLookup.NotFound());
    }

    @Test
    void shouldNotFindADelistedOfferButHandOutTheStateThatRemembersTheDelisting() {
        // Given: an offer whose slots a delisting removed
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 0);
        stores.offer = listedWith(5);
        stores.offer.state().apply(new OfferEvent.Delisting("d1", T0 + 1), T0 + 1, RULES);

        // When
        final OfferLookup snapshot = queries.lookup("brand-1", "SKU-1", false);
        final OfferLookup state = queries.lookupState("brand-1", "SKU-1", false);

        // Then
        assertThat(snapshot).isEqualTo(new OfferLookup.NotFound());
        assertThat(state).isInstanceOf(OfferLookup.Found.class);
        assertThat(((OfferLookup.Found) state).offer().state().delisting().occurredAt()).isEqualTo(T0 + 1);
    }

    @Test
    void shouldRouteStateLookupsLikeSnapshotLookups() {
        // Given
        stores.owner = new KeyQueryMetadata(OTHER, Set.of(), 1);

        // When / Then
        assertThat(queries.lookupState("brand-1", "SKU-1", false))
                .isEqualTo(new OfferLookup.OwnedElsewhere("10.0.0.2", 8081));
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"RUNNING", "REBALANCING"},
            mode = EnumSource.Mode.EXCLUDE)
    void shouldNotBeReadyUnlessKafkaStreamsRunsOrRebalances(final KafkaStreams.State state) {
        // Given
        stores.state = state;
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 0);

        // When
        final OfferLookup lookup = queries.lookup("brand-1", "SKU-1", false);

        // Then
        assertThat(lookup).isEqualTo(new OfferLookup.NotReady("Kafka Streams is " + state));
        assertThat(stores.ownersAskedFor).isEmpty();
    }

    @Test
    void shouldAnswerWhileRebalancing() {
        // Given
        stores.state = KafkaStreams.State.REBALANCING;
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 0);
        stores.offer = listedWith(1);

        // When / Then
        assertThat(queries.lookup("brand-1", "SKU-1", false)).isInstanceOf(OfferLookup.Found.class);
    }

    @Test
    void shouldNotBeReadyWhileTheOwnerOfTheKeyIsUnknown() {
        // Given
        stores.owner = KeyQueryMetadata.NOT_AVAILABLE;

        // When / Then
        assertThat(queries.lookup("brand-1", "SKU-1", false))
                .isEqualTo(new OfferLookup.NotReady("the owner of the key is not known yet"));
        stores.owner = null;
        assertThat(queries.lookup("brand-1", "SKU-1", false))
                .isEqualTo(new OfferLookup.NotReady("the owner of the key is not known yet"));
        assertThat(stores.reads).isEmpty();
    }

    @Test
    void shouldNotBeReadyRatherThanNotFoundWhileThePartitionIsNotQueryableHere() {
        // Given: the key's partition is still restoring, so no running task has it
        stores.owner = new KeyQueryMetadata(SELF, Set.of(), 5);
        stores.failure = new InvalidStateStorePartitionException("The specified partition 5 does not exist.");

        // When
        final OfferLookup lookup = queries.lookup("brand-1", "SKU-1", false);

        // Then
        assertThat(lookup).isEqualTo(new OfferLookup.NotReady(
                "the store is not queryable: The specified partition 5 does not exist."));
    }

    private static StoredOffer listedWith(final int quantity) {
        final StoredOffer offer = new StoredOffer();
        offer.state().apply(new OfferEvent.StockChange("e1", "berlin", quantity, T0), T0, RULES);
        return offer;
    }

    /** Kafka Streams as OfferQueries sees it, with the calls it received. */
    private static final class FakeStores implements StoreAccess {
        private KafkaStreams.State state = KafkaStreams.State.RUNNING;
        private KeyQueryMetadata owner;
        private StoredOffer offer;
        private InvalidStateStoreException failure;
        private final List<Bytes> ownersAskedFor = new ArrayList<>();
        private final List<String> reads = new ArrayList<>();

        @Override
        public KafkaStreams.State state() {
            return state;
        }

        @Override
        public KeyQueryMetadata ownerOf(final Bytes key) {
            ownersAskedFor.add(key);
            return owner;
        }

        @Override
        public StoredOffer read(final Bytes key, final int partition) {
            reads.add(new String(key.get(), StandardCharsets.UTF_8) + "@" + partition);
            if (failure != null) {
                throw failure;
            }
            return offer;
        }
    }
}
