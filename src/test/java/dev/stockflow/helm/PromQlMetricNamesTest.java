package dev.stockflow.helm;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlMetricNamesTest {

    @Test
    void shouldFindTheMetricInsideAggregationsAndFunctions() {
        // Given
        final String expression = "sum by (outcome) (rate(stockflow_events_total{pod=~\"a.*\", topic!=\"x\"}[5m]))";

        // When
        final Set<String> names = PromQlMetricNames.in(expression);

        // Then
        assertThat(names).containsExactly("stockflow_events_total");
    }

    @Test
    void shouldNotTakeGroupingLabelsForMetrics() {
        // Given
        final String expression = "sum by (namespace, topic) (lag_a) and on (namespace) group_left (pod) lag_b"
                + " unless ignoring(code) sum without (le) (lag_c)";

        // When
        final Set<String> names = PromQlMetricNames.in(expression);

        // Then
        assertThat(names).containsExactlyInAnyOrder("lag_a", "lag_b", "lag_c");
    }

    @Test
    void shouldSkipNumbersDurationsKeywordsAndStrings() {
        // Given
        final String expression = "histogram_quantile(0.99, sum by (le) (rate(latency_bucket{code=\"not_a_metric\"}[5m])))"
                + " > 1e3 offset 5m";

        // When
        final Set<String> names = PromQlMetricNames.in(expression);

        // Then
        assertThat(names).containsExactly("latency_bucket");
    }

    @Test
    void shouldReadBoolComparisonsVectorLiteralsAndSubqueries() {
        // Given
        final String expression = "(sum(client_state == bool 2) or vector(0)) < 3"
                + " and deriv(sum(records_lag)[15m:1m]) > 0";

        // When
        final Set<String> names = PromQlMetricNames.in(expression);

        // Then
        assertThat(names).containsExactlyInAnyOrder("client_state", "records_lag");
    }

    @Test
    void shouldIgnoreGrafanaVariables() {
        // Given
        final String expression = "sum(rate(snapshots_total{pod=~\"$pod\"}[$__rate_interval])) / ${scale}";

        // When
        final Set<String> names = PromQlMetricNames.in(expression);

        // Then
        assertThat(names).containsExactly("snapshots_total");
    }
}
