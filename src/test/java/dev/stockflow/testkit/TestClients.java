package dev.stockflow.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain string clients for integration tests that only need to get records in and out of a broker. */
public final class TestClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private TestClients() {
    }

    public static void createTopic(final String bootstrapServers, final String topic, final int partitions)
        throws Exception {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    public static Admin admin(final String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A producer with {@code initTransactions()} already called. */
    public static KafkaProducer<String, String> transactionalProducer(final String bootstrapServers) {
        final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID()),
            new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    /** Sends one record in its own transaction and commits or aborts it. */
    public static void sendInTransaction(final KafkaProducer<String, String> producer,
                                         final ProducerRecord<String, String> record, final boolean commit) {
        producer.beginTransaction();
        producer.send(record);
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Reads the topic from the start with {@code read_committed} until it has {@code count} records. */
    public static List<ConsumerRecord<String, String>> readCommitted(final String bootstrapServers,
                                                                     final String topic, final int count) {
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(POLL).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }
}
