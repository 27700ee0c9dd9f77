package dev.stockflow.testkit.security;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one client authenticates to the secured broker, and who the broker then takes it for.
 *
 * @param principal        the Kafka principal ACLs name, e.g. {@code User:stockflow} or {@code User:CN=stockflow}
 * @param bootstrapServers the listener this identity connects to
 * @param clientSettings   the Kafka client settings besides {@code bootstrap.servers}: security protocol, SASL and
 *                         TLS
 */
public record KafkaIdentity(String principal, String bootstrapServers, Map<String, Object> clientSettings) {

    public KafkaIdentity {
        clientSettings = Map.copyOf(clientSettings);
    }

    /** The principal's name without its type: {@code stockflow} for {@code User:stockflow}. */
    public String name() {
        return principal.substring(principal.indexOf(':') + 1);
    }

    /** A Kafka client's whole configuration: the bootstrap servers and the security settings. */
    public Map<String, Object> kafkaConfig() {
        final Map<String, Object> config = new HashMap<>(clientSettings);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** {@link #kafkaConfig()} as lines of a properties file (values as they are: none holds a backslash). */
    public String propertiesText() {
        return kafkaConfig().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .sorted().collect(Collectors.joining("\n", "", "\n"));
    }
}
