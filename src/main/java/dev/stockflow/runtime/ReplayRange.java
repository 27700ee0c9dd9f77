package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;

/**
 * The part of the dead-letter topic one {@code dlq replay} reads, per partition: from where the last replay
 * stopped (the offset committed in the replay's consumer group), or from the beginning, up to the end offsets
 * taken when it started. Records dead-lettered after that, replays that fail again among them, are left for a
 * later run.
 *
 * @param topic   the dead-letter topic
 * @param start   per partition, the first offset to read
 * @param end     per partition, the offset to stop at (the last stable offset when the run started)
 * @param resumed whether the start is where an earlier replay stopped (else the beginning of the topic)
 */
public record ReplayRange(String topic, Map<Integer, Long> start, Map<Integer, Long> end, boolean resumed) {

    public ReplayRange {
        start = Map.copyOf(new TreeMap<>(start));
        end = Map.copyOf(new TreeMap<>(end));
    }

    /**
     * The range as it stands now: the consumer's group's committed offsets (unless {@code rescan}) or the
     * beginning, up to the end offsets, which a {@code read_committed} consumer gets as the last stable offsets.
     *
     * @throws ConfigException the topic does not exist
     */
    static ReplayRange of(final Consumer<?, ?> consumer, final String topic, final boolean rescan) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new ConfigException("The dead-letter topic " + topic + " does not exist. Fix "
                    + StockflowConfig.TOPIC_DLQ_CONFIG + " in the --config file or STOCKFLOW_TOPIC_DLQ.");
        }
        final Set<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
        final Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        final Map<TopicPartition, OffsetAndMetadata> committed = rescan ? Map.of() : consumer.committed(partitions);
        final Map<Integer, Long> start = new HashMap<>();
        final Map<Integer, Long> end = new HashMap<>();
        boolean resumed = false;
        for (final TopicPartition partition : partitions) {
            final OffsetAndMetadata offset = committed.get(partition);
            resumed |= offset != null;
            start.put(partition.partition(), startOf(offset, beginning.get(partition), ends.get(partition)));
            end.put(partition.partition(), ends.get(partition));
        }
        return new ReplayRange(topic, start, end, resumed);
    }

    /**
     * Where the last replay stopped; the beginning when there was none, when retention deleted records there
     * since, or when the committed offset is past the end (the topic was deleted and created again).
     */
    private static long startOf(final OffsetAndMetadata committed, final long beginning, final long end) {
        if (committed == null || committed.offset() > end) {
            return beginning;
        }
        return Math.max(beginning, committed.offset());
    }

    Set<TopicPartition> partitions() {
        return end.keySet().stream().map(partition -> new TopicPartition(topic, partition)).collect(Collectors.toSet());
    }

    long start(final TopicPartition partition) {
        return start.get(partition.partition());
    }

    long end(final TopicPartition partition) {
        return end.get(partition.partition());
    }
}
