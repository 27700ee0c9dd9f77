package dev.stockflow.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerting rules as Prometheus itself reads them: the rendered PrometheusRule's groups are
 * written out as a rules file and checked by Prometheus' own {@code promtool check rules} (Debian's
 * {@code prometheus} package; .ci/run installs it), which parses every expression; then
 * {@code promtool test rules} runs the unit tests of src/test/resources/helm/promtool/alerts-test.yaml against
 * them: series in, which alerts fire when, with which labels.
 */
class PrometheusRulesPromtoolTest {

    private static final String PROMTOOL = "promtool";
    private static final String ALERT_TESTS = "/helm/promtool/alerts-test.yaml";
    /** The name the unit tests' rule_files give the rules they test. */
    private static final String RULES_UNDER_TEST = "stockflow-rules-under-test.yaml";

    private static JsonNode rule;
    private static Path directory;

    @BeforeAll
    static void render() throws IOException {
        rule = StockflowChart.renderProduction().single("PrometheusRule");
        directory = Files.createDirectories(Path.of("target", "promtool"));
    }

    @Test
    void shouldPassPromtoolsCheckOfTheRenderedRules() throws Exception {
        // Given: the PrometheusRule of values-production.yaml, as a plain rules file
        final Path rules = directory.resolve("stockflow-rules.yaml");
        new YAMLMapper().writeValue(rules.toFile(), rule.get("spec"));

        // When
        final String output = promtool("check", "rules", rules.toString());

        // Then
        assertThat(output).contains("SUCCESS");
        assertThat(rule.at("/spec/groups/0/rules").size()).isPositive();
    }

    @Test
    void shouldFireEachAlertWhenItsUnitTestsSayAndNotOtherwise() throws Exception {
        // Given: the same rules without their annotations (prose, checked above), next to the unit tests
        final JsonNode groups = rule.get("spec").deepCopy();
        groups.path("groups").forEach(group -> group.path("rules").forEach(entry ->
                ((ObjectNode) entry).remove("annotations")));
        new YAMLMapper().writeValue(directory.resolve(RULES_UNDER_TEST).toFile(), groups);
        final Path tests = directory.resolve("alerts-test.yaml");
        try (InputStream in = PrometheusRulesPromtoolTest.class.getResourceAsStream(ALERT_TESTS)) {
            assertThat(in).as(ALERT_TESTS).isNotNull();
            Files.copy(in, tests, StandardCopyOption.REPLACE_EXISTING);
        }

        // When
        final String output = promtool("test", "rules", tests.toString());

        // Then
        assertThat(output).contains("SUCCESS");
    }

    /** Runs promtool and returns its output, asserting that it ended well. */
    private static String promtool(final String... arguments) throws Exception {
        final String[] command = new String[arguments.length + 1];
        command[0] = PROMTOOL;
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
        return output;
    }
}
