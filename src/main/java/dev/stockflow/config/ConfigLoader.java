package dev.stockflow.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link StockflowConfig} from, in rising precedence: the defaults, the {@code --config}
 * properties file, {@code STOCKFLOW_*} environment variables, and explicit overrides.
 *
 * <p>In the file, Stockflow's keys are read as such; {@code kafka.<x>} and plain Kafka client keys
 * ({@code security.protocol}, {@code producer.linger.ms}, ...) pass through to the Kafka clients.
 * An unknown key is an error, so a typo never goes unnoticed.
 */
public final class ConfigLoader {

    private static final String KAFKA_FILE_PREFIX = "kafka.";
    private static final Pattern INVALID_SETTING = Pattern.compile("for configuration ([^:\\s]+)");
    private static final Set<String> CLIENT_PREFIXES = Set.of("producer.", "consumer.", "main.consumer.",
            "restore.consumer.", "global.consumer.", "admin.", "topic.");
    private static final Set<String> KAFKA_CLIENT_KEYS = kafkaClientKeys();
    private static final Set<String> STOCKFLOW_KEYS = StockflowConfig.definition().names();
    private static final Set<String> KAFKA_SECRET_KEYS = kafkaSecretKeys();
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {
    }

    /**
     * @param configFile the properties file, or null
     * @param environment the process environment (only {@code STOCKFLOW_*} variables are read)
     * @param overrides settings that win over everything else (used by the demo and tests)
     * @throws ConfigException with a message naming the setting and the fix
     */
    public static StockflowConfig load(final Path configFile, final Map<String, String> environment,
                                       final Map<String, ?> overrides) {
        final Map<String, Object> stockflow = new LinkedHashMap<>();
        final Map<String, Object> kafka = new LinkedHashMap<>();
        // Within each source the pass-through forms go first, so that when both kafka.x (STOCKFLOW_KAFKA_X)
        // and Stockflow's own x (STOCKFLOW_X) are given, Stockflow's own name wins, whatever the order.
        if (configFile != null) {
            final Map<String, String> file = readFile(configFile);
            file.forEach((key, value) -> {
                if (!STOCKFLOW_KEYS.contains(key)) {
                    assignFileKey(key, value, stockflow, kafka, configFile);
                }
            });
            file.forEach((key, value) -> {
                if (STOCKFLOW_KEYS.contains(key)) {
                    stockflow.put(key, value);
                }
            });
        }
        environment.forEach((variable, value) -> {
            if (EnvironmentMapping.kafkaSettingOf(variable) != null) {
                assign(EnvironmentMapping.kafkaSettingOf(variable), value, stockflow, kafka);
            }
        });
        environment.forEach((variable, value) -> assignStockflowVariable(variable, value, stockflow));
        overrides.forEach((key, value) -> assign(key, value, stockflow, kafka));
        kafka.forEach(JaasSyntax::check);
        try {
            return new StockflowConfig(stockflow, kafka);
        } catch (final ConfigException e) {
            throw withFix(e);
        }
    }

    /**
     * Kafka's message names the setting and what is wrong with it; adds where to put it right: a Stockflow
     * setting in the file or its {@code STOCKFLOW_} variable, a Kafka client setting as {@code kafka.<key>}
     * in the file or its {@code STOCKFLOW_KAFKA_} variable.
     */
    public static ConfigException withFix(final ConfigException e) {
        final String message = String.valueOf(e.getMessage()).strip();
        final Matcher setting = INVALID_SETTING.matcher(message);
        if (!setting.find() || message.contains(" Fix ")) {
            return e;
        }
        final String key = setting.group(1);
        final boolean stockflowKey = StockflowConfig.definition().names().contains(key);
        final String where = stockflowKey ? key + " in the --config file or " + EnvironmentMapping.variableFor(key)
                : "kafka." + key + " in the --config file or " + EnvironmentMapping.KAFKA_PREFIX
                        + EnvironmentMapping.normalise(key);
        return new ConfigException(message + (message.endsWith(".") ? "" : ".") + " Fix " + where + ".");
    }

    /** Settings for logging: every explicitly set value, secrets masked. */
    public static Map<String, String> describe(final StockflowConfig config) {
        final Map<String, String> out = new TreeMap<>();
        config.originals().forEach((key, value) -> out.put(key, mask(key, value)));
        config.kafkaClientSettings().forEach((key, value) -> out.put("kafka." + key, mask(key, value)));
        return out;
    }

    private static Map<String, String> readFile(final Path file) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (final IOException e) {
            throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage()
                    + ". Check the path given to --config.");
        }
        final Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key.trim(), properties.getProperty(key).trim()));
        return values;
    }

    private static void assignFileKey(final String key, final String value, final Map<String, Object> stockflow,
                                      final Map<String, Object> kafka, final Path file) {
        if (key.startsWith(KAFKA_FILE_PREFIX)) {
            assign(key.substring(KAFKA_FILE_PREFIX.length()), value, stockflow, kafka);
        } else if (STOCKFLOW_KEYS.contains(key) || isKafkaClientKey(key)) {
            assign(key, value, stockflow, kafka);
        } else {
            throw new ConfigException("Unknown setting '" + key + "' in " + file + "." + suggestion(key)
                    + " Kafka client settings may also be written as kafka." + key + ".");
        }
    }

    private static void assignStockflowVariable(final String variable, final String value,
                                                final Map<String, Object> stockflow) {
        if (!variable.startsWith(EnvironmentMapping.PREFIX) || EnvironmentMapping.kafkaSettingOf(variable) != null
                || EnvironmentMapping.IGNORED.contains(variable)) {
            return;
        }
        final String key = EnvironmentMapping.stockflowSettingOf(variable);
        if (key == null) {
            LOG.warn("Ignoring environment variable {}: it names no Stockflow setting", variable);
        } else {
            stockflow.put(key, value);
        }
    }

    /** A Kafka client key that is also one of Stockflow's (bootstrap.servers, application.id...) sets that one. */
    private static void assign(final String key, final Object value, final Map<String, Object> stockflow,
                               final Map<String, Object> kafka) {
        if (STOCKFLOW_KEYS.contains(key)) {
            stockflow.put(key, value);
        } else {
            kafka.put(key, value);
        }
    }

    /** Kafka's own keys, and its prefixed forms (producer.linger.ms, main.consumer.fetch.min.bytes...). */
    private static boolean isKafkaClientKey(final String key) {
        if (KAFKA_CLIENT_KEYS.contains(key)) {
            return true;
        }
        return CLIENT_PREFIXES.stream()
                .anyMatch(prefix -> key.startsWith(prefix)
                        && KAFKA_CLIENT_KEYS.contains(key.substring(prefix.length())));
    }

    private static String suggestion(final String key) {
        final String closest = STOCKFLOW_KEYS.stream()
                .min((a, b) -> Integer.compare(distance(a, key), distance(b, key)))
                .orElse(null);
        return closest != null && distance(closest, key) <= 3 ? " Did you mean '" + closest + "'?" : "";
    }

    private static int distance(final String a, final String b) {
        final int[] previous = new int[b.length() + 1];
        final int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            System.arraycopy(current, 0, previous, 0, current.length);
        }
        return previous[b.length()];
    }

    private static String mask(final String key, final Object value) {
        if (key.equals(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG)) {
            return maskUrlCredentials(String.valueOf(value));
        }
        final String lower = key.toLowerCase(Locale.ROOT);
        final boolean secret = KAFKA_SECRET_KEYS.contains(unprefixed(key)) || lower.contains("password")
                || lower.contains("jaas") || lower.contains("secret") || lower.contains("user.info")
                || lower.contains("token");
        return secret ? "[hidden]" : String.valueOf(value);
    }

    /** {@code https://user:pw@host} as {@code https://user:[hidden]@host}, for each comma-separated URL. */
    private static String maskUrlCredentials(final String urls) {
        return urls.replaceAll("(://[^:/@,]+):[^@/,]*@", "$1:[hidden]@");
    }

    private static String unprefixed(final String key) {
        return CLIENT_PREFIXES.stream().filter(key::startsWith).findFirst()
                .map(prefix -> key.substring(prefix.length())).orElse(key);
    }

    /** Every Kafka client setting typed as a password (ssl.key.password, ssl.keystore.key, sasl.jaas.config...). */
    private static Set<String> kafkaSecretKeys() {
        final Set<String> keys = new HashSet<>();
        for (final ConfigDef definition : List.of(StreamsConfig.configDef(), ProducerConfig.configDef(),
                ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            definition.configKeys().values().stream()
                    .filter(configKey -> configKey.type == ConfigDef.Type.PASSWORD)
                    .forEach(configKey -> keys.add(configKey.name));
        }
        return Set.copyOf(keys);
    }

    private static Set<String> kafkaClientKeys() {
        final Set<String> keys = new HashSet<>();
        keys.addAll(StreamsConfig.configDef().names());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Set.copyOf(keys);
    }

}
