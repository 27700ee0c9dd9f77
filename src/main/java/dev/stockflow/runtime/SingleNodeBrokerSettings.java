package dev.stockflow.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings that make a one-node Kafka cluster behave like a healthy production one for
 * Stockflow: internal topics that fit on one replica, transactions enabled (exactly_once_v2), no
 * rebalance delay, and thread pools and buffers sized for a developer laptop.
 *
 * <p>Shared by the embedded demo broker and the integration-test cluster so both run the same way.
 */
public final class SingleNodeBrokerSettings {

    private static final String ONE = "1";
    private static final String INTERNAL_TOPIC_PARTITIONS = "4";
    private static final String SEGMENT_BYTES = Integer.toString(16 * 1024 * 1024);
    private static final String CLEANER_BUFFER_BYTES = Integer.toString(8 * 1024 * 1024);

    private SingleNodeBrokerSettings() {
    }

    /** A fresh, modifiable map of broker config names to values. */
    public static Map<String, String> devCluster() {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.putAll(internalTopics());
        settings.put("default.replication.factor", ONE);
        settings.put("min.insync.replicas", ONE);
        settings.put("num.partitions", ONE);
        // A one-node cluster has nobody to wait for: start the first rebalance at once.
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.putAll(smallFootprint());
        return settings;
    }

    /** The offsets, transaction and share-state topics default to three replicas, which one node cannot host. */
    private static Map<String, String> internalTopics() {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", ONE);
        settings.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        settings.put("transaction.state.log.replication.factor", ONE);
        settings.put("transaction.state.log.min.isr", ONE);
        settings.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        settings.put("share.coordinator.state.topic.replication.factor", ONE);
        settings.put("share.coordinator.state.topic.min.isr", ONE);
        return settings;
    }

    /** Fewer threads and smaller buffers than Kafka's server defaults, which assume a dedicated machine. */
    private static Map<String, String> smallFootprint() {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("background.threads", "4");
        settings.put("log.segment.bytes", SEGMENT_BYTES);
        // The compaction key map is allocated up front; 128 MB by default is too much for a small heap.
        settings.put("log.cleaner.dedupe.buffer.size", CLEANER_BUFFER_BYTES);
        return settings;
    }
}
