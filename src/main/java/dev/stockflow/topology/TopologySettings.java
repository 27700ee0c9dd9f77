package dev.stockflow.topology;

import dev.stockflow.deadletter.DeadLetterTopics;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.RuleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the topology needs to know: topic names, the rule tunables and the bad-input policy.
 *
 * @param inputTopics        the topic of every {@link Input}
 * @param maxFutureSkewMs    how far ahead of the wall clock an occurredAt may be before it is rejected
 * @param sweepIntervalMs    how often (wall clock) the store is swept for delistings past their retention
 *                           and for the versions of ended order lines past theirs
 * @param sweepBatch         how many stored offers one sweep visits, resuming where the last stopped
 * @param offerCacheBytes    the heap budget for decoded offers in front of the store (see {@link OfferStore})
 * @param registerSnapshotSchema whether the snapshot schema is registered when the registry lacks it
 *                           ({@code auto.register.schemas}); otherwise it must already be registered
 */
public record TopologySettings(Map<Input, String> inputTopics, String snapshotTopic, String dlqTopic,
                               RuleSettings rules, long maxFutureSkewMs, long sweepIntervalMs, int sweepBatch,
                               long offerCacheBytes, boolean registerSnapshotSchema) {

    public static final String DEFAULT_SNAPSHOT_TOPIC = "offer-snapshots";
    public static final String DEFAULT_DLQ_TOPIC = "stockflow-dlq";
    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = Duration.ofHours(1).toMillis();
    public static final long DEFAULT_SWEEP_INTERVAL_MS = Duration.ofSeconds(30).toMillis();
    public static final int DEFAULT_SWEEP_BATCH = 10_000;
    public static final long DEFAULT_OFFER_CACHE_BYTES = 64L * 1024 * 1024;

    public static final TopologySettings DEFAULTS = new TopologySettings(defaultInputTopics(), DEFAULT_SNAPSHOT_TOPIC,
            DEFAULT_DLQ_TOPIC, RuleSettings.DEFAULTS, DEFAULT_MAX_FUTURE_SKEW_MS, DEFAULT_SWEEP_INTERVAL_MS,
            DEFAULT_SWEEP_BATCH, DEFAULT_OFFER_CACHE_BYTES, true);

    /** Every input needs its topic; the map is copied, so the settings stay as they were built. */
    public TopologySettings {
        for (final Input input : Input.values()) {
            if (inputTopics.get(input) == null) {
                throw new IllegalArgumentException("no topic for input " + input);
            }
        }
        inputTopics = Collections.unmodifiableMap(new EnumMap<>(inputTopics));
    }

    /** Each input's {@link Input#defaultTopic()}. */
    public static Map<Input, String> defaultInputTopics() {
        final Map<Input, String> topics = new EnumMap<>(Input.class);
        for (final Input input : Input.values()) {
            topics.put(input, input.defaultTopic());
        }
        return topics;
    }

    /** The registry subject of the snapshot topic's values (TopicNameStrategy). */
    public String snapshotSubject() {
        return snapshotTopic + "-value";
    }

    public String topicOf(final Input input) {
        return inputTopics.get(input);
    }

    /** The input topics in {@link Input} order. */
    public List<String> inputTopicNames() {
        return new ArrayList<>(inputTopics.values());
    }

    /** What the dead-letter handlers need to know of the topics. */
    public DeadLetterTopics deadLetterTopics() {
        return new DeadLetterTopics(dlqTopic, snapshotTopic, inputTopics);
    }

    public TopologySettings withRules(final RuleSettings newRules) {
        return new TopologySettings(inputTopics, snapshotTopic, dlqTopic, newRules, maxFutureSkewMs,
                sweepIntervalMs, sweepBatch, offerCacheBytes, registerSnapshotSchema);
    }
}
