package dev.stockflow.reference;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.RuleSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether the records one offer got on the snapshot topic are what one uninterrupted run could
 * have written, by the {@link ReferenceModel}: the chaos suite's check that a crash lost no snapshot and
 * emitted none twice.
 *
 * <p>Why a search: an offer's events come from one partition of each input topic, each read in log order,
 * and Kafka Streams merges those partitions by the timestamps of the records it has buffered. At the tail of
 * a live stream what is buffered depends on timing, so the merge, and with it the intermediate snapshots
 * (their timestamps and Omnibus prices follow the order applied), is not unique. The observed records are
 * right when <em>some</em> merge of the per-partition sequences makes the model emit exactly them. A lost
 * snapshot, or one emitted twice (a record written again after a crash), leaves a sequence no merge
 * produces.
 *
 * <p>The search is depth first over merge positions. It tries Kafka Streams' own choice first (the lowest
 * head timestamp), prunes a branch as soon as an emission differs from the next observed record, remembers
 * the (positions, records matched, model state) it has visited, so that events that change nothing
 * (duplicates, stale and unchanged updates) cannot multiply the paths, and gives up after a budget of
 * delivered events. Each step forks the model, which is cheap (see {@link ReferenceModel#fork}).
 */
public final class MergeExplainer {

    private final RuleSettings rules;
    private final long nodeBudget;

    /**
     * @param nodeBudget how many events the search may deliver to models for one offer before it gives up
     */
    public MergeExplainer(final RuleSettings rules, final long nodeBudget) {
        this.rules = rules;
        this.nodeBudget = nodeBudget;
    }

    /** One input record of an offer as read back from its partition: the event and its record timestamp. */
    public record Arrival(KeyedEvent record, long timestamp) {
    }

    /** What the search found. */
    public enum Verdict {
        /** A merge makes the model emit exactly the observed records. */
        EXPLAINED,
        /** No merge does: something was lost, written twice or wrong. */
        UNEXPLAINED,
        /** The search gave up before it knew. */
        OVER_BUDGET
    }

    /**
     * @param verdict       the answer
     * @param nodes         events delivered to models during the search
     * @param matched       the longest prefix of the observed records that some merge explains
     * @param expected      the records of the explaining merge (the observed ones); without one, those of the
     *                      merge that explained the longest prefix, continued in Kafka Streams' order
     * @param finalSnapshot the offer's snapshot at the end of that merge, or null when it has none
     * @param merge         the explaining merge, as the index of the source of each event in turn; empty when
     *                      none explains the records
     */
    public record Explanation(Verdict verdict, long nodes, int matched, List<Emission> expected,
                              OfferSnapshot finalSnapshot, List<Integer> merge) {
    }

    /**
     * @param sources  the offer's events per input partition, each in log order (redeliveries included)
     * @param observed the records the offer got on the snapshot topic, in order (null snapshots: tombstones)
     */
    public Explanation explain(final String offerKey, final List<List<Arrival>> sources,
                               final List<Emission> observed) {
        return new Search(offerKey, sources, observed).run();
    }

    /** What the model writes when given the events in this merge (source indices, as in an explanation). */
    public List<Emission> replay(final List<List<Arrival>> sources, final List<Integer> merge) {
        final ReferenceModel model = new ReferenceModel(rules);
        final int[] positions = new int[sources.size()];
        for (final int source : merge) {
            model.deliver(sources.get(source).get(positions[source]++).record());
        }
        return model.emissions();
    }

    /** One search: the explicit stack of a depth-first walk (an offer can have tens of thousands of events). */
    private final class Search {
        private final String offerKey;
        private final List<List<Arrival>> sources;
        private final List<Emission> observed;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<Position, List<Object>> visited = new HashMap<>();
        private long nodes;
        private Frame deepest;

        Search(final String offerKey, final List<List<Arrival>> sources, final List<Emission> observed) {
            this.offerKey = offerKey;
            this.sources = sources;
            this.observed = observed;
        }

        Explanation run() {
            final Frame root = frame(new int[sources.size()], 0, new ReferenceModel(rules));
            // A model of its own: the root's is handed on to its last child.
            deepest = frame(root.positions, 0, new ReferenceModel(rules));
            if (root.order.length == 0) {
                return observed.isEmpty() ? finished(root) : unexplained(Verdict.UNEXPLAINED);
            }
            stack.push(root);
            while (!stack.isEmpty()) {
                if (nodes >= nodeBudget) {
                    return unexplained(Verdict.OVER_BUDGET);
                }
                final Frame child = nextChild(stack.peek());
                if (child != null && child.order.length == 0) {
                    return finished(child);
                }
                if (child != null) {
                    stack.push(child);
                }
            }
            return unexplained(Verdict.UNEXPLAINED);
        }

        /** Delivers the frame's next candidate event; null when that branch is pruned or the frame is done. */
        private Frame nextChild(final Frame parent) {
            if (parent.next == parent.order.length) {
                stack.pop();
                return null;
            }
            final int source = parent.order[parent.next++];
            // The last candidate may take the parent's model: no sibling needs it any more.
            final ReferenceModel model = parent.next == parent.order.length ? parent.model : parent.model.fork();
            final Step step = model.deliver(sources.get(source).get(parent.positions[source]).record());
            nodes++;
            int matched = parent.matched;
            if (step.emission() != null) {
                if (matched == observed.size() || !step.emission().equals(observed.get(matched))) {
                    return null;
                }
                matched++;
            }
            final int[] positions = parent.positions.clone();
            positions[source]++;
            return admit(positions, matched, model);
        }

        /** The child frame, unless it is the end without every record matched, or was visited in the same state. */
        private Frame admit(final int[] positions, final int matched, final ReferenceModel model) {
            if (matched > deepest.matched) {
                deepest = frame(positions, matched, model.fork());
            }
            final Frame child = frame(positions, matched, model);
            if (child.order.length == 0) {
                return matched == observed.size() ? child : null;
            }
            final List<Object> states = visited.computeIfAbsent(new Position(positions, matched),
                    p -> new ArrayList<>(1));
            final Object state = model.stateOf(offerKey);
            if (states.contains(state)) {
                return null;
            }
            states.add(state);
            return child;
        }

        private Explanation finished(final Frame end) {
            final List<Integer> merge = new ArrayList<>();
            // The stack holds the path from the root, each frame on the child it is exploring.
            stack.descendingIterator().forEachRemaining(frame -> merge.add(frame.order[frame.next - 1]));
            return new Explanation(Verdict.EXPLAINED, nodes, observed.size(), List.copyOf(observed),
                    end.model.snapshots().get(offerKey), List.copyOf(merge));
        }

        /** The longest explained prefix, continued in Kafka Streams' order, for a report of what went wrong. */
        private Explanation unexplained(final Verdict verdict) {
            final List<Emission> expected = new ArrayList<>(observed.subList(0, deepest.matched));
            Frame frame = deepest;
            while (frame.order.length > 0) {
                final int source = frame.order[0];
                final Step step = frame.model.deliver(sources.get(source).get(frame.positions[source]).record());
                if (step.emission() != null) {
                    expected.add(step.emission());
                }
                final int[] positions = frame.positions.clone();
                positions[source]++;
                frame = frame(positions, frame.matched, frame.model);
            }
            return new Explanation(verdict, nodes, deepest.matched, expected,
                    frame.model.snapshots().get(offerKey), List.of());
        }

        private Frame frame(final int[] positions, final int matched, final ReferenceModel model) {
            return new Frame(positions, matched, model, candidates(positions));
        }

        /** The sources with events left, lowest head timestamp first (Kafka Streams' choice), ties by index. */
        private int[] candidates(final int[] positions) {
            final List<Integer> open = new ArrayList<>(sources.size());
            for (int source = 0; source < sources.size(); source++) {
                if (positions[source] < sources.get(source).size()) {
                    open.add(source);
                }
            }
            open.sort((a, b) -> Long.compare(head(a, positions), head(b, positions)));
            return open.stream().mapToInt(Integer::intValue).toArray();
        }

        private long head(final int source, final int[] positions) {
            return sources.get(source).get(positions[source]).timestamp();
        }
    }

    /** A node of the search: how far each source is merged, how many observed records matched, the model. */
    private static final class Frame {
        private final int[] positions;
        private final int matched;
        private final ReferenceModel model;
        private final int[] order;
        private int next;

        private Frame(final int[] positions, final int matched, final ReferenceModel model, final int[] order) {
            this.positions = positions;
            this.matched = matched;
            this.model = model;
            this.order = order;
        }
    }

    /** The memo key; the model states seen there are compared with equals. */
    private record Position(int[] positions, int matched) {

        @Override
        public boolean equals(final Object other) {
            return other instanceof Position that && matched == that.matched
                    && Arrays.equals(positions, that.positions);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(positions) + matched;
        }

        @Override
        public String toString() {
            return Arrays.toString(positions) + "/" + matched;
        }
    }
}
