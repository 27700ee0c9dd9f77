package dev.stockflow.config;

import java.util.Locale;
import java.util.Set;

/**
 * How environment variables name settings: {@code STOCKFLOW_} plus the key upper-cased with dots and
 * dashes as underscores ({@code topic.stock-updates} is {@code STOCKFLOW_TOPIC_STOCK_UPDATES}), and
 * {@code STOCKFLOW_KAFKA_<X>} for Kafka client setting {@code <x>} ({@code _} to {@code .}, lower-cased).
 */
public final class EnvironmentMapping {

    public static final String PREFIX = "STOCKFLOW_";
    public static final String KAFKA_PREFIX = PREFIX + "KAFKA_";
    /** Variables with the prefix that are not settings (the launcher's JVM options). */
    static final Set<String> IGNORED = Set.of("STOCKFLOW_JAVA_OPTS");

    private EnvironmentMapping() {
    }

    public static String variableFor(final String key) {
        return PREFIX + normalise(key);
    }

    /** The Kafka client setting named by a {@code STOCKFLOW_KAFKA_} variable, or null for other variables. */
    public static String kafkaSettingOf(final String variable) {
        if (!variable.startsWith(KAFKA_PREFIX) || variable.length() == KAFKA_PREFIX.length()) {
            return null;
        }
        return variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * The Stockflow setting a {@code STOCKFLOW_} variable sets, or null when it names none (a
     * {@code STOCKFLOW_KAFKA_} variable, one of {@link #IGNORED}, or a typo).
     */
    public static String stockflowSettingOf(final String variable) {
        if (!variable.startsWith(PREFIX) || kafkaSettingOf(variable) != null || IGNORED.contains(variable)) {
            return null;
        }
        final String normalised = variable.substring(PREFIX.length());
        return StockflowConfig.definition().names().stream()
                .filter(candidate -> normalise(candidate).equals(normalised))
                .findFirst().orElse(null);
    }

    static String normalise(final String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
