package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The ServiceMonitor, the alerts and the Grafana dashboard. */
class MonitoringTemplateTest {

    private static RenderedManifests production;
    private static Map<String, String> alerts;
    private static Map<String, List<String>> panels;

    @BeforeAll
    static void render() {
        production = StockflowChart.renderProduction();
        alerts = ChartQueries.alertExpressions(production);
        panels = ChartQueries.panelExpressions(production.dashboard());
    }

    @Test
    void shouldScrapeMetricsThroughTheHeadlessServiceThatListsRestoringPods() {
        // Given
        final JsonNode monitor = production.single("ServiceMonitor");
        final JsonNode headless = production.named("Service", StockflowChart.HEADLESS_SERVICE);

        // When
        final JsonNode selector = monitor.at("/spec/selector/matchLabels");

        // Then
        selector.properties().forEach(label ->
                assertThat(headless.at("/metadata/labels").path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        assertThat(production.named("Service", StockflowChart.RELEASE).at("/metadata/labels/stockflow.dev~1service").asText())
                .as("only the headless Service is scraped, so each pod is scraped once")
                .isNotEqualTo(selector.path("stockflow.dev/service").asText());
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    }

    @Test
    void shouldAlertOnGrowingLagDeadLettersUnreadyInstancesRestorationAndRefusedStateWrites() {
        // Given the PrometheusRule of values-production.yaml

        // When
        final Set<String> names = alerts.keySet();

        // Then
        assertThat(names).containsExactlyInAnyOrder("StockflowConsumerLagGrowing", "StockflowDeadLetterRateHigh",
                "StockflowInstanceNotReady", "StockflowStateRestorationLong", "StockflowStateRestorationStalled",
                "StockflowStateWriteRefused");
        assertThat(metricsOf(alerts.get("StockflowConsumerLagGrowing"))).containsExactly("kafka_consumer_fetch_manager_records_lag");
        assertThat(alerts.get("StockflowConsumerLagGrowing")).contains("deriv(").contains("> 10000");
        assertThat(metricsOf(alerts.get("StockflowDeadLetterRateHigh"))).containsExactly("stockflow_dlq_total");
        assertThat(metricsOf(alerts.get("StockflowInstanceNotReady"))).containsExactly("kafka_stream_client_state");
        assertThat(alerts.get("StockflowInstanceNotReady")).as("compared with replicaCount").endsWith("< 3");
        assertThat(metricsOf(alerts.get("StockflowStateRestorationLong")))
                .as("Stockflow's own count: Kafka's does not reach 0 under exactly-once up to 4.3.1")
                .containsExactly("stockflow_restore_remaining_records");
        assertThat(metricsOf(alerts.get("StockflowStateRestorationStalled")))
                .containsExactlyInAnyOrder("stockflow_restore_remaining_records", "stockflow_restore_records_total");
        assertThat(metricsOf(alerts.get("StockflowStateWriteRefused")))
                .containsExactly("stockflow_state_writes_refused_total");
    }

    @Test
    void shouldScopeEveryAlertToTheReleasesNamespaceAndScrapeJob() {
        // Given
        final String selector = "namespace=\"" + StockflowChart.NAMESPACE + "\", job=\"" + StockflowChart.HEADLESS_SERVICE + "\"";

        // When
        final List<String> expressions = List.copyOf(alerts.values());

        // Then
        assertThat(expressions).isNotEmpty().allSatisfy(expression -> assertThat(expression).contains(selector));
    }

    @Test
    void shouldGiveEveryAlertASeverityAndASummary() {
        // Given
        final JsonNode rules = production.single("PrometheusRule").at("/spec/groups/0/rules");

        // When / Then
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
            assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
            assertThat(rule.path("for").asText()).matches("\\d+[smh]");
        });
    }

    @Test
    void shouldChartEventsSnapshotsDeadLettersLagLatencyRocksDbMemoryAndRestoreProgress() {
        // Given the dashboard in its ConfigMap

        // When
        final Set<String> titles = panels.keySet();

        // Then
        assertThat(titles).contains("Events/s by outcome", "Snapshots/s", "DLQ/s by code", "Consumer lag by topic",
                "Event-to-snapshot latency", "RocksDB memory by pod", "Restore: records remaining",
                "Restore: records/s and partitions restoring", "Restore: time left");
        assertThat(panelMetrics("Events/s by outcome")).containsExactly("stockflow_events_total");
        assertThat(panels.get("Events/s by outcome")).allMatch(expression -> expression.contains("by (outcome)"));
        assertThat(panelMetrics("Snapshots/s")).contains("stockflow_snapshots_total");
        assertThat(panelMetrics("DLQ/s by code")).containsExactly("stockflow_dlq_total");
        assertThat(panelMetrics("Consumer lag by topic")).containsExactly("kafka_consumer_fetch_manager_records_lag");
        assertThat(panelMetrics("Event-to-snapshot latency")).contains("stockflow_snapshot_latency_seconds_bucket");
        assertThat(panelMetrics("RocksDB memory by pod"))
                .contains("kafka_stream_state_block_cache_usage", "kafka_stream_state_size_all_mem_tables");
        assertThat(panelMetrics("Restore: records remaining")).containsExactly("stockflow_restore_remaining_records");
        assertThat(panelMetrics("Restore: records/s and partitions restoring"))
                .containsExactlyInAnyOrder("stockflow_restore_records_total", "stockflow_restore_remaining_records");
        assertThat(panelMetrics("Restore: time left"))
                .containsExactlyInAnyOrder("stockflow_restore_records_total", "stockflow_restore_remaining_records");
    }

    @Test
    void shouldReadNoneOfKafkasRestoreMetricsWhichMisreportUnderExactlyOnce() {
        // Given every alert and panel expression
        final List<String> expressions = new ArrayList<>(alerts.values());
        panels.values().forEach(expressions::addAll);

        // When
        final Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(PromQlMetricNames.in(expression)));

        // Then
        assertThat(names).isNotEmpty().noneMatch(name -> name.startsWith("kafka_stream_task_restore")
                || name.startsWith("kafka_stream_state_updater"));
    }

    @Test
    void shouldChartDeadLettersByCodeAndReplaysByOutcome() {
        // Given the dashboard in its ConfigMap

        // When
        final Set<String> titles = panels.keySet();

        // Then
        assertThat(titles).contains("Dead letters by code in the time range", "Replayed dead letters/s by outcome",
                "Replays by topic and outcome in the time range");
        assertThat(panelMetrics("Dead letters by code in the time range")).containsExactly("stockflow_dlq_total");
        assertThat(panels.get("Dead letters by code in the time range")).singleElement().asString()
                .contains("by (code)").contains("[$__range]");
        assertThat(panelMetrics("Replayed dead letters/s by outcome")).containsExactly("stockflow_replayed_events_total");
        assertThat(panels.get("Replayed dead letters/s by outcome")).singleElement().asString().contains("by (outcome)");
        assertThat(panels.get("Replays by topic and outcome in the time range")).singleElement().asString()
                .contains("by (topic, outcome)").contains("stockflow_replayed_events_total");
    }

    @Test
    void shouldShipTheDashboardInAConfigMapThatGrafanasSidecarPicksUp() {
        // Given grafanaDashboard.namespace: monitoring in values-production.yaml
        final JsonNode configMap = production.named("ConfigMap", StockflowChart.RELEASE + "-dashboard");

        // When
        final JsonNode dashboard = production.dashboard();

        // Then
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        assertThat(configMap.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Stockflow");
        assertThat(dashboard.path("uid").asText()).isEqualTo("stockflow");
        assertThat(dashboard.at("/templating/list")).extracting(variable -> variable.path("name").asText())
                .contains("datasource", "namespace", "pod");
    }

    @Test
    void shouldLayEveryPanelOutOnGrafanasTwentyFourColumnGrid() {
        // Given the dashboard in its ConfigMap
        final JsonNode dashboard = production.dashboard();

        // When / Then: whole numbers for the position and size, and within the grid's width
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            final JsonNode grid = panel.path("gridPos");
            assertThat(List.of("x", "y", "w", "h")).allSatisfy(field ->
                    assertThat(grid.path(field).isInt()).as(panel.path("title").asText() + " gridPos." + field).isTrue());
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText())
                    .isLessThanOrEqualTo(24);
        });
    }

    @Test
    void shouldFilterEveryPanelByTheDashboardsNamespaceAndPodVariables() {
        // Given the dashboard in its ConfigMap

        // When
        final List<String> expressions = panels.values().stream().flatMap(List::stream).toList();

        // Then
        assertThat(expressions).isNotEmpty().allSatisfy(expression ->
                assertThat(expression).contains("namespace=\"$namespace\"").contains("pod=~\"$pod\""));
    }

    private static Set<String> panelMetrics(final String title) {
        final Set<String> names = new TreeSet<>();
        panels.get(title).forEach(expression -> names.addAll(PromQlMetricNames.in(expression)));
        return names;
    }

    private static Set<String> metricsOf(final String expression) {
        return PromQlMetricNames.in(expression);
    }
}
