package dev.stockflow.bench;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.ReferenceModel;
import dev.stockflow.reference.Step;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The final snapshots the rules call for, computed by the test suite's {@link ReferenceModel} (a second,
 * deliberately plain reading of the rules that shares no logic with the processor) from the very events
 * that were preloaded, in the order they were produced.
 *
 * <p>The reference model is built for clarity, not for millions of events: it keeps every emission, and
 * it scans all its offers on every event to forget expired delistings. So the offers are spread over many
 * small models (a few offers each, which keeps the scan short) and, when the models of all offers would
 * not fit in memory, over several passes, each replaying the seeded workload and keeping only its share of
 * the offers. Offers never interact, and no delisting expires within a benchmark's event time span, so the
 * split changes nothing.
 */
final class ExpectedSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(ExpectedSnapshots.class);
    private static final int OFFERS_PER_MODEL = 16;
    private static final long BYTES_PER_OFFER = 1_500;
    private static final long BYTES_PER_EMISSION = 1_500;
    private static final double EMISSIONS_PER_STEADY_EVENT = 0.45;

    private final Workload workload;
    private final RuleSettings rules;
    private final int passes;
    private final int modelsPerPass;

    private ExpectedSnapshots(final Workload workload, final RuleSettings rules, final long memoryBudgetBytes) {
        this.workload = workload;
        this.rules = rules;
        final long estimate = workload.settings().offers() * BYTES_PER_OFFER
                + (long) ((workload.initialEvents() + workload.steadyEvents() * EMISSIONS_PER_STEADY_EVENT)
                * BYTES_PER_EMISSION);
        this.passes = (int) Math.max(1, (estimate + memoryBudgetBytes - 1) / memoryBudgetBytes);
        this.modelsPerPass = Math.max(1, workload.settings().offers() / passes / OFFERS_PER_MODEL);
    }

    /** What the reference model expects of a workload's input. */
    record Expectation(Map<String, SnapshotDigest> snapshots, Map<String, Long> outcomes, long snapshotsEmitted,
                       long tombstonesEmitted, int passes) {
    }

    static Expectation compute(final Workload workload, final RuleSettings rules, final long memoryBudgetBytes) {
        if (workload.eventTimeSpan().toMillis() >= rules.delistRetentionMs()) {
            throw new IllegalArgumentException("the workload spans " + workload.eventTimeSpan()
                    + " of event time, as much as the delisting retention: the reference comparison assumes less");
        }
        return new ExpectedSnapshots(workload, rules, memoryBudgetBytes).compute();
    }

    /** The full text of the expected snapshots of a few offers, for a mismatch report. */
    static Map<String, String> describe(final Workload workload, final RuleSettings rules, final Set<String> keys) {
        final ReferenceModel model = new ReferenceModel(rules);
        workload.replay(generated -> {
            final KeyedEvent event = ProcessorView.of(generated);
            if (event != null && keys.contains(event.offerKey())) {
                model.deliver(event);
            }
        });
        final Map<String, OfferSnapshot> snapshots = model.snapshots();
        final Map<String, String> described = new TreeMap<>();
        for (final String key : keys) {
            final OfferSnapshot snapshot = snapshots.get(key);
            described.put(key, snapshot == null ? "(no snapshot)" : SnapshotDigest.describe(snapshot));
        }
        return described;
    }

    private Expectation compute() {
        final Map<String, SnapshotDigest> digests = new HashMap<>();
        final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        final long[] counts = new long[3]; // invalid, snapshots, tombstones
        for (int pass = 0; pass < passes; pass++) {
            final long started = System.nanoTime();
            final ReferenceModel[] models = runPass(pass, outcomes, counts);
            for (final ReferenceModel model : models) {
                model.snapshots().forEach((key, snapshot) -> digests.put(key, SnapshotDigest.of(snapshot)));
            }
            LOG.info("Reference model pass {}/{} done in {} s ({} offers expected so far)", pass + 1, passes,
                    (System.nanoTime() - started) / 1_000_000_000, digests.size());
        }
        final Map<String, Long> byLabel = new LinkedHashMap<>();
        for (final Outcome outcome : Outcome.values()) {
            byLabel.put(outcome.label(), outcomes.getOrDefault(outcome, 0L));
        }
        byLabel.put("invalid", counts[0]);
        return new Expectation(Map.copyOf(digests), byLabel, counts[1], counts[2], passes);
    }

    private ReferenceModel[] runPass(final int pass, final Map<Outcome, Long> outcomes, final long[] counts) {
        final ReferenceModel[] models = new ReferenceModel[modelsPerPass];
        final int shards = passes * modelsPerPass;
        workload.replay(generated -> {
            // Sharded by the record key, which is the offer key of every valid record.
            final int shard = Math.floorMod(generated.key().hashCode(), shards);
            if (shard % passes != pass) {
                return;
            }
            final KeyedEvent event = ProcessorView.of(generated);
            if (event == null) {
                counts[0]++;
                return;
            }
            final int index = shard / passes;
            if (models[index] == null) {
                models[index] = new ReferenceModel(rules);
            }
            final Step step = models[index].deliver(event);
            outcomes.merge(step.outcome(), 1L, Long::sum);
            if (step.emission() != null) {
                counts[step.emission().isTombstone() ? 2 : 1]++;
            }
        });
        return Arrays.stream(models).filter(Objects::nonNull).toArray(ReferenceModel[]::new);
    }
}
