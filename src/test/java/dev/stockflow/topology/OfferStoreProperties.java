package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotRecords;
import dev.stockflow.reference.Deliveries;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.OfferEventArbitraries;
import dev.stockflow.reference.ReferenceModel;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SnapshotEncoder;
import dev.stockflow.serde.UndecodableException;
import dev.stockflow.state.OfferStore;
import dev.stockflow.state.OfferStoreBuilder;
import dev.stockflow.state.StoredOfferCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;

/**
 * The offer cache must be invisible: the real processor over an {@link OfferStore} emits, record by record,
 * exactly what the reference model emits, whenever commits write the cache back, however small its budget
 * (so that offers are evicted between any two events) and when Kafka Streams clears it after a commit. After
 * the last commit the store underneath holds exactly the reference's offers.
 */
class OfferStoreProperties {

    private static final RuleSettings RULES = new RuleSettings(10, 1_000_000);
    private static final TopologySettings SETTINGS = TopologySettings.DEFAULTS.withRules(RULES);
    private static final String[] TOPICS = {"stock-updates", "price-updates", "offer-delistings"};

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    @Provide
    Arbitrary<Long> budgets() {
        // 0 (nothing kept), about one offer, a few offers, and plenty
        return Arbitraries.of(0L, 600L, 3_000L, TopologySettings.DEFAULT_OFFER_CACHE_BYTES);
    }

    @Property(tries = 300)
    void shouldEmitWhatTheReferenceEmitsWhateverTheCommitsAndTheBudget(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random,
            @ForAll("budgets") final long budget) throws UndecodableException {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);
        final Driver driver = new Driver(budget);
        final ReferenceModel reference = new ReferenceModel(RULES);

        // When / Then: the same record after each delivery
        for (final KeyedEvent delivery : deliveries) {
            final Emission expected = reference.deliver(delivery).emission();
            assertThat(driver.deliver(delivery)).isEqualTo(expected);
            driver.maybeCommit(random);
        }
        driver.commit();
        assertThat(driver.writtenBack()).isEqualTo(reference.snapshots());
    }

    /** Runs the processor like a stream thread: records, and now and then a commit that flushes the cache. */
    private static final class Driver {
        private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope("store-" + UUID.randomUUID());
        private final AvroWireFormat<OfferSnapshot> snapshotFormat = OfferTopology.snapshotFormat(registry, SETTINGS);
        private final MockProcessorContext<Bytes, byte[]> context = new MockProcessorContext<>();
        private final OfferStore store;
        private final OfferProcessor processor;
        private final long[] offsets = new long[TOPICS.length];

        Driver(final long budget) {
            store = new OfferStoreBuilder(Stores.inMemoryKeyValueStore(OfferTopology.STORE_NAME), budget)
                    .withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            context.setCurrentStreamTimeMs(Long.MIN_VALUE);
            context.setCurrentSystemTimeMs(OfferEventArbitraries.BASE);
            processor = new OfferProcessor(SETTINGS, new SnapshotEncoder(snapshotFormat, SETTINGS.snapshotSubject()),
                    ProcessingListener.NONE);
            processor.init(context);
        }

        Emission deliver(final KeyedEvent delivery) throws UndecodableException {
            final OfferEvent event = delivery.event();
            final int input = event instanceof OfferEvent.StockChange ? 0 : event instanceof OfferEvent.PriceChange ? 1 : 2;
            context.setRecordMetadata(TOPICS[input], 0, offsets[input]++);
            context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), event.occurredAt()));
            context.resetForwards();
            final Bytes key = Bytes.wrap(delivery.offerKey().getBytes(StandardCharsets.UTF_8));
            processor.process(new Record<>(key, event, event.occurredAt()));
            final List<MockProcessorContext.CapturedForward<? extends Bytes, ? extends byte[]>> forwarded =
                    context.forwarded();
            assertThat(forwarded).hasSizeLessThanOrEqualTo(1);
            if (forwarded.isEmpty()) {
                return null;
            }
            final byte[] value = forwarded.get(0).record().value();
            return value == null ? Emission.tombstone(delivery.offerKey())
                    : new Emission(delivery.offerKey(), snapshotFormat.decode(value));
        }

        /** A commit at a random point, sometimes followed by what Kafka Streams does when it recycles a task. */
        void maybeCommit(final Random random) {
            if (random.nextInt(3) == 0) {
                commit();
                if (random.nextInt(4) == 0) {
                    store.clearCache();
                }
            }
        }

        void commit() {
            store.flushCache();
        }

        /** The listed offers in the store underneath, as snapshots. */
        Map<String, OfferSnapshot> writtenBack() {
            final Map<String, OfferSnapshot> offers = new TreeMap<>();
            try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
                all.forEachRemaining(entry -> {
                    final String key = new String(entry.key.get(), StandardCharsets.UTF_8);
                    final OfferState state = StoredOfferCodec.decode(entry.value).state();
                    if (state.isListed()) {
                        offers.put(key, SnapshotRecords.of(key, state, RULES));
                    }
                });
            }
            return offers;
        }
    }
}
