package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart as a whole: Helm accepts it, it renders the expected objects, and its queries use checked metric names. */
class HelmChartTest {

    private static final Pattern PARAM_LINE = Pattern.compile("^## @param (\\S+) ", Pattern.MULTILINE);

    private static RenderedManifests defaults;
    private static RenderedManifests production;

    @BeforeAll
    static void render() {
        defaults = StockflowChart.renderDefaults();
        production = StockflowChart.renderProduction();
    }

    @Test
    void shouldPassHelmLintInStrictMode() {
        // Given
        final Path chart = StockflowChart.directory();

        // When
        final LintResult result = StockflowChart.lint();

        // Then
        assertThat(chart.resolve("Chart.yaml")).exists();
        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void shouldRenderTheWorkloadItsServicesConfigAndDashboardWithDefaultValues() {
        // Given the defaults of values.yaml

        // When
        final var kinds = defaults.kinds();

        // Then
        assertThat(kinds).containsExactlyInAnyOrder(
                "StatefulSet", "Service", "Service", "ConfigMap", "ConfigMap", "PodDisruptionBudget", "ServiceAccount");
        assertThat(defaults.single("StatefulSet").at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAddTheServiceMonitorAndAlertsWithProductionValues() {
        // Given values-production.yaml

        // When
        final var kinds = production.kinds();

        // Then
        assertThat(kinds).containsExactlyInAnyOrder(
                "StatefulSet", "Service", "Service", "ConfigMap", "ConfigMap", "PodDisruptionBudget", "ServiceAccount",
                "ServiceMonitor", "PrometheusRule");
        assertThat(production.single("StatefulSet").at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void shouldUseOnlyMetricNamesFromTheCheckedList() {
        // Given
        final Set<String> checked = ExpectedMetricNames.load();

        // When
        final Set<String> used = ChartQueries.metricNames(production);

        // Then
        assertThat(used).as("metric names in the alerts and the dashboard").isNotEmpty();
        assertThat(used)
                .as("every metric the chart queries must be in %s, which is checked against a real /metrics",
                        ExpectedMetricNames.RESOURCE)
                .isSubsetOf(checked);
    }

    @Test
    void shouldKeepNoMetricNameInTheCheckedListThatTheChartDoesNotUse() {
        // Given
        final Set<String> used = ChartQueries.metricNames(production);

        // When
        final Set<String> checked = ExpectedMetricNames.load();

        // Then
        assertThat(checked).as("names in %s that no alert or panel reads", ExpectedMetricNames.RESOURCE)
                .isSubsetOf(used);
    }

    @Test
    void shouldDocumentEveryValueWithAParamLine() throws IOException {
        // Given
        final String valuesYaml = Files.readString(StockflowChart.directory().resolve("values.yaml"));
        final Set<String> documented = documentedParams(valuesYaml);

        // When
        final Set<String> leaves = new TreeSet<>();
        collectLeaves("", new YAMLMapper().readTree(valuesYaml), leaves);

        // Then
        assertThat(leaves).isNotEmpty()
                .allSatisfy(leaf -> assertThat(isDocumented(leaf, documented)).as("## @param for %s", leaf).isTrue());
        assertThat(documented).as("## @param lines naming no value").isSubsetOf(pathsOf(valuesYaml));
    }

    @Test
    void shouldRejectAProcessingGuaranteeStockflowDoesNotKnow() {
        // Given
        final Map<String, Object> overrides = Map.of("config.processingGuarantee", "exactly_once");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.render(overrides))
                .hasMessageContaining("processingGuarantee");
    }

    @Test
    void shouldRejectAnUnknownValueSoThatTyposDoNotPassSilently() {
        // Given
        final Map<String, Object> overrides = Map.of("replicas", 3);

        // When / Then
        assertThatThrownBy(() -> StockflowChart.render(overrides))
                .hasMessageContaining("replicas");
    }

    private static Set<String> documentedParams(final String valuesYaml) {
        final Set<String> params = new TreeSet<>();
        final Matcher matcher = PARAM_LINE.matcher(valuesYaml);
        while (matcher.find()) {
            params.add(matcher.group(1));
        }
        return params;
    }

    /** A value is documented by its own @param line or by one of an enclosing map. */
    private static boolean isDocumented(final String path, final Set<String> documented) {
        for (String candidate = path; !candidate.isEmpty(); candidate = parentOf(candidate)) {
            if (documented.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String parentOf(final String path) {
        final int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static Set<String> pathsOf(final String valuesYaml) throws IOException {
        final Set<String> paths = new TreeSet<>();
        collectPaths("", new YAMLMapper().readTree(valuesYaml), paths);
        return paths;
    }

    private static void collectPaths(final String prefix, final JsonNode node, final Set<String> paths) {
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            final String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            paths.add(path);
            collectPaths(path, field.getValue(), paths);
        }
    }

    /** Scalars, lists and empty maps are the values a user sets; non-empty maps only group them. */
    private static void collectLeaves(final String prefix, final JsonNode node, final Set<String> leaves) {
        if (!node.isObject() || node.isEmpty()) {
            leaves.add(prefix);
            return;
        }
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            collectLeaves(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
        }
    }
}
