package dev.stockflow.testkit;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.offer.Input;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryClients;
import dev.stockflow.serde.WireFormatSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One test's own set of Stockflow topics (names prefixed, so tests share a cluster without sharing
 * data), with a producer speaking the registry wire format and read_committed readers of the outputs.
 */
public final class TestTopics implements AutoCloseable {

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final String bootstrapServers;
    private final Map<String, Object> clientSettings;
    private final Map<String, Object> settings = new HashMap<>();
    private final SchemaRegistryClient registry;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, OfferSnapshot> compacted = new LinkedHashMap<>();
    private KafkaConsumer<String, OfferSnapshot> snapshotConsumer;

    public TestTopics(final TestCluster cluster, final int partitions) throws Exception {
        this.bootstrapServers = cluster.bootstrapServers();
        this.clientSettings = cluster.clientSettings();
        settings.put(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + prefix);
        settings.put(StockflowConfig.APPLICATION_ID_CONFIG, prefix + "-app");
        settings.put(Input.STOCK.configKey(), prefix + "-stock-updates");
        settings.put(Input.PRICE.configKey(), prefix + "-price-updates");
        settings.put(Input.DELISTING.configKey(), prefix + "-offer-delistings");
        settings.put(Input.ORDER.configKey(), prefix + "-order-events");
        settings.put(StockflowConfig.TOPIC_SNAPSHOT_CONFIG, prefix + "-offer-snapshots");
        settings.put(StockflowConfig.TOPIC_DLQ_CONFIG, prefix + "-dlq");
        for (final String input : List.of(stockTopic(), priceTopic(), delistingTopic(), orderTopic())) {
            cluster.createTopic(input, partitions, Map.of());
        }
        registry = SchemaRegistryClients.create((String) settings.get(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG));
        final Map<String, Object> producerConfig = new HashMap<>(clientSettings);
        producerConfig.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0));
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public String prefix() {
        return prefix;
    }

    /** Stockflow settings pointing at these topics and this test's in-memory registry. */
    public Map<String, Object> settings() {
        return settings;
    }

    public String stockTopic() {
        return (String) settings.get(Input.STOCK.configKey());
    }

    public String priceTopic() {
        return (String) settings.get(Input.PRICE.configKey());
    }

    public String delistingTopic() {
        return (String) settings.get(Input.DELISTING.configKey());
    }

    public String orderTopic() {
        return (String) settings.get(Input.ORDER.configKey());
    }

    public String snapshotTopic() {
        return (String) settings.get(StockflowConfig.TOPIC_SNAPSHOT_CONFIG);
    }

    public String dlqTopic() {
        return (String) settings.get(StockflowConfig.TOPIC_DLQ_CONFIG);
    }

    public void send(final StockUpdate update) {
        send(stockTopic(), update.getPartnerId() + ":" + update.getSku(), StockUpdate.class, update,
                update.getOccurredAt().toEpochMilli());
    }

    public void send(final PriceUpdate update) {
        send(priceTopic(), update.getPartnerId() + ":" + update.getSku(), PriceUpdate.class, update,
                update.getOccurredAt().toEpochMilli());
    }

    public void send(final OfferDelisted delisting) {
        send(delistingTopic(), delisting.getPartnerId() + ":" + delisting.getSku(), OfferDelisted.class, delisting,
                delisting.getOccurredAt().toEpochMilli());
    }

    public void send(final OrderLineEvent line) {
        send(orderTopic(), line.getPartnerId() + ":" + line.getSku(), OrderLineEvent.class, line,
                line.getOccurredAt().toEpochMilli());
    }

    public void sendRaw(final String topic, final byte[] key, final byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    /** A dead letter as the processor writes one: the record's bytes and where it came from. */
    public void sendDeadLetter(final String sourceTopic, final byte[] key, final byte[] value) {
        final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlqTopic(), key, value);
        header(record, DeadLetterHeaders.CODE, "invalid");
        header(record, DeadLetterHeaders.MESSAGE, "quantity must be >= 0");
        header(record, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
        header(record, DeadLetterHeaders.SOURCE_PARTITION, "0");
        header(record, DeadLetterHeaders.SOURCE_OFFSET, "0");
        producer.send(record);
        producer.flush();
    }

    private static void header(final ProducerRecord<byte[], byte[]> record, final String name, final String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private <T extends SpecificRecord> void send(final String topic, final String key, final Class<T> type,
                                                 final T value, final long timestamp) {
        try (Serializer<T> serializer = WireFormatSerde.serializer(WireFormatSerde.wireFormat(type, registry,
                WireFormatSerde.AUTO_REGISTER_SCHEMAS_DEFAULT))) {
            final byte[] bytes = serializer.serialize(topic, value);
            producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), bytes));
            producer.flush();
        }
    }

    /** Reads what is committed on the snapshot topic so far and returns the compacted view. */
    public Map<String, OfferSnapshot> latestSnapshots() {
        if (snapshotConsumer == null) {
            snapshotConsumer = new KafkaConsumer<>(readCommitted(), new StringDeserializer(),
                    WireFormatSerde.deserializer(WireFormatSerde.wireFormat(OfferSnapshot.class, registry,
                            WireFormatSerde.AUTO_REGISTER_SCHEMAS_DEFAULT)));
            snapshotConsumer.subscribe(List.of(snapshotTopic()));
        }
        for (final ConsumerRecord<String, OfferSnapshot> record : snapshotConsumer.poll(Duration.ofMillis(200))) {
            if (record.value() == null) {
                compacted.remove(record.key());
            } else {
                compacted.put(record.key(), record.value());
            }
        }
        return new LinkedHashMap<>(compacted);
    }

    /** Every committed record on the dead-letter topic. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(final int expected) {
        final List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommitted(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlqTopic()));
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
        }
        return letters;
    }

    private Map<String, Object> readCommitted() {
        final Map<String, Object> config = new HashMap<>(clientSettings);
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        return config;
    }

    @Override
    public void close() {
        producer.close();
        if (snapshotConsumer != null) {
            snapshotConsumer.close();
        }
        registry.close();
    }
}
