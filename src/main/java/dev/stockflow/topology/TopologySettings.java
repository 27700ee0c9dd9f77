package dev.stockflow.topology;

import dev.stockflow.offer.RuleSettings;
import java.time.Duration;

/**
 * Everything the topology needs to know: topic names, the rule tunables and the bad-input policy.
 *
 * @param maxFutureSkewMs    how far ahead of the wall clock an occurredAt may be before it is rejected
 * @param sweepIntervalMs    how often (wall clock) the store is swept for delistings past retention
 * @param sweepBatch         how many stored offers one sweep visits, resuming where the last stopped
 * @param offerCacheBytes    the heap budget for decoded offers in front of the store (see {@link OfferStore})
 * @param registerSnapshotSchema whether the snapshot schema is registered when the registry lacks it
 *                           ({@code auto.register.schemas}); otherwise it must already be registered
 */
public record TopologySettings(String stockTopic, String priceTopic, String delistingTopic, String snapshotTopic,
                               String dlqTopic, RuleSettings rules, long maxFutureSkewMs, long sweepIntervalMs,
                               int sweepBatch, long offerCacheBytes, boolean registerSnapshotSchema) {

    public static final String DEFAULT_STOCK_TOPIC = "stock-updates";
    public static final String DEFAULT_PRICE_TOPIC = "price-updates";
    public static final String DEFAULT_DELISTING_TOPIC = "offer-delistings";
    public static final String DEFAULT_SNAPSHOT_TOPIC = "offer-snapshots";
    public static final String DEFAULT_DLQ_TOPIC = "stockflow-dlq";
    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = Duration.ofHours(1).toMillis();
    public static final long DEFAULT_SWEEP_INTERVAL_MS = Duration.ofSeconds(30).toMillis();
    public static final int DEFAULT_SWEEP_BATCH = 10_000;
    public static final long DEFAULT_OFFER_CACHE_BYTES = 64L * 1024 * 1024;

    public static final TopologySettings DEFAULTS = new TopologySettings(DEFAULT_STOCK_TOPIC, DEFAULT_PRICE_TOPIC,
            DEFAULT_DELISTING_TOPIC, DEFAULT_SNAPSHOT_TOPIC, DEFAULT_DLQ_TOPIC, RuleSettings.DEFAULTS,
            DEFAULT_MAX_FUTURE_SKEW_MS, DEFAULT_SWEEP_INTERVAL_MS, DEFAULT_SWEEP_BATCH, DEFAULT_OFFER_CACHE_BYTES, true);

    /** The registry subject of the snapshot topic's values (TopicNameStrategy). */
    public String snapshotSubject() {
        return snapshotTopic + "-value";
    }

    public String topicOf(final Input input) {
        return switch (input) {
            case STOCK -> stockTopic;
            case PRICE -> priceTopic;
            case DELISTING -> delistingTopic;
        };
    }

    public TopologySettings withRules(final RuleSettings newRules) {
        return new TopologySettings(stockTopic, priceTopic, delistingTopic, snapshotTopic, dlqTopic, newRules,
                maxFutureSkewMs, sweepIntervalMs, sweepBatch, offerCacheBytes, registerSnapshotSchema);
    }
}
