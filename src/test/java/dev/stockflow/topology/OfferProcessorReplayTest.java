package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SnapshotEncoder;
import dev.stockflow.serde.UndecodableException;
import dev.stockflow.state.OfferStore;
import dev.stockflow.state.OfferStoreBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KIP-557 trap: under at-least-once the store can hold the effect of records whose output never
 * made it out before a crash. Redelivered, they must not be suppressed as duplicates.
 */
class OfferProcessorReplayTest {

    private static final Bytes KEY = Bytes.wrap("brand-1:SKU-42".getBytes(StandardCharsets.UTF_8));
    private static final long T0 = OfferTopologyFixture.T0;

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope("replay-" + UUID.randomUUID());
    private final AvroWireFormat<OfferSnapshot> snapshotFormat =
            OfferTopology.snapshotFormat(registry, TopologySettings.DEFAULTS);
    private final MockProcessorContext<Bytes, byte[]> context = new MockProcessorContext<>();
    private final OfferProcessor processor = new OfferProcessor(TopologySettings.DEFAULTS,
            new SnapshotEncoder(snapshotFormat, TopologySettings.DEFAULTS.snapshotSubject()),
            ProcessingListener.NONE);

    @BeforeEach
    void init() {
        final OfferStore store = new OfferStoreBuilder(Stores.inMemoryKeyValueStore(OfferTopology.STORE_NAME),
                TopologySettings.DEFAULT_OFFER_CACHE_BYTES).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setCurrentStreamTimeMs(0L);
        context.setCurrentSystemTimeMs(T0);
        processor.init(context);
    }

    @Test
    void shouldReEmitTheSnapshotWhenARecordAlreadyInTheStoreIsRedelivered() throws UndecodableException {
        // Given: offset 5 was applied and stored, but (we pretend) its snapshot was lost in a crash
        process("stock-updates", 5, new OfferEvent.StockChange("e1", "berlin", 3, T0));
        context.resetForwards();

        // When: the same record comes again at the same offset
        process("stock-updates", 5, new OfferEvent.StockChange("e1", "berlin", 3, T0));

        // Then
        final List<CapturedForward<? extends Bytes, ? extends byte[]>> forwarded = context.forwarded();
        assertThat(forwarded).hasSize(1);
        assertThat(snapshotFormat.decode(forwarded.get(0).record().value()).getTotalQuantity()).isEqualTo(3);
    }

    @Test
    void shouldReEmitTheTombstoneWhenADelistingAlreadyInTheStoreIsRedelivered() {
        // Given
        process("stock-updates", 1, new OfferEvent.StockChange("e1", "berlin", 3, T0));
        process("offer-delistings", 1, new OfferEvent.Delisting("d1", T0 + 1));
        context.resetForwards();

        // When
        process("offer-delistings", 1, new OfferEvent.Delisting("d1", T0 + 1));

        // Then
        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.forwarded().get(0).record().value()).isNull();
    }

    @Test
    void shouldSuppressARetryThatArrivesAtANewOffset() {
        // Given
        process("stock-updates", 5, new OfferEvent.StockChange("e1", "berlin", 3, T0));
        context.resetForwards();

        // When: a producer retry is a new record at a later offset with the same eventId
        process("stock-updates", 6, new OfferEvent.StockChange("e1", "berlin", 3, T0));

        // Then
        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldNotEmitForAReplayedDelistingOfANeverListedOffer() {
        // Given
        process("offer-delistings", 3, new OfferEvent.Delisting("d1", T0));
        context.resetForwards();

        // When
        process("offer-delistings", 3, new OfferEvent.Delisting("d1", T0));

        // Then
        assertThat(context.forwarded()).isEmpty();
    }

    private void process(final String topic, final long offset, final OfferEvent event) {
        context.setRecordMetadata(topic, 0, offset);
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), event.occurredAt()));
        processor.process(new Record<>(KEY, event, event.occurredAt()));
    }
}
