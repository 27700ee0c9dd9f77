package dev.stockflow.config;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.serde.SchemaRegistrySettings;
import dev.stockflow.serde.SchemaRegistrySettings.StoreSettings;
import dev.stockflow.serde.WireFormatSerde;
import dev.stockflow.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Stockflow's own settings, defined once: name, type, default, validation and documentation. Kafka
 * client settings are not listed here; they pass through (see {@link ConfigLoader}).
 */
public final class StockflowConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...].";

    // The registry client owns its keys; they are listed here too so they are validated and documented.
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistrySettings.URL_CONFIG;
    private static final String SCHEMA_REGISTRY_URL_DOC = "Schema registry speaking the Confluent REST API "
            + "(http:// or https://, several comma-separated), or mock://scope for an in-process one.";
    public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG = SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG;
    private static final String SCHEMA_REGISTRY_USER_INFO_DOC = "user:password for HTTP basic auth to the registry.";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = WireFormatSerde.AUTO_REGISTER_SCHEMAS_CONFIG;
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Register the snapshot schema (run) and the input "
            + "schemas (feed, generate) when the registry does not have them yet.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String APPLICATION_ID_DEFAULT = "stockflow";
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group and the "
            + "prefix of internal topics and transactional ids.";

    public static final String APPLICATION_SERVER_CONFIG = "application.server";
    private static final String APPLICATION_SERVER_DOC = "host:port under which other instances reach this "
            + "instance's HTTP port, for routing offer lookups to the instance that owns the key. Empty: "
            + "localhost:<http.port>, right for a single instance.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    public static final int HTTP_PORT_DEFAULT = 8080;
    private static final String HTTP_PORT_DOC = "Port of the HTTP API (offers, health, metrics); 0 picks a free one.";

    public static final String STATIC_MEMBERSHIP_CONFIG = "static.membership";
    private static final String STATIC_MEMBERSHIP_DOC = "Join the consumer group as a static member named after this "
            + "instance (application.server, else host and http.port), so a restarted instance gets its partitions "
            + "back at once without a rebalance. Two live instances must never share application.server.";

    public static final String STATE_DIR_CONFIG = "state.dir";
    private static final String STATE_DIR_DOC = "Directory of the RocksDB state; empty: Kafka Streams' default "
            + "(/tmp/kafka-streams). Give each instance its own persistent directory in production.";

    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";
    private static final String PROCESSING_GUARANTEE_DOC = "exactly_once_v2 (transactions: output, state and "
            + "input offsets commit atomically) or at_least_once (faster; snapshots may be emitted twice).";

    public static final String NUM_STANDBY_REPLICAS_CONFIG = "num.standby.replicas";
    private static final String NUM_STANDBY_REPLICAS_DOC = "Warm copies of each state store on other instances, "
            + "for fast fail-over.";

    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    private static final String NUM_STREAM_THREADS_DOC = "Stream threads per instance; 0 starts one per "
            + "processor the JVM may use (its container's CPU limit). More threads than input partitions stay idle.";

    public static final String ROCKSDB_MEMORY_MB_CONFIG = "rocksdb.memory.mb";
    public static final int ROCKSDB_MEMORY_MB_DEFAULT = 256;
    private static final String ROCKSDB_MEMORY_MB_DOC = "Total off-heap memory of RocksDB per instance (one "
            + "block cache shared by all stores, write buffers counted against it).";

    public static final String CACHE_MAX_BYTES_CONFIG = "cache.max.bytes";
    public static final long CACHE_MAX_BYTES_DEFAULT = TopologySettings.DEFAULT_OFFER_CACHE_BYTES;
    private static final String CACHE_MAX_BYTES_DOC = "Heap budget for offers kept decoded in front of the state "
            + "store, shared by all its partitions: an offer changed several times between two commits is written "
            + "to RocksDB and its changelog once. 0 caches nothing.";

    // The input topics' settings are Input.configKey(), one per input.
    public static final String TOPIC_SNAPSHOT_CONFIG = "topic.offer-snapshots";
    public static final String TOPIC_DLQ_CONFIG = "topic.dlq";

    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    public static final int TOPIC_PARTITIONS_DEFAULT = 6;
    private static final String TOPIC_PARTITIONS_DOC = "Partitions of input topics created by feed, generate and "
            + "demo. Output topics are created with the input topics' partition count.";

    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "topic.replication.factor";
    private static final String TOPIC_REPLICATION_FACTOR_DOC = "Replication factor of topics Stockflow creates; "
            + "-1: the broker's default.";

    public static final String DELIST_RETENTION_CONFIG = "delist.retention";
    private static final String DELIST_RETENTION_DEFAULT = DurationParser.format(
            Duration.ofMillis(RuleSettings.DEFAULTS.delistRetentionMs()));
    private static final String DELIST_RETENTION_DOC = "How long, in stream time after it was processed, a "
            + "delisting is remembered (e.g. 7d, 12h).";

    public static final String ORDER_RETENTION_CONFIG = "order.retention";
    private static final String ORDER_RETENTION_DEFAULT = DurationParser.format(
            Duration.ofMillis(RuleSettings.DEFAULTS.orderRetentionMs()));
    private static final String ORDER_RETENTION_DOC = "How long, in stream time after an order line ended (settled "
            + "by a partner's count or cancelled), its version is remembered so that late, older events of it stay "
            + "stale (e.g. 7d, 12h).";

    public static final String MAX_FUTURE_SKEW_CONFIG = "max.future.skew";
    private static final String MAX_FUTURE_SKEW_DEFAULT = DurationParser.format(
            Duration.ofMillis(TopologySettings.DEFAULT_MAX_FUTURE_SKEW_MS));
    private static final String MAX_FUTURE_SKEW_DOC = "Events whose occurredAt is further ahead of the wall clock "
            + "go to the dead-letter topic (future-timestamp).";

    public static final String OMNIBUS_WINDOW_DAYS_CONFIG = "omnibus.window.days";
    private static final int OMNIBUS_WINDOW_DAYS_DEFAULT = wholeDays(RuleSettings.DEFAULTS.omnibusWindowMs());
    private static final String OMNIBUS_WINDOW_DAYS_DOC = "EU Omnibus window: lowestPrice30d is the lowest price "
            + "in effect during this many days before the current price took effect.";

    public static final String DELIST_SWEEP_INTERVAL_CONFIG = "delist.sweep.interval";
    private static final String DELIST_SWEEP_INTERVAL_DEFAULT = DurationParser.format(
            Duration.ofMillis(TopologySettings.DEFAULT_SWEEP_INTERVAL_MS));
    private static final String DELIST_SWEEP_INTERVAL_DOC = "How often the store is swept for delistings past "
            + "delist.retention and for the versions of ended order lines past order.retention (wall clock).";

    public static final String DELIST_SWEEP_BATCH_CONFIG = "delist.sweep.batch";
    private static final String DELIST_SWEEP_BATCH_DOC = "Offers visited per sweep, so a sweep never stalls "
            + "processing for long.";

    static final ConfigDef DEFINITION = defineRules(defineTopics(HttpSecuritySettings.define(defineApplication(
            defineConnections(new ConfigDef())))));

    /** Kafka and the schema registry. */
    private static ConfigDef defineConnections(final ConfigDef definition) {
        return definition
                .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", SettingValidators.hostPortList(), Importance.HIGH,
                        BOOTSTRAP_SERVERS_DOC)
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "", SettingValidators.registryUrl(), Importance.HIGH,
                        SCHEMA_REGISTRY_URL_DOC)
                .define(SCHEMA_REGISTRY_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        SCHEMA_REGISTRY_USER_INFO_DOC)
                .define(SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.LOW,
                        "Trust store for an https:// registry.")
                .define(SchemaRegistrySettings.TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the registry trust store.")
                .define(SchemaRegistrySettings.TRUSTSTORE_TYPE_CONFIG, Type.STRING,
                        SchemaRegistrySettings.STORE_TYPE_DEFAULT, Importance.LOW,
                        "Type of the registry trust store (JKS, PKCS12).")
                .define(SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.LOW,
                        "Key store for mutual TLS to the registry.")
                .define(SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the registry key store (and of its key, unless "
                                + SchemaRegistrySettings.KEY_PASSWORD_CONFIG + " is set).")
                .define(SchemaRegistrySettings.KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the key in the registry key store, when it differs from the store's.")
                .define(SchemaRegistrySettings.KEYSTORE_TYPE_CONFIG, Type.STRING,
                        SchemaRegistrySettings.STORE_TYPE_DEFAULT, Importance.LOW,
                        "Type of the registry key store (JKS, PKCS12).")
                .define(SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, Type.LONG,
                        SchemaRegistrySettings.REQUEST_TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Timeout of one registry request in milliseconds.")
                .define(SchemaRegistrySettings.MAX_RETRIES_CONFIG, Type.INT, SchemaRegistrySettings.MAX_RETRIES_DEFAULT,
                        ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Extra rounds over the registry URLs after every URL failed (5xx or no answer).")
                .define(SchemaRegistrySettings.RETRY_BACKOFF_MS_CONFIG, Type.LONG,
                        SchemaRegistrySettings.RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Pause before the first registry retry round in milliseconds; doubles each round.")
                .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN,
                        WireFormatSerde.AUTO_REGISTER_SCHEMAS_DEFAULT, Importance.MEDIUM,
                        AUTO_REGISTER_SCHEMAS_DOC);
    }

    /** The Kafka Streams application and this instance. */
    private static ConfigDef defineApplication(final ConfigDef definition) {
        return definition
                .define(APPLICATION_ID_CONFIG, Type.STRING, APPLICATION_ID_DEFAULT, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, APPLICATION_ID_DOC)
                .define(APPLICATION_SERVER_CONFIG, Type.STRING, "", SettingValidators.hostPort(), Importance.MEDIUM,
                        APPLICATION_SERVER_DOC)
                .define(HTTP_PORT_CONFIG, Type.INT, HTTP_PORT_DEFAULT, ConfigDef.Range.between(0, 65_535),
                        Importance.HIGH, HTTP_PORT_DOC)
                .define(STATIC_MEMBERSHIP_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, STATIC_MEMBERSHIP_DOC)
                .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.HIGH, STATE_DIR_DOC)
                .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, EXACTLY_ONCE_V2,
                        ConfigDef.ValidString.in(EXACTLY_ONCE_V2, AT_LEAST_ONCE), Importance.MEDIUM,
                        PROCESSING_GUARANTEE_DOC)
                .define(NUM_STANDBY_REPLICAS_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        NUM_STANDBY_REPLICAS_DOC)
                .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        NUM_STREAM_THREADS_DOC)
                .define(ROCKSDB_MEMORY_MB_CONFIG, Type.INT, ROCKSDB_MEMORY_MB_DEFAULT, ConfigDef.Range.atLeast(16),
                        Importance.MEDIUM, ROCKSDB_MEMORY_MB_DOC)
                .define(CACHE_MAX_BYTES_CONFIG, Type.LONG, CACHE_MAX_BYTES_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CACHE_MAX_BYTES_DOC);
    }

    /** The topics: a setting per input topic, named and defaulted by its {@link Input}, then the others. */
    private static ConfigDef defineTopics(final ConfigDef definition) {
        for (final Input input : Input.values()) {
            definition.define(input.configKey(), Type.STRING, input.defaultTopic(), new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Input topic of " + input.recordClass().getSimpleName() + " records.");
        }
        return definition
                .define(TOPIC_SNAPSHOT_CONFIG, Type.STRING, TopologySettings.DEFAULT_SNAPSHOT_TOPIC,
                        new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Compacted output topic of OfferSnapshot records.")
                .define(TOPIC_DLQ_CONFIG, Type.STRING, TopologySettings.DEFAULT_DLQ_TOPIC,
                        new ConfigDef.NonEmptyString(), Importance.MEDIUM, "Dead-letter topic for bad input.")
                .define(TOPIC_PARTITIONS_CONFIG, Type.INT, TOPIC_PARTITIONS_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, TOPIC_PARTITIONS_DOC)
                .define(TOPIC_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) -1, SettingValidators.replicationFactor(),
                        Importance.LOW, TOPIC_REPLICATION_FACTOR_DOC);
    }

    /** The rule tunables and the bad-input policy. */
    private static ConfigDef defineRules(final ConfigDef definition) {
        return definition
                .define(DELIST_RETENTION_CONFIG, Type.STRING, DELIST_RETENTION_DEFAULT, new DurationValidator(false),
                        Importance.MEDIUM, DELIST_RETENTION_DOC)
                .define(ORDER_RETENTION_CONFIG, Type.STRING, ORDER_RETENTION_DEFAULT, new DurationValidator(false),
                        Importance.MEDIUM, ORDER_RETENTION_DOC)
                .define(MAX_FUTURE_SKEW_CONFIG, Type.STRING, MAX_FUTURE_SKEW_DEFAULT, new DurationValidator(true),
                        Importance.MEDIUM, MAX_FUTURE_SKEW_DOC)
                .define(OMNIBUS_WINDOW_DAYS_CONFIG, Type.INT, OMNIBUS_WINDOW_DAYS_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.MEDIUM, OMNIBUS_WINDOW_DAYS_DOC)
                .define(DELIST_SWEEP_INTERVAL_CONFIG, Type.STRING, DELIST_SWEEP_INTERVAL_DEFAULT,
                        new DurationValidator(false), Importance.LOW, DELIST_SWEEP_INTERVAL_DOC)
                .define(DELIST_SWEEP_BATCH_CONFIG, Type.INT, TopologySettings.DEFAULT_SWEEP_BATCH,
                        ConfigDef.Range.atLeast(1), Importance.LOW, DELIST_SWEEP_BATCH_DOC);
    }

    private final Map<String, Object> kafkaClientSettings;

    StockflowConfig(final Map<String, ?> stockflowSettings, final Map<String, Object> kafkaClientSettings) {
        super(DEFINITION, stockflowSettings, false);
        this.kafkaClientSettings = Map.copyOf(kafkaClientSettings);
    }

    /** The definition of every setting, for documentation. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /** Kafka client settings passed through unchanged (SASL, TLS, tuning). */
    public Map<String, Object> kafkaClientSettings() {
        return kafkaClientSettings;
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    public String password(final String key) {
        final Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    public Duration duration(final String key) {
        return DurationParser.parse(getString(key));
    }

    /** Fails with a message naming the setting when a setting a command needs is empty. */
    public void require(final String key, final String why) {
        final Object value = get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException("Missing setting '" + key + "': " + why + ". Set it in the --config file or as "
                    + EnvironmentMapping.variableFor(key) + ".");
        }
    }

    /** {@code auto.register.schemas}: whether writers register their schema when the registry lacks it. */
    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    /**
     * The HTTP registry client's settings, from the values as loaded (typed and validated); secrets stay
     * {@link Password}s. Only an {@code http(s)://} {@code schema.registry.url} has them.
     *
     * @throws IllegalArgumentException the URL is missing or not an HTTP one, or the user info has no password
     */
    public SchemaRegistrySettings registrySettings() {
        return new SchemaRegistrySettings(SchemaRegistrySettings.parseUrls(schemaRegistryUrl()),
                optionalPassword(SCHEMA_REGISTRY_USER_INFO_CONFIG),
                store(SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG,
                        SchemaRegistrySettings.TRUSTSTORE_PASSWORD_CONFIG,
                        SchemaRegistrySettings.TRUSTSTORE_TYPE_CONFIG),
                keyStore(),
                Duration.ofMillis(getLong(SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG)),
                getInt(SchemaRegistrySettings.MAX_RETRIES_CONFIG),
                Duration.ofMillis(getLong(SchemaRegistrySettings.RETRY_BACKOFF_MS_CONFIG)));
    }

    /** The store a location setting names, or null when it is empty. */
    private StoreSettings store(final String locationKey, final String passwordKey, final String typeKey) {
        final String location = getString(locationKey);
        if (location == null || location.isEmpty()) {
            return null;
        }
        final String type = getString(typeKey);
        return new StoreSettings(Path.of(location), optionalPassword(passwordKey),
                type == null || type.isEmpty() ? SchemaRegistrySettings.STORE_TYPE_DEFAULT : type);
    }

    /** The registry keystore, with its key's own password when one is set. */
    private StoreSettings keyStore() {
        final StoreSettings store = store(SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG,
                SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG, SchemaRegistrySettings.KEYSTORE_TYPE_CONFIG);
        return store == null ? null
                : store.withKeyPassword(optionalPassword(SchemaRegistrySettings.KEY_PASSWORD_CONFIG));
    }

    /** The password setting, or null when it is not set or empty (values are trimmed when loaded). */
    public Password optionalPassword(final String key) {
        final Password password = getPassword(key);
        return password == null || password.value().isEmpty() ? null : password;
    }

    /**
     * The stream threads to start: {@code num.stream.threads}, or one per available processor when it is 0.
     * With exactly-once each thread commits on its own, so while one waits for its commit another processes.
     */
    public int streamThreads() {
        final int configured = getInt(NUM_STREAM_THREADS_CONFIG);
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public TopologySettings topologySettings() {
        final RuleSettings rules = new RuleSettings(Duration.ofDays(getInt(OMNIBUS_WINDOW_DAYS_CONFIG)).toMillis(),
                duration(DELIST_RETENTION_CONFIG).toMillis(), duration(ORDER_RETENTION_CONFIG).toMillis());
        final Map<Input, String> inputTopics = new EnumMap<>(Input.class);
        for (final Input input : Input.values()) {
            inputTopics.put(input, getString(input.configKey()));
        }
        return new TopologySettings(inputTopics, getString(TOPIC_SNAPSHOT_CONFIG), getString(TOPIC_DLQ_CONFIG), rules,
                duration(MAX_FUTURE_SKEW_CONFIG).toMillis(), duration(DELIST_SWEEP_INTERVAL_CONFIG).toMillis(),
                getInt(DELIST_SWEEP_BATCH_CONFIG), getLong(CACHE_MAX_BYTES_CONFIG), autoRegisterSchemas());
    }

    /** The setting is in days, so its default must be a whole number of them. */
    private static int wholeDays(final long millis) {
        final Duration duration = Duration.ofMillis(millis);
        if (!Duration.ofDays(duration.toDays()).equals(duration)) {
            throw new IllegalStateException(duration + " is not a whole number of days");
        }
        return Math.toIntExact(duration.toDays());
    }

    /** Validates a duration setting when the configuration is loaded, not when it is first used. */
    private static final class DurationValidator implements ConfigDef.Validator {
        private final boolean zeroAllowed;

        DurationValidator(final boolean zeroAllowed) {
            this.zeroAllowed = zeroAllowed;
        }

        @Override
        public void ensureValid(final String name, final Object value) {
            try {
                final Duration duration = DurationParser.parse((String) value);
                if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
                    throw new ConfigException(name, value, zeroAllowed ? "must not be negative" : "must be positive");
                }
            } catch (final IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a duration such as 7d, 1h, 30m, 45s, 500ms or PT1H";
        }
    }
}
