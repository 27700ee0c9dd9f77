package dev.stockflow.metrics;

import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.Input;
import dev.stockflow.topology.ProcessingListener;
import dev.stockflow.topology.TopologySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stockflow's own meters, registered up front so every series exists (at 0) from the start:
 * <ul>
 *   <li>{@code stockflow_events_total{topic,outcome}}, outcome changed|unchanged|stale|duplicate|invalid;</li>
 *   <li>{@code stockflow_snapshots_total}, {@code stockflow_tombstones_total};</li>
 *   <li>{@code stockflow_dlq_total{code}};</li>
 *   <li>{@code stockflow_snapshot_latency_seconds}, a histogram of the time from an event's record
 *       timestamp (its occurredAt when produced by feed or generate) to its snapshot's emission.</li>
 * </ul>
 * Counters are resolved into arrays once, so the per-event cost is an array index and an add.
 */
public final class StockflowMetrics implements ProcessingListener {

    public static final String EVENTS = "stockflow.events";
    public static final String SNAPSHOTS = "stockflow.snapshots";
    public static final String TOMBSTONES = "stockflow.tombstones";
    public static final String DLQ = "stockflow.dlq";
    public static final String SNAPSHOT_LATENCY = "stockflow.snapshot.latency";
    public static final String INVALID_OUTCOME = "invalid";

    private final Counter[][] outcomes = new Counter[Input.values().length][Outcome.values().length];
    private final Counter[] invalid = new Counter[Input.values().length];
    private final Counter[] deadLetters = new Counter[RejectReason.values().length];
    private final Counter snapshots;
    private final Counter tombstones;
    private final Timer latency;

    public StockflowMetrics(final MeterRegistry registry, final TopologySettings settings) {
        for (final Input input : Input.values()) {
            final String topic = settings.topicOf(input);
            for (final Outcome outcome : Outcome.values()) {
                outcomes[input.ordinal()][outcome.ordinal()] = events(registry, topic, outcome.label());
            }
            invalid[input.ordinal()] = events(registry, topic, INVALID_OUTCOME);
        }
        for (final RejectReason reason : RejectReason.values()) {
            deadLetters[reason.ordinal()] = Counter.builder(DLQ).tag("code", reason.code())
                    .description("Records sent to the dead-letter topic, by error code").register(registry);
        }
        snapshots = Counter.builder(SNAPSHOTS).description("Snapshots emitted").register(registry);
        tombstones = Counter.builder(TOMBSTONES).description("Tombstones emitted for offers gone").register(registry);
        latency = Timer.builder(SNAPSHOT_LATENCY)
                .description("Time from an event's record timestamp to the emission of its snapshot")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5))
                .register(registry);
    }

    private static Counter events(final MeterRegistry registry, final String topic, final String outcome) {
        return Counter.builder(EVENTS).tag("topic", topic).tag("outcome", outcome)
                .description("Input events by topic and outcome").register(registry);
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
    public void onSnapshot(final long latencyMs) {
        snapshots.increment();
        latency.record(Math.max(latencyMs, 0L), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTombstone() {
        tombstones.increment();
    }
}
