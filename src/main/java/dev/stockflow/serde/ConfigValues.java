package dev.stockflow.serde;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads typed values out of a loose config map, whose values may be strings (from a properties file
 * or the environment), numbers, booleans or Kafka {@link Password}s. Errors name the key.
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed text of the key, or null when it is absent or blank. */
    static String text(final Map<String, ?> config, final String key) {
        final Object value = config.get(key);
        if (value == null) {
            return null;
        }
        // Password.toString() is "[hidden]"; the secret itself is only reachable through value().
        final String text = value instanceof Password ? ((Password) value).value() : value.toString();
        final String trimmed = text.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    static long number(final Map<String, ?> config, final String key, final long defaultValue) {
        final Object value = config.get(key);
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        final String text = text(config, key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + text + "'", e);
        }
    }

    static int integer(final Map<String, ?> config, final String key, final int defaultValue) {
        final long value = number(config, key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " is out of range: " + value);
        }
        return (int) value;
    }

    static boolean flag(final Map<String, ?> config, final String key, final boolean defaultValue) {
        final Object value = config.get(key);
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        final String text = text(config, key);
        if (text == null) {
            return defaultValue;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException(key + " must be true or false, got '" + text + "'");
        }
    }
}
