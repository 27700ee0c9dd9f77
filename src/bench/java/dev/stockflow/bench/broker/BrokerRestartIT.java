package dev.stockflow.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.testkit.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker the chaos suite kills: started again on its home after a SIGKILL, it is the same cluster, with
 * its topics, its committed transactional data and its consumer groups' committed offsets.
 */
class BrokerRestartIT {

    private static final String TOPIC = "kept";
    private static final String GROUP = "kept-group";
    private static final String HEAP = "384m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Path directory;

    @BeforeEach
    void createDirectory() throws Exception {
        directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "broker-home-");
    }

    @AfterEach
    void deleteDirectory() throws Exception {
        Utils.delete(directory.toFile());
    }

    @Test
    void shouldKeepTopicsDataAndCommittedOffsetsWhenKilledAndStartedAgainOnItsHome() throws Exception {
        // Given
        final BrokerHome home = BrokerHome.allocate(directory.resolve("data"));
        final Path log = directory.resolve("broker.log");
        final String clusterId;
        final BrokerProcess first = BrokerProcess.start(HEAP, START_TIMEOUT, home, log);
        try (Admin admin = TestClients.admin(home.bootstrapServers())) {
            TestClients.createTopic(home.bootstrapServers(), TOPIC, 2);
            try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(home.bootstrapServers())) {
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, 0, "a", "committed"), true);
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, 0, "b", "aborted"), false);
            }
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1)))
                    .all().get();
            clusterId = admin.describeCluster().clusterId().get();
        }

        // When
        first.kill();
        final boolean firstAliveAfterKill = first.isAlive();
        try (BrokerProcess second = BrokerProcess.start(HEAP, START_TIMEOUT, home, log);
             Admin admin = TestClients.admin(home.bootstrapServers())) {
            final List<ConsumerRecord<String, String>> records =
                    TestClients.readCommitted(second.bootstrapServers(), TOPIC, 1);

            // Then
            assertThat(firstAliveAfterKill).isFalse();
            assertThat(second.bootstrapServers()).isEqualTo(home.bootstrapServers());
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()).hasSize(2);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
            assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(1);
        }
    }
}
