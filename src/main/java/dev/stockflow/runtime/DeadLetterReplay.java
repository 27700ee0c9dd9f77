package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.DeadLetter;
import dev.stockflow.deadletter.ReplayDecision;
import dev.stockflow.deadletter.ReplayFilter;
import dev.stockflow.deadletter.ReplayTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dlq replay}: reads the dead-letter topic from where the last replay stopped up to its end offsets taken
 * at start ({@link ReplayRange}), and sends the dead letters the {@link ReplayFilter} lets through back to their
 * source topics, unchanged but for the headers ({@link dev.stockflow.deadletter.ReplayHeaders}).
 *
 * <p>Progress is the committed offset of the consumer group {@code <application.id>-dlq-replay}: every record
 * read, replayed or skipped, is behind it once its batch is committed, so the same range is never sent twice.
 * The end offsets taken at start are the loop guard: a replayed record that fails again is dead-lettered after
 * them, so the run that sent it never reads it; only a later, explicit run replays it (once).
 * Records and progress are committed together by {@link ReplaySender}. A dry run reads the same range and counts,
 * without a producer and without committing anything.
 */
public final class DeadLetterReplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final String GROUP_SUFFIX = "-dlq-replay";
    private static final Duration POLL = Duration.ofMillis(500);
    /** A read that moves no partition forward for this long has lost the broker. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final ReplayFilter filter;
    private final Consumer<byte[], byte[]> consumer;
    private final ReplaySender sender;
    private ReplayRange range;

    private DeadLetterReplay(final ReplayFilter filter, final Consumer<byte[], byte[]> consumer,
                             final ReplaySender sender) {
        this.filter = filter;
        this.consumer = consumer;
        this.sender = sender;
    }

    /** The consumer group (and transactional id) that keeps the progress of the application's replays. */
    public static String groupId(final StockflowConfig config) {
        return config.getString(StockflowConfig.APPLICATION_ID_CONFIG) + GROUP_SUFFIX;
    }

    /**
     * Connects and fixes the range to read. A real run starts its transactional producer first, which fences an
     * older replay and ends its open transaction, so the committed offsets read next are final.
     *
     * @param dryRun only read and count: no producer, nothing committed
     * @param rescan read from the beginning of the topic instead of where the last replay stopped
     */
    public static DeadLetterReplay open(final StockflowConfig config, final ReplayFilter filter, final boolean dryRun,
                                        final boolean rescan) {
        final String groupId = groupId(config);
        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientSettings.consumer(config,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId,
                        ConsumerConfig.CLIENT_ID_CONFIG, groupId,
                        ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final ReplaySender sender;
        try {
            sender = dryRun ? null : new ReplaySender(config, groupId);
        } catch (final RuntimeException e) {
            consumer.close();
            throw e;
        }
        return over(filter, consumer, sender, config.getString(StockflowConfig.TOPIC_DLQ_CONFIG), rescan);
    }

    /**
     * A replay of the topic through the given clients, which it closes.
     *
     * @param sender null for a dry run
     */
    static DeadLetterReplay over(final ReplayFilter filter, final Consumer<byte[], byte[]> consumer,
                                 final ReplaySender sender, final String topic, final boolean rescan) {
        final DeadLetterReplay replay = new DeadLetterReplay(filter, consumer, sender);
        try {
            if (sender != null) {
                sender.start();
            }
            replay.range = ReplayRange.of(consumer, topic, rescan);
            return replay;
        } catch (final RuntimeException e) {
            replay.close();
            throw e;
        }
    }

    public ReplayRange range() {
        return range;
    }

    /**
     * Reads the range, replaying and committing batch by batch (a dry run only counts).
     *
     * @return the counts of the whole range
     * @throws ReplayStoppedException a batch could not be committed; the counts of the batches before it are in it
     */
    public ReplayTally run() {
        final ReplayTally total = new ReplayTally();
        final Set<TopicPartition> unfinished = new HashSet<>();
        consumer.assign(range.partitions());
        for (final TopicPartition partition : range.partitions()) {
            consumer.seek(partition, range.start(partition));
            if (range.start(partition) < range.end(partition)) {
                unfinished.add(partition);
            }
        }
        consumer.pause(finished(range.partitions(), unfinished));
        final Map<TopicPartition, Long> settled = new HashMap<>();
        long lastMove = System.nanoTime();
        while (!unfinished.isEmpty()) {
            final Batch batch = read(consumer.poll(POLL));
            final Map<TopicPartition, OffsetAndMetadata> progress = progress(unfinished, settled);
            if (!progress.isEmpty()) {
                settle(batch, progress, total);
                progress.forEach((partition, offset) -> settled.put(partition, offset.offset()));
                lastMove = System.nanoTime();
            }
            unfinished.removeIf(partition -> settled.getOrDefault(partition, -1L) >= range.end(partition));
            consumer.pause(finished(range.partitions(), unfinished));
            if (System.nanoTime() - lastMove > STALL_TIMEOUT.toNanos()) {
                throw new ReplayStoppedException("no progress reading " + range.topic() + " for "
                        + STALL_TIMEOUT.toSeconds() + " s; is Kafka reachable?", total, null);
            }
        }
        return total;
    }

    /** The records of one poll below their partition's end offset, counted, and the replays to send. */
    private Batch read(final Iterable<ConsumerRecord<byte[], byte[]>> records) {
        final Batch batch = new Batch();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= range.end(partition)) {
                continue; // dead-lettered after the run started: a later run's
            }
            final DeadLetter letter = DeadLetter.of(record);
            final ReplayDecision decision = filter.decide(letter);
            batch.tally.count(letter, decision);
            if (decision == ReplayDecision.REPLAY && sender != null) {
                batch.replays.add(sender.replayOf(record, letter));
            }
        }
        return batch;
    }

    /** Where each unfinished partition now stands (never past its end offset), where that moved since last time. */
    private Map<TopicPartition, OffsetAndMetadata> progress(final Set<TopicPartition> unfinished,
                                                            final Map<TopicPartition, Long> settled) {
        final Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
        for (final TopicPartition partition : unfinished) {
            final long position = Math.min(consumer.position(partition), range.end(partition));
            if (position > settled.getOrDefault(partition, range.start(partition))) {
                progress.put(partition, new OffsetAndMetadata(position));
            }
        }
        return progress;
    }

    private void settle(final Batch batch, final Map<TopicPartition, OffsetAndMetadata> progress,
                        final ReplayTally total) {
        if (sender != null) {
            try {
                sender.commit(batch.replays, progress, consumer.groupMetadata());
            } catch (final KafkaException e) {
                throw new ReplayStoppedException("replay stopped: " + e.getMessage(), total, e);
            }
            LOG.debug("Committed {} replayed records with the progress {}", batch.replays.size(), progress);
        }
        total.add(batch.tally);
    }

    private static Set<TopicPartition> finished(final Set<TopicPartition> all, final Set<TopicPartition> unfinished) {
        final Set<TopicPartition> finished = new HashSet<>(all);
        finished.removeAll(unfinished);
        return finished;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
        consumer.close();
    }

    /** What one poll brought: its counts and the records to send. */
    private static final class Batch {
        private final ReplayTally tally = new ReplayTally();
        private final List<ProducerRecord<byte[], byte[]>> replays = new ArrayList<>();
    }
}
