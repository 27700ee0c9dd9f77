package dev.stockflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.avro.StockUpdate;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every metric the chart's alerts and dashboard query is really exported by a running instance. */
class ChartMetricsIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Pattern SERIES_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

    @Test
    void shouldExportEveryMetricTheChartUses() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of())) {
            // Given
            topics.send(new StockUpdate("e1", "brand-1", "SKU-1", "berlin", 5, Instant.now().minusSeconds(60)));
            final Set<String> expected = ExpectedMetricNames.load();

            // When / Then: task and store metrics appear once tasks run and the binder has re-scanned
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(exportedNames(instance.get("/metrics").body())).containsAll(expected));
        }
    }

    private static Set<String> exportedNames(final String scrape) {
        final Matcher matcher = SERIES_NAME.matcher(scrape);
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
