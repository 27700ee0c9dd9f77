package dev.stockflow.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/** Renders the configuration reference (a Markdown table) from the one definition of every setting. */
public final class ConfigReference {

    private ConfigReference() {
    }

    public static String markdown() {
        final StringBuilder out = new StringBuilder()
                .append("| setting | environment variable | default | description |\n")
                .append("|---|---|---|---|\n");
        final List<ConfigDef.ConfigKey> keys = StockflowConfig.definition().configKeys().values().stream().toList();
        for (final ConfigDef.ConfigKey key : keys) {
            out.append("| `").append(key.name).append("` | `").append(EnvironmentMapping.variableFor(key.name))
                    .append("` | ").append(defaultOf(key)).append(" | ").append(key.documentation)
                    .append(validValues(key)).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(final ConfigDef.ConfigKey key) {
        if (key.defaultValue == null || key.defaultValue.toString().isEmpty()) {
            return "";
        }
        return "`" + key.defaultValue + "`";
    }

    private static String validValues(final ConfigDef.ConfigKey key) {
        if (key.validator == null || key.validator instanceof ConfigDef.NonEmptyString) {
            return "";
        }
        return " Valid: " + key.validator.toString().replace("|", "\\|") + ".";
    }
}
