package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.DeadLetter;
import dev.stockflow.deadletter.ReplayHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The sending half of {@code dlq replay}: a transactional producer that sends a batch of replayed records and
 * commits the dead-letter offsets they came from in the same transaction ({@code sendOffsetsToTransaction}).
 * Either a batch's records are on their source topics and its progress is committed, or neither is, so a crash or
 * a Ctrl-C at any moment neither loses a replay nor sends one twice; the processor reads its inputs
 * {@code read_committed} under exactly-once, so an aborted batch is never processed.
 *
 * <p>The transactional id is the same for every run of one application ({@code <application.id>-dlq-replay}): a
 * second replay started meanwhile fences the first, which stops with a clear error instead of both sending.
 */
final class ReplaySender implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<byte[], byte[]> producer;
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    ReplaySender(final StockflowConfig config, final String groupId) {
        final Map<String, Object> settings = new HashMap<>(KafkaClientSettings.producer(config, Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 20)));
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, groupId);
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Over a producer built elsewhere (tests); it must be transactional. */
    ReplaySender(final Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Fences any older producer of this transactional id and ends its open transaction: called before the replay
     * reads its committed offsets, so that they are final.
     */
    void start() {
        producer.initTransactions();
    }

    /** The record to send for a dead letter: same key, value and timestamp, to its source topic and partition. */
    ProducerRecord<byte[], byte[]> replayOf(final ConsumerRecord<byte[], byte[]> record, final DeadLetter letter) {
        return new ProducerRecord<>(letter.sourceTopic(), partitionOf(letter),
                record.timestamp() >= 0 ? record.timestamp() : null, record.key(), record.value(),
                ReplayHeaders.of(record.headers(), letter));
    }

    /**
     * Sends the records and commits the offsets in one transaction.
     *
     * @param group the reading consumer's group metadata; it reads assigned partitions, so it is no group member
     *              and the commit is fenced by the transactional id alone
     * @throws ReplayFencedException another replay of this application took over
     * @throws KafkaException        the transaction failed and was aborted: nothing of it happened
     */
    void commit(final List<ProducerRecord<byte[], byte[]>> records,
                final Map<TopicPartition, OffsetAndMetadata> progress, final ConsumerGroupMetadata group) {
        try {
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.sendOffsetsToTransaction(progress, group);
            producer.commitTransaction();
        } catch (final ProducerFencedException | InvalidProducerEpochException e) {
            throw new ReplayFencedException(e);
        } catch (final KafkaException e) {
            abortQuietly(e);
            throw e;
        }
    }

    /**
     * The partition the record came from, so it lands where it was first, as long as the topic still has it;
     * else the default partitioner places it by key.
     */
    private Integer partitionOf(final DeadLetter letter) {
        final int count = partitionCounts.computeIfAbsent(letter.sourceTopic(),
                topic -> producer.partitionsFor(topic).size());
        return letter.sourcePartition() >= 0 && letter.sourcePartition() < count ? letter.sourcePartition() : null;
    }

    private void abortQuietly(final KafkaException failure) {
        try {
            producer.abortTransaction();
        } catch (final KafkaException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** Another {@code dlq replay} of the same application initialised its producer after this one. */
    static final class ReplayFencedException extends KafkaException {
        private static final long serialVersionUID = 1L;

        ReplayFencedException(final Throwable cause) {
            super("another dlq replay of this application started and took over", cause);
        }
    }
}
