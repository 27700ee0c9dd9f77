package dev.stockflow.bench.app;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The physical limit: a plain consumer that copies every input record, bytes untouched, to an output
 * topic through a producer. At-least-once (offsets are committed only after the producer has flushed
 * what was read), lz4, and the same batching as Stockflow's own clients. Nothing is decoded.
 */
final class PassthroughApp implements BenchmarkedApp {

    private static final Logger LOG = LoggerFactory.getLogger(PassthroughApp.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long COMMIT_EVERY_MS = 1_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String output;
    private final long expected;
    private final Thread loop;
    private volatile boolean closing;
    private volatile long runningSince;
    private volatile long committed;
    private volatile long committedAt;
    private long copied;
    private long lastCommit;

    PassthroughApp(final AppSettings settings) {
        this.output = settings.get(AppSettings.OUTPUT_TOPIC);
        this.expected = settings.expected();
        this.consumer = new KafkaConsumer<>(consumerProperties(settings), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties(settings), new ByteArraySerializer(),
                new ByteArraySerializer());
        consumer.subscribe(List.of(settings.get(AppSettings.STOCK_TOPIC), settings.get(AppSettings.PRICE_TOPIC),
                settings.get(AppSettings.DELISTING_TOPIC)), new ReadyOnAssignment());
        loop = new Thread(this::copyUntilClosed, "passthrough");
        loop.start();
    }

    private static Properties consumerProperties(final AppSettings settings) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(AppSettings.BOOTSTRAP));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get(AppSettings.RUN_ID));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return props;
    }

    private static Properties producerProperties(final AppSettings settings) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(AppSettings.BOOTSTRAP));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return props;
    }

    private void copyUntilClosed() {
        try {
            while (!closing) {
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (final ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(output, record.partition(), record.timestamp(), record.key(),
                            record.value(), record.headers()));
                }
                copied += records.count();
                commitWhenDue(!records.isEmpty());
            }
            commitWhenDue(true);
        } catch (final RuntimeException e) {
            LOG.error("The passthrough copy failed", e);
        } finally {
            producer.close();
            consumer.close();
        }
    }

    /** At-least-once: what was read is flushed to the output before its offsets are committed. */
    private void commitWhenDue(final boolean progressed) {
        final long now = System.currentTimeMillis();
        final boolean due = now - lastCommit >= COMMIT_EVERY_MS || expected >= 0 && copied >= expected;
        if (progressed && due && copied > committed) {
            producer.flush();
            consumer.commitSync();
            lastCommit = now;
            committedAt = System.currentTimeMillis();
            committed = copied;
        }
    }

    @Override
    public long runningSince() {
        return runningSince;
    }

    @Override
    public long completedAt(final long expectedRecords) {
        return expectedRecords >= 0 && committed >= expectedRecords ? committedAt : -1;
    }

    @Override
    public Map<String, Object> counters() {
        return Map.of("copied", committed);
    }

    @Override
    public void close() {
        closing = true;
        try {
            loop.join(Duration.ofSeconds(30).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class ReadyOnAssignment implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty() && runningSince == 0) {
                runningSince = System.currentTimeMillis();
            }
        }

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            // Nothing to hand over: offsets are committed after each flush.
        }
    }
}
