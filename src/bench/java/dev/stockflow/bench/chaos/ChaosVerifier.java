package dev.stockflow.bench.chaos;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.bench.SnapshotDigest;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.FinalValues;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.MergeExplainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a run's output against the independent reference model, offer by offer: (a) its last record is
 * the final snapshot (every field), and its final values are what its events settle in any order; (b) its
 * records are exactly what one uninterrupted run could have written, i.e. what some merge of its input
 * partitions makes the model write ({@link MergeExplainer}), so nothing was lost and nothing written twice;
 * (c) good input made no dead letters.
 */
final class ChaosVerifier {

    private static final int EXAMPLES = 10;

    private final MergeExplainer explainer;

    ChaosVerifier(final long nodeBudget) {
        this.explainer = new MergeExplainer(RuleSettings.DEFAULTS, nodeBudget);
    }

    Verification verify(final ChaosOutput output) {
        final Set<String> keys = new TreeSet<>(output.inputs().keySet());
        keys.addAll(output.snapshots().keySet());
        final List<OfferCheck> checks = keys.parallelStream().map(key -> check(key, output)).toList();
        final Tally tally = new Tally();
        checks.forEach(tally::add);
        return tally.result(output);
    }

    private OfferCheck check(final String key, final ChaosOutput output) {
        final List<List<MergeExplainer.Arrival>> sources = output.inputs().getOrDefault(key,
                ChaosOutput.perInput(List::of));
        final List<Emission> observed = output.snapshots().getOrDefault(key, List.of());
        final MergeExplainer.Explanation explanation = explainer.explain(key, sources, observed);
        MergeExplainer.Explanation withoutRepeats = null;
        int repeats = 0;
        if (explanation.verdict() != MergeExplainer.Verdict.EXPLAINED) {
            final List<Emission> unique = withoutRepeats(observed);
            repeats = observed.size() - unique.size();
            withoutRepeats = repeats == 0 ? null : explainer.explain(key, sources, unique);
        }
        return new OfferCheck(key, sources, observed, explanation, withoutRepeats, repeats,
                finalValuesRight(key, sources, observed));
    }

    /**
     * The records without those that repeat an earlier one: what is left when the only fault is records
     * written again (at-least-once after a crash). One run never writes the same record twice in a row, and
     * an earlier snapshot again only in a rare corner (a delisting that removes exactly the slots added since);
     * should that corner meet a real repeat, the offer is reported as not explained, never as right.
     */
    private static List<Emission> withoutRepeats(final List<Emission> observed) {
        final List<Emission> unique = new ArrayList<>();
        final Set<Emission> seen = new HashSet<>();
        for (final Emission emission : observed) {
            final boolean repeat = emission.isTombstone()
                    ? !unique.isEmpty() && unique.get(unique.size() - 1).isTombstone()
                    : !seen.add(emission);
            if (!repeat) {
                unique.add(emission);
            }
        }
        return unique;
    }

    /** The order-free check of (a): the values the offer's set of events settles, whatever the order. */
    private static boolean finalValuesRight(final String key, final List<List<MergeExplainer.Arrival>> sources,
                                            final List<Emission> observed) {
        final List<KeyedEvent> events = new ArrayList<>();
        sources.forEach(source -> source.forEach(arrival -> events.add(arrival.record())));
        final OfferSnapshot last = observed.isEmpty() ? null : observed.get(observed.size() - 1).snapshot();
        return FinalValues.settledBy(events).equals(last == null ? Map.of() : FinalValues.shownBy(Map.of(key, last)));
    }

    /**
     * One offer's input and records, and what the search made of them.
     *
     * @param withoutRepeats when the records are not explained as they are and some repeat an earlier one, what
     *                       the search makes of them without those; else null
     * @param repeats        how many records repeat an earlier one (0 unless the records are not explained)
     */
    private record OfferCheck(String key, List<List<MergeExplainer.Arrival>> sources, List<Emission> observed,
                              MergeExplainer.Explanation explanation, MergeExplainer.Explanation withoutRepeats,
                              int repeats, boolean finalValuesRight) {

        /** Nothing wrong but records written again. */
        boolean onlyRepeats() {
            return withoutRepeats != null && withoutRepeats.verdict() == MergeExplainer.Verdict.EXPLAINED;
        }

        /** The search that came closest: without the repeats when that was tried. */
        MergeExplainer.Explanation closest() {
            return withoutRepeats != null ? withoutRepeats : explanation;
        }

        OfferSnapshot lastObserved() {
            return observed.isEmpty() ? null : observed.get(observed.size() - 1).snapshot();
        }
    }

    /** Adds up the offers' checks. */
    private static final class Tally {
        private long offers;
        private long snapshots;
        private long explained;
        private long unexplained;
        private long overBudget;
        private long lost;
        private long duplicated;
        private long wrong;
        private long finalWrong;
        private long finalValuesWrong;
        private long nodes;
        private final List<String> examples = new ArrayList<>();

        void add(final OfferCheck check) {
            final MergeExplainer.Explanation explanation = check.explanation();
            offers++;
            snapshots += check.observed().size();
            nodes += explanation.nodes();
            finalWrong += Objects.equals(check.lastObserved(), check.closest().finalSnapshot()) ? 0 : 1;
            finalValuesWrong += check.finalValuesRight() ? 0 : 1;
            switch (explanation.verdict()) {
                case EXPLAINED -> explained++;
                case UNEXPLAINED -> unexplained++;
                default -> overBudget++;
            }
            if (check.onlyRepeats()) {
                duplicated += check.repeats();
            } else if (explanation.verdict() != MergeExplainer.Verdict.EXPLAINED) {
                countDifferences(check.observed(), check.closest().expected());
            }
            if (explanation.verdict() != MergeExplainer.Verdict.EXPLAINED && examples.size() < EXAMPLES) {
                examples.add(describe(check));
            }
        }

        /** Observed records that repeat an earlier one, that the closest merge does not write, and that it misses. */
        private void countDifferences(final List<Emission> observed, final List<Emission> expected) {
            final Map<Emission, Integer> unmatched = new HashMap<>();
            expected.forEach(emission -> unmatched.merge(emission, 1, Integer::sum));
            final Set<Emission> seen = new HashSet<>();
            for (final Emission emission : observed) {
                final boolean repeat = !seen.add(emission) && !emission.isTombstone();
                if (unmatched.getOrDefault(emission, 0) > 0) {
                    unmatched.merge(emission, -1, Integer::sum);
                } else if (repeat) {
                    duplicated++;
                } else {
                    wrong++;
                }
            }
            lost += unmatched.values().stream().mapToLong(Integer::longValue).sum();
        }

        Verification result(final ChaosOutput output) {
            return new Verification(output.inputTotal(), output.inputRecords().getOrDefault(Input.ORDER, 0L), offers,
                    snapshots, explained, unexplained, overBudget, lost, duplicated, wrong, finalWrong,
                    finalValuesWrong, output.rejected(), output.deadLetters(), nodes, List.copyOf(examples));
        }
    }

    /** The offer's input, its records, and what the closest merge writes, for a person to compare. */
    private static String describe(final OfferCheck check) {
        final MergeExplainer.Explanation explanation = check.explanation();
        final StringBuilder text = new StringBuilder(check.key()).append(": ").append(explanation.verdict())
                .append(", the first ").append(explanation.matched()).append(" of ").append(check.observed().size())
                .append(" records explained");
        if (check.withoutRepeats() != null) {
            text.append("; without the ").append(check.repeats()).append(" repeated records: ")
                    .append(check.withoutRepeats().verdict()).append(", the first ")
                    .append(check.withoutRepeats().matched()).append(" explained");
        }
        text.append("\n  input, per partition in log order (t = record timestamp):\n");
        final String[] names = {"stock", "price", "delisting"};
        for (int source = 0; source < check.sources().size(); source++) {
            for (final MergeExplainer.Arrival arrival : check.sources().get(source)) {
                text.append("    ").append(names[source]).append(" t=").append(arrival.timestamp()).append(' ')
                        .append(arrival.record().event()).append('\n');
            }
        }
        text.append("  records:\n");
        check.observed().forEach(emission -> text.append("    ").append(describe(emission)).append('\n'));
        text.append("  the closest merge writes").append(check.withoutRepeats() != null ? " (without the repeats)" : "")
                .append(":\n");
        check.closest().expected().forEach(emission -> text.append("    ").append(describe(emission)).append('\n'));
        return text.toString();
    }

    private static String describe(final Emission emission) {
        return emission.isTombstone() ? "(tombstone)" : SnapshotDigest.describe(emission.snapshot());
    }
}
