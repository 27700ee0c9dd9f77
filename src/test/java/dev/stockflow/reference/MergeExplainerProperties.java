package dev.stockflow.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.RuleSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The chaos suite's checker against runs it can see whole: one offer's events split into its three input
 * partitions (redeliveries included, in log order), merged at random as Kafka Streams might, and applied
 * by the reference model. The records of that run are always explained; a record written twice never is;
 * and whatever the checker explains, the merge it names really produces.
 *
 * <p>The Omnibus window is 10 ms over the generators' 24 ms time span, so that price histories cross it.
 */
class MergeExplainerProperties {

    private static final RuleSettings RULES = new RuleSettings(10, 1_000_000);
    private static final String KEY = OfferEventArbitraries.OFFER_KEYS.get(0);
    private static final long BUDGET = 1_000_000;

    private final MergeExplainer explainer = new MergeExplainer(RULES, BUDGET);

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    @Property(tries = 500)
    void shouldExplainTheRecordsOfAnyMerge(@ForAll("eventSets") final List<KeyedEvent> events,
                                           @ForAll final Random random) {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = partitions(events, random);
        final List<Emission> observed = replay(sources, randomMerge(sources, random));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.EXPLAINED);
        assertThat(replay(sources, explanation.merge())).isEqualTo(observed);
    }

    @Property(tries = 500)
    void shouldNeverExplainARecordWrittenTwice(@ForAll("eventSets") final List<KeyedEvent> events,
                                               @ForAll final Random random) {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = partitions(events, random);
        final List<Emission> observed = new ArrayList<>(replay(sources, randomMerge(sources, random)));
        if (observed.isEmpty()) {
            return;
        }
        final int twice = random.nextInt(observed.size());
        observed.add(twice, observed.get(twice));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then: the model never writes the same record twice in a row (a change always shows)
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.UNEXPLAINED);
    }

    /** A record lost can leave what another merge writes (one that drops an update as stale), never more. */
    @Property(tries = 500)
    void shouldOnlyExplainARecordLostByAMergeThatWritesWhatIsLeft(@ForAll("eventSets") final List<KeyedEvent> events,
                                                                 @ForAll final Random random) {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = partitions(events, random);
        final List<Emission> observed = new ArrayList<>(replay(sources, randomMerge(sources, random)));
        if (observed.isEmpty()) {
            return;
        }
        observed.remove(random.nextInt(observed.size()));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isNotEqualTo(MergeExplainer.Verdict.OVER_BUDGET);
        if (explanation.verdict() == MergeExplainer.Verdict.EXPLAINED) {
            assertThat(replay(sources, explanation.merge())).isEqualTo(observed);
        }
    }

    /** The offer's events by input partition, in generation order, about one in five redelivered later on. */
    private static List<List<MergeExplainer.Arrival>> partitions(final List<KeyedEvent> events, final Random random) {
        final List<List<MergeExplainer.Arrival>> sources = List.of(new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (final KeyedEvent event : events) {
            if (!event.offerKey().equals(KEY)) {
                continue;
            }
            final List<MergeExplainer.Arrival> source = sources.get(sourceOf(event));
            final MergeExplainer.Arrival arrival = new MergeExplainer.Arrival(event, event.event().occurredAt());
            source.add(arrival);
            if (random.nextInt(5) == 0) {
                source.add(random.nextInt(source.size()) + 1, arrival);
            }
        }
        return sources;
    }

    private static int sourceOf(final KeyedEvent event) {
        final Input input = event.event().input();
        return input == Input.STOCK ? 0 : input == Input.PRICE ? 1 : 2;
    }

    private static List<Integer> randomMerge(final List<List<MergeExplainer.Arrival>> sources, final Random random) {
        final int[] left = sources.stream().mapToInt(List::size).toArray();
        final List<Integer> merge = new ArrayList<>();
        int remaining = Arrays.stream(left).sum();
        while (remaining > 0) {
            int pick = random.nextInt(remaining);
            int source = 0;
            while (pick >= left[source]) {
                pick -= left[source++];
            }
            left[source]--;
            remaining--;
            merge.add(source);
        }
        return merge;
    }

    private List<Emission> replay(final List<List<MergeExplainer.Arrival>> sources, final List<Integer> merge) {
        return explainer.replay(sources, merge);
    }
}
