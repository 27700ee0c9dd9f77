package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stockflow.testkit.TestClients;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "transactions";

    @Test
    void shouldDeliverCommittedAndHideAbortedTransactions() throws Exception {
        // Given
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TestClients.createTopic(broker.bootstrapServers(), TOPIC, 1);

            // When
            try (KafkaProducer<String, String> producer =
                     TestClients.transactionalProducer(broker.bootstrapServers())) {
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, "k1", "committed-1"), true);
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, "k2", "aborted"), false);
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, "k3", "committed-2"), true);
            }
            final List<ConsumerRecord<String, String>> records =
                TestClients.readCommitted(broker.bootstrapServers(), TOPIC, 2);

            // Then
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
        }
    }

    @Test
    void shouldDeleteItsDataDirectoryOnClose() {
        // Given
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        final Path dataDirectory = broker.dataDirectory();
        assertThat(dataDirectory.resolve("meta.properties")).exists();

        // When
        broker.close();

        // Then
        assertThat(Files.exists(dataDirectory)).isFalse();
    }

    @Test
    void shouldListenOnTheRequestedPortWithOverriddenSettings() throws Exception {
        // Given
        final int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        // When
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, Map.of("num.partitions", "3"));
             Admin admin = TestClients.admin(broker.bootstrapServers())) {
            // No partition count given: the broker's num.partitions decides.
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.empty(), Optional.empty()))).all().get();

            // Then
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()).hasSize(3);
        }
    }
}
