package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.ReplayFilter;
import dev.stockflow.deadletter.ReplayTally;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The replay loop over Kafka's mock clients: the range, the records sent, and the progress committed with them. */
class DeadLetterReplayTest {

    private static final String DLQ = "stockflow-dlq";
    private static final TopicPartition DLQ_0 = new TopicPartition(DLQ, 0);
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final ReplayFilter EVERYTHING = new ReplayFilter(Set.of(), null, null, null, false,
            Set.of("stock-updates", "price-updates", "offer-delistings"));

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(new Cluster("c", List.of(NODE),
            List.of(new PartitionInfo("stock-updates", 0, NODE, null, null),
                    new PartitionInfo("stock-updates", 1, NODE, null, null)), Set.of(), Set.of()),
            true, new RoundRobinPartitioner(), new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void shouldSendEachDeadLetterToItsSourceUnchangedAndCommitTheProgressWithIt() {
        // Given: three dead letters below the end offset, one above it (dead-lettered after the start)
        dlqWith(3, 0L, record(0, "stock-updates", "1"), record(1, "stock-updates", "7"),
                record(2, "price-updates-old", "0"), record(3, "stock-updates", "0"));

        // When
        final ReplayTally tally;
        try (DeadLetterReplay replay = DeadLetterReplay.over(EVERYTHING, consumer, new ReplaySender(producer), DLQ,
                false)) {
            assertThat(replay.range().start()).containsEntry(0, 0L);
            assertThat(replay.range().end()).containsEntry(0, 3L);
            tally = replay.run();
        }

        // Then: the first two replayed (the second by key: its partition is gone), the third has nowhere to go
        assertThat(tally.replayed("undecodable")).isEqualTo(2);
        assertThat(tally.skipped("undecodable")).isEqualTo(1);
        final List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).topic()).isEqualTo("stock-updates");
        assertThat(sent.get(0).partition()).isEqualTo(1);
        assertThat(sent.get(0).timestamp()).isEqualTo(1_000L);
        assertThat(sent.get(0).key()).isEqualTo(bytes("acme:A-0"));
        assertThat(sent.get(0).value()).isEqualTo(new byte[] {0, 0, 0, 0, 9, 0});
        assertThat(DeadLetterHeaders.read(sent.get(0).headers(), DeadLetterHeaders.REPLAY_OF))
                .isEqualTo(DLQ + "/0/0");
        assertThat(sent.get(0).headers().lastHeader(DeadLetterHeaders.CODE)).isNull();
        assertThat(sent.get(1).partition()).isNull();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(lastCommitted()).isEqualTo(3L);
    }

    @Test
    void shouldStartWhereTheLastReplayStopped() {
        // Given
        dlqWith(2, 2L, record(0, "stock-updates", "0"), record(1, "stock-updates", "0"));

        // When
        final ReplayTally tally;
        try (DeadLetterReplay replay = DeadLetterReplay.over(EVERYTHING, consumer, new ReplaySender(producer), DLQ,
                false)) {
            assertThat(replay.range().resumed()).isTrue();
            assertThat(replay.range().start()).containsEntry(0, 2L);
            tally = replay.run();
        }

        // Then
        assertThat(tally.replayed() + tally.skipped()).isZero();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldOnlyCountOnADryRun() {
        // Given
        dlqWith(2, null, record(0, "stock-updates", "0"), record(1, "stock-updates", "0"));

        // When
        final ReplayTally tally;
        final Map<TopicPartition, OffsetAndMetadata> committed;
        try (DeadLetterReplay replay = DeadLetterReplay.over(EVERYTHING, consumer, null, DLQ, false)) {
            tally = replay.run();
            committed = consumer.committed(Set.of(DLQ_0));
        }

        // Then
        assertThat(tally.replayed("undecodable")).isEqualTo(2);
        assertThat(producer.history()).isEmpty();
        assertThat(committed).isEmpty();
    }

    /** A one-partition dead-letter topic ending at {@code end}, with the records handed out by the first poll. */
    @SafeVarargs
    private void dlqWith(final long end, final Long committed, final ConsumerRecord<byte[], byte[]>... records) {
        consumer.updatePartitions(DLQ, List.of(new PartitionInfo(DLQ, 0, NODE, null, null)));
        consumer.updateBeginningOffsets(Map.of(DLQ_0, 0L));
        consumer.updateEndOffsets(Map.of(DLQ_0, end));
        consumer.assign(Set.of(DLQ_0)); // the mock only answers committed() for assigned partitions
        if (committed != null) {
            consumer.commitSync(Map.of(DLQ_0, new OffsetAndMetadata(committed)));
        }
        consumer.schedulePollTask(() -> List.of(records).forEach(consumer::addRecord));
    }

    private long lastCommitted() {
        final List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> commits = producer.consumerGroupOffsetsHistory();
        return commits.get(commits.size() - 1).values().iterator().next().get(DLQ_0).offset();
    }

    private static ConsumerRecord<byte[], byte[]> record(final long offset, final String source,
                                                         final String sourcePartition) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.CODE, bytes("undecodable"));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(source));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(sourcePartition));
        return new ConsumerRecord<>(DLQ, 0, offset, 1_000L + offset, TimestampType.CREATE_TIME, 8, 6,
                bytes("acme:A-" + offset), new byte[] {0, 0, 0, 0, 9, (byte) offset}, headers, Optional.empty());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
