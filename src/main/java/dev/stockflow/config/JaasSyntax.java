package dev.stockflow.config;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Checks a {@code sasl.jaas.config} (or a prefixed one) when the configuration is loaded, with Kafka's own parser.
 * Kafka would only parse it when a client starts, and its parser quotes the part it stumbled on: for a password
 * written without quotes ({@code password=two words;}) that part is the password, and it would reach the error
 * output. Here the quoted parts of Kafka's message are hidden, and the message names the setting and the fix.
 */
final class JaasSyntax {

    private static final String JAAS_KEY = "sasl.jaas.config";

    private JaasSyntax() {
    }

    /**
     * @param key   a Kafka client setting
     * @param value its value as loaded
     * @throws ConfigException the key is a JAAS configuration Kafka cannot parse
     */
    static void check(final String key, final Object value) {
        if (!key.endsWith(JAAS_KEY) || value == null) {
            return;
        }
        final String text = value instanceof Password password ? password.value() : value.toString();
        if (text.isBlank()) {
            return;
        }
        try {
            JaasContext.loadClientContext(Map.of(JAAS_KEY, new Password(text)));
        } catch (final IllegalArgumentException e) {
            final String reason = String.valueOf(e.getMessage()).replaceAll("'[^']*'", "'[hidden]'");
            throw new ConfigException("Kafka client setting " + key + " is not a valid JAAS configuration: " + reason
                    + ". Write it on one line as <LoginModule class> required username=\"...\" password=\"...\"; "
                    + "with every value in double quotes and a ';' at the end. Fix kafka." + key
                    + " in the --config file or " + EnvironmentMapping.KAFKA_PREFIX + EnvironmentMapping.normalise(key)
                    + ".");
        }
    }
}
