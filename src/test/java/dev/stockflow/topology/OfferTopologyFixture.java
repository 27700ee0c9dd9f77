package dev.stockflow.topology;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.deadletter.DeadLetterOnProcessingError;
import dev.stockflow.deadletter.DeadLetterOnProductionError;
import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import dev.stockflow.state.OfferStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around {@link OfferTopology} that speaks registry wire-format bytes. */
final class OfferTopologyFixture implements AutoCloseable {

    static final Instant WALL_CLOCK = Instant.parse("2026-06-01T12:00:00Z");
    /** A time well before the wall clock, leaving room for months of event history. */
    static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private final String scope = "topology-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    private final TopologySettings settings;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> stockTopic;
    private final TestInputTopic<byte[], byte[]> priceTopic;
    private final TestInputTopic<byte[], byte[]> delistingTopic;
    private final TestInputTopic<byte[], byte[]> orderTopic;
    private final TestOutputTopic<byte[], byte[]> snapshotTopic;
    private final TestOutputTopic<byte[], byte[]> dlqTopic;
    private final AvroWireFormat<StockUpdate> stockFormat;
    private final AvroWireFormat<PriceUpdate> priceFormat;
    private final AvroWireFormat<OfferDelisted> delistingFormat;
    private final AvroWireFormat<OrderLineEvent> orderFormat;
    private final AvroWireFormat<OfferSnapshot> snapshotFormat;
    private final Map<String, OfferSnapshot> compacted = new LinkedHashMap<>();
    final CountingListener counts = new CountingListener();

    OfferTopologyFixture() {
        this(TopologySettings.DEFAULTS);
    }

    OfferTopologyFixture(final TopologySettings settings) {
        this(settings, ProcessingListener.NONE, null);
    }

    /**
     * @param alsoNotify   a listener called after the fixture's own counting one (may throw, to simulate failures)
     * @param decodingWith the registry the topology decodes with, or null for the fixture's in-memory one
     */
    OfferTopologyFixture(final TopologySettings settings, final ProcessingListener alsoNotify,
                         final SchemaRegistryClient decodingWith) {
        this.settings = settings;
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "offer-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state", scope).toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProductionError.class);
        props.put(DeadLetterOnProcessingError.TOPICS_CONFIG, settings.deadLetterTopics());
        props.put(DeadLetterOnProcessingError.LISTENER_CONFIG, counts);
        counts.alsoNotify = alsoNotify;
        driver = new TopologyTestDriver(OfferTopology.build(settings, decodingWith == null ? registry : decodingWith,
                counts), props, WALL_CLOCK);
        final ByteArraySerializer bytes = new ByteArraySerializer();
        stockTopic = driver.createInputTopic(settings.topicOf(Input.STOCK), bytes, bytes);
        priceTopic = driver.createInputTopic(settings.topicOf(Input.PRICE), bytes, bytes);
        delistingTopic = driver.createInputTopic(settings.topicOf(Input.DELISTING), bytes, bytes);
        orderTopic = driver.createInputTopic(settings.topicOf(Input.ORDER), bytes, bytes);
        final ByteArrayDeserializer read = new ByteArrayDeserializer();
        snapshotTopic = driver.createOutputTopic(settings.snapshotTopic(), read, read);
        dlqTopic = driver.createOutputTopic(settings.dlqTopic(), read, read);
        stockFormat = new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), true);
        priceFormat = new AvroWireFormat<>(registry, PriceUpdate.getClassSchema(), true);
        delistingFormat = new AvroWireFormat<>(registry, OfferDelisted.getClassSchema(), true);
        orderFormat = new AvroWireFormat<>(registry, OrderLineEvent.getClassSchema(), true);
        snapshotFormat = new AvroWireFormat<>(registry, OfferSnapshot.getClassSchema(), false);
    }

    static long at(final String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    static long minutes(final long count) {
        return Duration.ofMinutes(count).toMillis();
    }

    static long days(final long count) {
        return Duration.ofDays(count).toMillis();
    }

    void stock(final String offerKey, final String location, final int quantity, final long occurredAt,
               final String eventId) {
        final String[] id = offerKey.split(":", 2);
        pipe(stockTopic, offerKey, stockBytes(new StockUpdate(eventId, id[0], id[1], location, quantity,
                Instant.ofEpochMilli(occurredAt))), occurredAt);
    }

    void price(final String offerKey, final String channel, final String currency, final long regular,
               final Long sale, final long occurredAt, final String eventId) {
        final String[] id = offerKey.split(":", 2);
        pipe(priceTopic, offerKey, priceBytes(new PriceUpdate(eventId, id[0], id[1], channel, currency, regular, sale,
                Instant.ofEpochMilli(occurredAt))), occurredAt);
    }

    void delist(final String offerKey, final long occurredAt, final String eventId) {
        final String[] id = offerKey.split(":", 2);
        pipe(delistingTopic, offerKey, delistingFormat.encode(settings.topicOf(Input.DELISTING) + "-value",
                new OfferDelisted(eventId, id[0], id[1], Instant.ofEpochMilli(occurredAt))), occurredAt);
    }

    void order(final String offerKey, final String orderId, final String location, final int quantity,
               final OrderLineStatus status, final long occurredAt, final String eventId) {
        final String[] id = offerKey.split(":", 2);
        pipe(orderTopic, offerKey, orderBytes(new OrderLineEvent(eventId, orderId, id[0], id[1], location, quantity,
                status, Instant.ofEpochMilli(occurredAt))), occurredAt);
    }

    byte[] orderBytes(final OrderLineEvent line) {
        return orderFormat.encode(settings.topicOf(Input.ORDER) + "-value", line);
    }

    /** An order record written with a schema of the caller's (another writer version), registered on the fly. */
    byte[] orderBytesWrittenWith(final GenericRecord record) {
        return new AvroWireFormat<GenericRecord>(registry, record.getSchema(), true)
                .encode(settings.topicOf(Input.ORDER) + "-value", record);
    }

    void pipeOrderBytes(final byte[] key, final byte[] value, final long timestamp) {
        orderTopic.pipeInput(new TestRecord<>(key, value, null, timestamp));
    }

    byte[] stockBytes(final StockUpdate update) {
        return stockFormat.encode(settings.topicOf(Input.STOCK) + "-value", update);
    }

    byte[] priceBytes(final PriceUpdate update) {
        return priceFormat.encode(settings.topicOf(Input.PRICE) + "-value", update);
    }

    void pipeStockBytes(final byte[] key, final byte[] value, final long timestamp) {
        stockTopic.pipeInput(new TestRecord<>(key, value, null, timestamp));
    }

    void pipeStockBytes(final TestRecord<byte[], byte[]> record) {
        stockTopic.pipeInput(record);
    }

    void pipePriceBytes(final TestRecord<byte[], byte[]> record) {
        priceTopic.pipeInput(record);
    }

    void pipeDelistingBytes(final byte[] key, final byte[] value, final long timestamp) {
        delistingTopic.pipeInput(new TestRecord<>(key, value, null, timestamp));
    }

    void pipePriceBytes(final byte[] key, final byte[] value, final long timestamp) {
        priceTopic.pipeInput(new TestRecord<>(key, value, null, timestamp));
    }

    void advanceWallClock(final Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** Every record emitted on the snapshot topic since the last read, decoded; tombstones as null values. */
    List<Map.Entry<String, OfferSnapshot>> snapshots() {
        final List<Map.Entry<String, OfferSnapshot>> out = new ArrayList<>();
        for (final TestRecord<byte[], byte[]> record : snapshotTopic.readRecordsToList()) {
            final String key = new String(record.key(), StandardCharsets.UTF_8);
            final OfferSnapshot snapshot = record.value() == null ? null : decodeSnapshot(record.value());
            out.add(new java.util.AbstractMap.SimpleEntry<>(key, snapshot));
            if (snapshot == null) {
                compacted.remove(key);
            } else {
                compacted.put(key, snapshot);
            }
        }
        return out;
    }

    /** The compacted topic as a consumer would see it: last value per key, tombstoned keys removed. */
    Map<String, OfferSnapshot> latestSnapshots() {
        snapshots();
        return new LinkedHashMap<>(compacted);
    }

    /** The quantity at a location in the latest snapshot of the fixture's test offer {@code brand-1:SKU-42}. */
    int latestQuantity(final String location) {
        return latestSnapshots().get("brand-1:SKU-42").getLocations().stream()
                .filter(entry -> entry.getLocationId().equals(location))
                .findFirst().orElseThrow().getQuantity();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlqTopic.readRecordsToList();
    }

    OfferStore store() {
        return (OfferStore) driver.getAllStateStores().get(OfferTopology.STORE_NAME);
    }

    private OfferSnapshot decodeSnapshot(final byte[] bytes) {
        try {
            return snapshotFormat.decode(bytes);
        } catch (final UndecodableException e) {
            throw new AssertionError("snapshot topic holds undecodable bytes", e);
        }
    }

    private static void pipe(final TestInputTopic<byte[], byte[]> topic, final String key, final byte[] value,
                             final long timestamp) {
        topic.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, null, timestamp));
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    /** Counts what the topology reports, as the metrics would. */
    static final class CountingListener implements ProcessingListener {
        final Map<Input, Map<Outcome, Integer>> outcomes = new EnumMap<>(Input.class);
        final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        /** Replayed dead letters per input, by outcome label ({@code invalid}: dead-lettered again). */
        final Map<Input, Map<String, Integer>> replayed = new EnumMap<>(Input.class);
        int snapshots;
        int tombstones;
        int statesNotWritten;
        ProcessingListener alsoNotify = ProcessingListener.NONE;

        @Override
        public void onOutcome(final Input input, final Outcome outcome) {
            outcomes.computeIfAbsent(input, ignored -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
            alsoNotify.onOutcome(input, outcome);
        }

        @Override
        public void onRejected(final Input input, final RejectReason reason) {
            rejected.merge(reason, 1, Integer::sum);
            alsoNotify.onRejected(input, reason);
        }

        @Override
        public void onReplayOutcome(final Input input, final Outcome outcome) {
            replayed.computeIfAbsent(input, ignored -> new TreeMap<>()).merge(outcome.label(), 1, Integer::sum);
            alsoNotify.onReplayOutcome(input, outcome);
        }

        @Override
        public void onStateNotWritten() {
            statesNotWritten++;
            alsoNotify.onStateNotWritten();
        }

        @Override
        public void onReplayRejected(final Input input) {
            replayed.computeIfAbsent(input, ignored -> new TreeMap<>()).merge("invalid", 1, Integer::sum);
            alsoNotify.onReplayRejected(input);
        }

        @Override
        public void onSnapshot(final long latencyMs) {
            snapshots++;
        }

        @Override
        public void onTombstone() {
            tombstones++;
        }

        int outcome(final Input input, final Outcome outcome) {
            return outcomes.getOrDefault(input, Map.of()).getOrDefault(outcome, 0);
        }
    }
}
