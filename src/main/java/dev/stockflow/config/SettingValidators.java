package dev.stockflow.config;

import dev.stockflow.serde.SchemaRegistryClients;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;

/**
 * Checks of settings whose form Kafka's config types do not capture, run when the configuration is loaded,
 * so that a typo is one clear line naming the key (exit code 2), not a failure minutes later.
 */
final class SettingValidators {

    private static final int MAX_PORT = 65_535;

    private SettingValidators() {
    }

    /** Empty, or host:port[,host:port...] (bootstrap.servers). */
    static ConfigDef.Validator hostPortList() {
        return new Described("host:port[,host:port...]", (name, value) -> {
            boolean any = false;
            for (final String address : value.split(",")) {
                if (!address.isBlank()) { // Kafka skips empty entries of the list too
                    checkHostPort(name, value, address.strip());
                    any = true;
                }
            }
            if (!any) {
                throw new ConfigException(name, value, "names no host:port");
            }
        });
    }

    /** Empty, or one host:port (application.server). */
    static ConfigDef.Validator hostPort() {
        return new Described("host:port", (name, value) -> checkHostPort(name, value, value.strip()));
    }

    /** Empty, or http(s):// URLs, or mock://scope (schema.registry.url). */
    static ConfigDef.Validator registryUrl() {
        return new Described("http(s)://host[:port][,...] or mock://scope", (name, value) -> {
            try {
                SchemaRegistryClients.checkUrl(value.strip());
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(name, value.replaceAll("//[^/@]*@", "//****@"), e.getMessage());
            }
        });
    }

    /** -1 (the broker's default.replication.factor) or at least 1 (topic.replication.factor). */
    static ConfigDef.Validator replicationFactor() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                final short factor = (Short) value;
                if (factor != -1 && factor < 1) {
                    throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
                }
            }

            @Override
            public String toString() {
                return "-1 or [1,...]";
            }
        };
    }

    /**
     * Read as the Kafka clients read it (an IPv6 host bracketed or not, a protocol prefix allowed), but the
     * host must be everything before the port: Kafka's own pattern would find a host:port inside "a:1,b:2".
     */
    private static void checkHostPort(final String name, final String value, final String address) {
        final String hostPort = address.replaceFirst("^[A-Za-z0-9_+.-]+://", "");
        final String host = Utils.getHost(hostPort);
        Integer port;
        try {
            port = Utils.getPort(hostPort);
        } catch (final NumberFormatException tooLong) {
            port = null;
        }
        final int colon = hostPort.lastIndexOf(':');
        final String written = colon < 0 ? "" : hostPort.substring(0, colon).replaceFirst("^\\[(.*)]$", "$1");
        if (host == null || host.isEmpty() || !host.equals(written) || port == null || port < 1 || port > MAX_PORT) {
            throw new ConfigException(name, value, "'" + address + "' is not host:port");
        }
    }

    /** A check of non-empty string values, with the description the configuration reference shows. */
    private record Described(String description, Check check) implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            if (value != null && !((String) value).isBlank()) {
                check.apply(name, (String) value);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    private interface Check {
        void apply(String name, String value);
    }
}
