package dev.stockflow.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the snapshot topic as a downstream {@code read_committed} reader does, and counts, per offer, the
 * records committed so far. A lookup answer is judged against that count taken when the lookup was sent:
 * whatever the tail has read by then was committed by then (the tail may lag, which only makes the judgement
 * more lenient, never stricter).
 */
final class SnapshotTail implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Thread thread;
    private final String bootstrapServers;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    SnapshotTail(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.thread = new Thread(this::follow, "snapshot-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(ChaosLab.SNAPSHOT_TOPIC)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    counts.computeIfAbsent(record.key(), key -> new AtomicInteger()).incrementAndGet();
                }
                caughtUp = caughtUp || ends.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            }
        }
    }

    /** Waits until the tail has read what the topic held when it started. */
    void awaitCaughtUp(final Duration timeout) {
        Pause.until(() -> caughtUp, timeout, thread::isAlive, () -> "the snapshot tail read the topic");
    }

    /** Records of the offer committed and read so far. */
    int count(final String key) {
        final AtomicInteger count = counts.get(key);
        return count == null ? 0 : count.get();
    }

    /** The offers read so far with how many records each. */
    Map<String, Integer> counts() {
        final Map<String, Integer> copy = new HashMap<>();
        counts.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
