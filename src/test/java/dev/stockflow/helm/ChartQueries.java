package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL expression the rendered chart hands to Prometheus (alerts) or Grafana (panels, variables). */
final class ChartQueries {

    /** Grafana's variable query label_values(selector, label): only the selector is PromQL. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);

    private ChartQueries() {
    }

    /** Alert name to expression, over every PrometheusRule. */
    static Map<String, String> alertExpressions(final RenderedManifests manifests) {
        final Map<String, String> expressions = new LinkedHashMap<>();
        for (final JsonNode rule : manifests.ofKind("PrometheusRule")) {
            for (final JsonNode group : rule.at("/spec/groups")) {
                for (final JsonNode entry : group.path("rules")) {
                    expressions.put(entry.path("alert").asText(entry.path("record").asText()), entry.path("expr").asText());
                }
            }
        }
        return expressions;
    }

    /** Panel title to the expressions of its targets, rows included. */
    static Map<String, List<String>> panelExpressions(final JsonNode dashboard) {
        final Map<String, List<String>> expressions = new LinkedHashMap<>();
        collectPanels(dashboard.path("panels"), expressions);
        return expressions;
    }

    /** The PromQL selectors of the dashboard's query variables. */
    static List<String> variableExpressions(final JsonNode dashboard) {
        final List<String> expressions = new ArrayList<>();
        for (final JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                final JsonNode query = variable.path("query");
                expressions.add(promQlOf(query.isObject() ? query.path("query").asText() : query.asText()));
            }
        }
        return expressions;
    }

    /** Every metric name read by the alerts, the dashboard panels and the dashboard variables. */
    static Set<String> metricNames(final RenderedManifests manifests) {
        final List<String> expressions = new ArrayList<>(alertExpressions(manifests).values());
        if (manifests.hasDashboard()) {
            final JsonNode dashboard = manifests.dashboard();
            panelExpressions(dashboard).values().forEach(expressions::addAll);
            expressions.addAll(variableExpressions(dashboard));
        }
        final Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(PromQlMetricNames.in(expression)));
        return names;
    }

    private static void collectPanels(final JsonNode panels, final Map<String, List<String>> expressions) {
        for (final JsonNode panel : panels) {
            final List<String> targets = new ArrayList<>();
            panel.path("targets").forEach(target -> targets.add(target.path("expr").asText()));
            if (!targets.isEmpty()) {
                expressions.put(panel.path("title").asText(), targets);
            }
            collectPanels(panel.path("panels"), expressions);
        }
    }

    private static String promQlOf(final String variableQuery) {
        final Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
        return labelValues.matches() ? labelValues.group(1) : variableQuery;
    }
}
