package dev.stockflow.metrics;

import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.Input;
import dev.stockflow.topology.ProcessingListener;
import dev.stockflow.topology.TopologySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;

/**
 * Stockflow's own meters, registered up front so every series exists (at 0) from the start:
 * <ul>
 *   <li>{@code stockflow_events_total{topic,outcome}}, outcome changed|unchanged|stale|duplicate|invalid;</li>
 *   <li>{@code stockflow_snapshots_total}, {@code stockflow_tombstones_total};</li>
 *   <li>{@code stockflow_dlq_total{code}};</li>
 *   <li>{@code stockflow_replayed_events_total{topic,outcome}}: the events among those of
 *       {@code stockflow_events_total} that were dead letters sent back by {@code dlq replay} (marked with
 *       {@code stockflow.replay.of}), by what they came to; {@code invalid}: dead-lettered again;</li>
 *   <li>{@code stockflow_state_writes_refused_total}: offer states too large for the changelog (the store keeps
 *       them, a restore would not), which an offer with very many order lines can reach;</li>
 *   <li>{@code stockflow_snapshot_latency_seconds}, a histogram of the time from an event's record
 *       timestamp (its occurredAt when produced by feed or generate) to its snapshot's emission.</li>
 * </ul>
 * The latency is a Prometheus histogram of seconds, registered with the Prometheus client itself: a Micrometer
 * timer adds nanoseconds in a {@code long}, and events that are days old (a partner re-sending last quarter's
 * feed) overflow it after a few thousand snapshots, turning {@code _sum} negative, and a Prometheus counter
 * must never go down; a Micrometer distribution summary adds a {@code double} but rounds each value up to a
 * whole unit before it picks the bucket. The client's histogram adds seconds in a {@code double} and buckets
 * them as they are.
 * Counters are resolved into arrays once, so the per-event cost is an array index and an add.
 */
public final class StockflowMetrics implements ProcessingListener {

    public static final String EVENTS = "stockflow.events";
    public static final String SNAPSHOTS = "stockflow.snapshots";
    public static final String TOMBSTONES = "stockflow.tombstones";
    public static final String DLQ = "stockflow.dlq";
    public static final String REPLAYED_EVENTS = "stockflow.replayed.events";
    public static final String STATE_WRITES_REFUSED = "stockflow.state.writes.refused";
    public static final String SNAPSHOT_LATENCY_SECONDS = "stockflow_snapshot_latency_seconds";
    public static final String INVALID_OUTCOME = "invalid";

    private final Counter[][] outcomes = new Counter[Input.values().length][Outcome.values().length];
    private final Counter[] invalid = new Counter[Input.values().length];
    private final Counter[][] replayed = new Counter[Input.values().length][Outcome.values().length];
    private final Counter[] replayedInvalid = new Counter[Input.values().length];
    private final Counter[] deadLetters = new Counter[RejectReason.values().length];
    private final Counter snapshots;
    private final Counter tombstones;
    private final Counter stateWritesRefused;
    private final Histogram latency;

    public StockflowMetrics(final PrometheusMeterRegistry registry, final TopologySettings settings) {
        for (final Input input : Input.values()) {
            final String topic = settings.topicOf(input);
            for (final Outcome outcome : Outcome.values()) {
                outcomes[input.ordinal()][outcome.ordinal()] = events(registry, topic, outcome.label());
                replayed[input.ordinal()][outcome.ordinal()] = replayedEvents(registry, topic, outcome.label());
            }
            invalid[input.ordinal()] = events(registry, topic, INVALID_OUTCOME);
            replayedInvalid[input.ordinal()] = replayedEvents(registry, topic, INVALID_OUTCOME);
        }
        for (final RejectReason reason : RejectReason.values()) {
            deadLetters[reason.ordinal()] = Counter.builder(DLQ).tag("code", reason.code())
                    .description("Records sent to the dead-letter topic, by error code").register(registry);
        }
        snapshots = Counter.builder(SNAPSHOTS).description("Snapshots emitted").register(registry);
        tombstones = Counter.builder(TOMBSTONES).description("Tombstones emitted for offers gone").register(registry);
        stateWritesRefused = Counter.builder(STATE_WRITES_REFUSED)
                .description("Offer states Kafka refused to write to the changelog as too large").register(registry);
        latency = Histogram.builder().name(SNAPSHOT_LATENCY_SECONDS)
                .help("Time from an event's record timestamp to the emission of its snapshot")
                .classicOnly().withoutExemplars()
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300)
                .register(registry.getPrometheusRegistry());
    }

    private static Counter events(final MeterRegistry registry, final String topic, final String outcome) {
        return Counter.builder(EVENTS).tag("topic", topic).tag("outcome", outcome)
                .description("Input events by topic and outcome").register(registry);
    }

    private static Counter replayedEvents(final MeterRegistry registry, final String topic, final String outcome) {
        return Counter.builder(REPLAYED_EVENTS).tag("topic", topic).tag("outcome", outcome)
                .description("Dead letters sent back by dlq replay, by input topic and what they came to")
                .register(registry);
    }

    @Override
    public void onOutcome(final Input input, final Outcome outcome) {
        outcomes[input.ordinal()][outcome.ordinal()].increment();
    }

    @Override
    public void onRejected(final Input input, final RejectReason reason) {
        invalid[input.ordinal()].increment();
        deadLetters[reason.ordinal()].increment();
    }

    @Override
    public void onReplayOutcome(final Input input, final Outcome outcome) {
        replayed[input.ordinal()][outcome.ordinal()].increment();
    }

    @Override
    public void onReplayRejected(final Input input) {
        replayedInvalid[input.ordinal()].increment();
    }

    @Override
    public void onStateNotWritten() {
        stateWritesRefused.increment();
    }

    @Override
    public void onSnapshot(final long latencyMs) {
        snapshots.increment();
        latency.observe(Math.max(latencyMs, 0L) / 1000.0);
    }

    @Override
    public void onTombstone() {
        tombstones.increment();
    }

    /**
     * The latency histogram's buckets as of now (seconds; counts per bucket, not cumulative), for the status
     * page's percentiles over a recent window. Read it once a second at most: the client briefly buffers
     * observations while it copies the buckets.
     */
    public ClassicHistogramBuckets latencyBuckets() {
        final var points = latency.collect().getDataPoints();
        return points.isEmpty() ? ClassicHistogramBuckets.EMPTY : points.get(0).getClassicBuckets();
    }
}
