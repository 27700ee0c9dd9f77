package dev.stockflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTestClusterIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void shouldRoundTripARecordInATransaction() throws Exception {
        // Given
        KAFKA.createTopic("round-trip", 1, Map.of());

        // When
        try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(KAFKA.bootstrapServers())) {
            TestClients.sendInTransaction(producer, new ProducerRecord<>("round-trip", "offer-1", "hello"), true);
        }
        final List<ConsumerRecord<String, String>> records =
            TestClients.readCommitted(KAFKA.bootstrapServers(), "round-trip", 1);

        // Then
        assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
            .containsExactly(tuple("offer-1", "hello"));
    }

    @Test
    void shouldCreateTopicsWithTheGivenPartitionsAndConfigs() throws Exception {
        // Given
        final Map<String, String> configs =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

        // When
        KAFKA.createTopic("compacted", 3, configs);

        // Then
        try (Admin admin = TestClients.admin(KAFKA.bootstrapServers())) {
            final TopicDescription description = admin.describeTopics(List.of("compacted")).allTopicNames().get()
                .get("compacted");
            final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            final Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(description.partitions()).hasSize(3);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
