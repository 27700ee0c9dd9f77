package dev.stockflow.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeExplainerTest {

    private static final String KEY = "p1:sku-1";
    private static final RuleSettings RULES = RuleSettings.DEFAULTS;
    private static final long T = 1_700_000_000_000L;
    private static final int STOCK = 0;
    private static final int PRICE = 1;
    private static final int DELISTING = 2;

    private final MergeExplainer explainer = new MergeExplainer(RULES, 1_000_000);

    @Test
    void shouldExplainRecordsOfAMergeKafkaStreamsWouldNotChooseFirst() {
        // Given: the stock change is newer, yet it was applied first (it arrived while the price was not buffered)
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T + 10)), List.of(price("p1", 1000, T + 5)), List.of());
        final List<Emission> observed = emissions(sources, List.of(STOCK, PRICE));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.EXPLAINED);
        assertThat(explanation.merge()).containsExactly(STOCK, PRICE);
        assertThat(explanation.finalSnapshot()).isEqualTo(observed.get(1).snapshot());
    }

    @Test
    void shouldExplainASnapshotThenATombstone() {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T)), List.of(), List.of(delisting("d1", T + 1)));
        final List<Emission> observed = emissions(sources, List.of(STOCK, DELISTING));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(observed.get(1).isTombstone()).isTrue();
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.EXPLAINED);
        assertThat(explanation.finalSnapshot()).isNull();
    }

    @Test
    void shouldRejectRecordsWithASnapshotLost() {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T), stock("s2", "wh-1", 6, T + 2), stock("s3", "wh-1", 7, T + 4)),
                List.of(price("p1", 1000, T + 1), price("p2", 900, T + 3)), List.of());
        final List<Emission> complete = emissions(sources, List.of(STOCK, PRICE, STOCK, PRICE, STOCK));
        final List<Emission> observed = new ArrayList<>(complete);
        observed.remove(2);

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.UNEXPLAINED);
        assertThat(explanation.matched()).isEqualTo(2);
        assertThat(explanation.expected()).isEqualTo(complete);
        assertThat(explanation.merge()).isEmpty();
    }

    @Test
    void shouldRejectRecordsWithASnapshotWrittenTwice() {
        // Given: a crash after the second snapshot was written, and the replay wrote it again
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T), stock("s2", "wh-1", 6, T + 2)),
                List.of(price("p1", 1000, T + 1)), List.of());
        final List<Emission> complete = emissions(sources, List.of(STOCK, PRICE, STOCK));
        final List<Emission> observed = new ArrayList<>(complete);
        observed.add(2, complete.get(1));

        // When
        final MergeExplainer.Explanation explanation = explainer.explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.UNEXPLAINED);
        assertThat(explanation.matched()).isEqualTo(2);
    }

    @Test
    void shouldRejectRecordsWithADifferentValue() {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T)), List.of(), List.of());
        final List<List<MergeExplainer.Arrival>> other = sources(
                List.of(stock("s1", "wh-1", 4, T)), List.of(), List.of());

        // When
        final MergeExplainer.Explanation explanation =
                explainer.explain(KEY, sources, emissions(other, List.of(STOCK)));

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.UNEXPLAINED);
        assertThat(explanation.matched()).isZero();
    }

    @Test
    void shouldRejectLongRunsOfNoOpEventsWithoutTryingEveryInterleaving() {
        // Given: 150 redeliveries on each of two partitions, then a lost snapshot. Without the memo the search
        // would try each of the C(300, 150) interleavings of the redeliveries before it could give up.
        final List<MergeExplainer.Arrival> stock = new ArrayList<>();
        final List<MergeExplainer.Arrival> price = new ArrayList<>();
        stock.add(stock("s0", "wh-1", 5, T));
        price.add(price("p0", 1000, T));
        for (int i = 0; i < 150; i++) {
            stock.add(stock("s0", "wh-1", 5, T));
            price.add(price("p0", 1000, T));
        }
        stock.add(stock("s1", "wh-1", 6, T + 1));
        final List<List<MergeExplainer.Arrival>> sources = sources(stock, price, List.of());
        final List<Emission> observed = new ArrayList<>(emissions(sources, greedyOrder(stock.size(), price.size())));
        observed.remove(observed.size() - 1);

        // When
        final MergeExplainer.Explanation explanation = new MergeExplainer(RULES, 200_000)
                .explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.UNEXPLAINED);
    }

    @Test
    void shouldGiveUpAfterItsBudget() {
        // Given
        final List<List<MergeExplainer.Arrival>> sources = sources(
                List.of(stock("s1", "wh-1", 5, T), stock("s2", "wh-1", 6, T + 2)),
                List.of(price("p1", 1000, T + 1)), List.of());
        final List<Emission> observed = emissions(sources, List.of(STOCK, PRICE, STOCK));

        // When
        final MergeExplainer.Explanation explanation = new MergeExplainer(RULES, 2).explain(KEY, sources, observed);

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.OVER_BUDGET);
        assertThat(explanation.nodes()).isEqualTo(2);
    }

    @Test
    void shouldExplainNoRecordsForAnOfferWithoutEvents() {
        // When
        final MergeExplainer.Explanation explanation =
                explainer.explain(KEY, sources(List.of(), List.of(), List.of()), List.of());

        // Then
        assertThat(explanation.verdict()).isEqualTo(MergeExplainer.Verdict.EXPLAINED);
        assertThat(explanation.finalSnapshot()).isNull();
    }

    private List<Emission> emissions(final List<List<MergeExplainer.Arrival>> sources, final List<Integer> merge) {
        return explainer.replay(sources, merge);
    }

    private static List<Integer> greedyOrder(final int stockEvents, final int priceEvents) {
        final List<Integer> merge = new ArrayList<>();
        for (int i = 0; i < Math.max(stockEvents, priceEvents); i++) {
            if (i < stockEvents) {
                merge.add(STOCK);
            }
            if (i < priceEvents) {
                merge.add(PRICE);
            }
        }
        return merge;
    }

    private static List<List<MergeExplainer.Arrival>> sources(final List<MergeExplainer.Arrival> stock,
                                                              final List<MergeExplainer.Arrival> price,
                                                              final List<MergeExplainer.Arrival> delisting) {
        return List.of(stock, price, delisting);
    }

    private static MergeExplainer.Arrival stock(final String eventId, final String location, final int quantity,
                                                final long occurredAt) {
        return arrival(new OfferEvent.StockChange(eventId, location, quantity, occurredAt));
    }

    private static MergeExplainer.Arrival price(final String eventId, final long regularPrice, final long occurredAt) {
        return arrival(new OfferEvent.PriceChange(eventId, "web", "EUR", regularPrice, null, occurredAt));
    }

    private static MergeExplainer.Arrival delisting(final String eventId, final long occurredAt) {
        return arrival(new OfferEvent.Delisting(eventId, occurredAt));
    }

    private static MergeExplainer.Arrival arrival(final OfferEvent event) {
        return new MergeExplainer.Arrival(new KeyedEvent(KEY, event), event.occurredAt());
    }
}
