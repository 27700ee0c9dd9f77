package dev.stockflow.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stockflow.testkit.TestClients;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class BrokerProcessIT {

    private static final String TOPIC = "round-trip";
    private static final String HEAP = "384m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void shouldServeRecordsFromAChildJvm() throws Exception {
        // Given
        try (BrokerProcess broker = BrokerProcess.start(HEAP, START_TIMEOUT)) {
            TestClients.createTopic(broker.bootstrapServers(), TOPIC, 1);

            // When
            try (KafkaProducer<String, String> producer =
                     TestClients.transactionalProducer(broker.bootstrapServers())) {
                TestClients.sendInTransaction(producer, new ProducerRecord<>(TOPIC, "offer-1", "hello"), true);
            }
            final List<ConsumerRecord<String, String>> records =
                TestClients.readCommitted(broker.bootstrapServers(), TOPIC, 1);

            // Then
            assertThat(broker.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("offer-1", "hello"));
        }
    }

    @Test
    void shouldEndTheChildJvmOnClose() {
        // Given
        final BrokerProcess broker = BrokerProcess.start(HEAP, START_TIMEOUT);
        final ProcessHandle child = ProcessHandle.of(broker.pid()).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        // When
        broker.close();

        // Then
        assertThat(broker.isAlive()).isFalse();
        assertThat(child.isAlive()).isFalse();
    }
}
