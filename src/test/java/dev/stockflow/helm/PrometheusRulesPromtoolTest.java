package dev.stockflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerting rules as Prometheus itself reads them: the rendered PrometheusRule's groups are
 * written out as a rules file and checked by Prometheus' own {@code promtool check rules} (Debian's
 * {@code prometheus} package; .ci/run installs it), which parses every expression.
 */
class PrometheusRulesPromtoolTest {

    private static final String PROMTOOL = "promtool";

    @Test
    void shouldPassPromtoolsCheckOfTheRenderedRules() throws Exception {
        // Given: the PrometheusRule of values-production.yaml, as a plain rules file
        final JsonNode rule = StockflowChart.renderProduction().single("PrometheusRule");
        final Path rules = Files.createDirectories(Path.of("target", "promtool")).resolve("stockflow-rules.yaml");
        new YAMLMapper().writeValue(rules.toFile(), rule.get("spec"));

        // When
        final Process check = new ProcessBuilder(PROMTOOL, "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        final String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();

        // Then
        assertThat(check.exitValue()).as("promtool check rules:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS");
        assertThat(rule.at("/spec/groups/0/rules").size()).isPositive();
    }
}
