package dev.stockflow.helm;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Strings, label matchers, ranges, grouping label
 * lists and Grafana variables are cut away first; of the identifiers left, those that are not
 * keywords, aggregations or function calls are metric names.
 */
final class PromQlMetricNames {

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE_OR_SUBQUERY = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING_LABELS =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile("[0-9][0-9A-Za-z_.]*|([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2",
            "by", "without", "on", "ignoring", "group_left", "group_right",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
            "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQlMetricNames() {
    }

    static Set<String> in(final String expression) {
        String remaining = STRING_LITERAL.matcher(expression).replaceAll(" ");
        remaining = GRAFANA_VARIABLE.matcher(remaining).replaceAll(" ");
        remaining = LABEL_MATCHERS.matcher(remaining).replaceAll(" ");
        remaining = RANGE_OR_SUBQUERY.matcher(remaining).replaceAll(" ");
        remaining = GROUPING_LABELS.matcher(remaining).replaceAll(" ");
        final Set<String> names = new TreeSet<>();
        final Matcher token = TOKEN.matcher(remaining);
        while (token.find()) {
            final String identifier = token.group(1);
            final boolean isCall = token.group(2) != null;
            if (identifier != null && !isCall && !KEYWORDS.contains(identifier.toLowerCase())) {
                names.add(identifier);
            }
        }
        return names;
    }
}
