package dev.stockflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.offer.Input;
import dev.stockflow.topology.TopologySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"stockflow\" password=\"secret-jaas\";";

    @TempDir
    Path dir;

    @Test
    void shouldUseDocumentedDefaults() {
        // When
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        // Then
        assertThat(config.getString(StockflowConfig.APPLICATION_ID_CONFIG)).isEqualTo("stockflow");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.getString(StockflowConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        final TopologySettings topology = config.topologySettings();
        assertThat(topology.topicOf(Input.STOCK)).isEqualTo("stock-updates");
        assertThat(topology.snapshotTopic()).isEqualTo("offer-snapshots");
        assertThat(topology.dlqTopic()).isEqualTo("stockflow-dlq");
        assertThat(topology.rules().delistRetentionMs()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(topology.rules().orderRetentionMs()).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(topology.topicOf(Input.ORDER)).isEqualTo("order-events");
        assertThat(topology.rules().omnibusWindowMs()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(topology.maxFutureSkewMs()).isEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void shouldDefaultToTheSettingsOwnDefaults() {
        // When
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        // Then: the settings' constants are the one source of these defaults
        assertThat(config.topologySettings()).isEqualTo(TopologySettings.DEFAULTS);
    }

    @Test
    void shouldShowDurationDefaultsAsPeopleWriteThem() {
        // When
        final Map<String, Object> defaults = StockflowConfig.definition().defaultValues();

        // Then
        assertThat(defaults).containsEntry(StockflowConfig.DELIST_RETENTION_CONFIG, "7d")
                .containsEntry(StockflowConfig.ORDER_RETENTION_CONFIG, "7d")
                .containsEntry(StockflowConfig.MAX_FUTURE_SKEW_CONFIG, "1h")
                .containsEntry(StockflowConfig.DELIST_SWEEP_INTERVAL_CONFIG, "30s")
                .containsEntry(StockflowConfig.OMNIBUS_WINDOW_DAYS_CONFIG, 30)
                .containsEntry(StockflowConfig.DELIST_SWEEP_BATCH_CONFIG, 10_000);
    }

    @Test
    void shouldReadTheFileAndLetEnvironmentWin() throws IOException {
        // Given
        final Path file = write("http.port=9000\nschema.registry.url=http://file:8081\ntopic.stock-updates=s1\n");
        final Map<String, String> env = Map.of(
                "STOCKFLOW_SCHEMA_REGISTRY_URL", "http://env:8081",
                "STOCKFLOW_TOPIC_STOCK_UPDATES", "s2",
                "PATH", "/usr/bin");

        // When
        final StockflowConfig config = ConfigLoader.load(file, env, Map.of());

        // Then
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://env:8081");
        assertThat(config.topologySettings().topicOf(Input.STOCK)).isEqualTo("s2");
    }

    @Test
    void shouldPassKafkaClientSettingsThroughFromEnvironmentAndFile() throws IOException {
        // Given
        final Path file = write("kafka.security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nproducer.linger.ms=50\n");
        final Map<String, String> env = Map.of(
                "STOCKFLOW_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "STOCKFLOW_KAFKA_BOOTSTRAP_SERVERS", "broker:9092");

        // When
        final StockflowConfig config = ConfigLoader.load(file, env, Map.of());

        // Then
        assertThat(config.kafkaClientSettings()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("producer.linger.ms", "50")
                .containsEntry("sasl.jaas.config", JAAS);
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    }

    @Test
    void shouldRefuseAJaasConfigKafkaCannotParseWithoutQuotingAnyPartOfIt() throws IOException {
        // Given: a password written without quotes, with a space in it (Kafka's parser quotes the second word)
        final Map<String, String> env = Map.of("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=hunter two;");
        final Path file = write("producer.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"u\" password=\"hunter3\"\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(null, env, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Kafka client setting sasl.jaas.config is not a valid JAAS configuration: "
                        + "Value not specified for key '[hidden]' in JAAS config.")
                .hasMessageContaining("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG")
                .hasMessageNotContaining("two").hasMessageNotContaining("hunter");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("producer.sasl.jaas.config is not a valid JAAS configuration: JAAS config entry "
                        + "not terminated by semi-colon")
                .hasMessageNotContaining("hunter3");
    }

    @Test
    void shouldMaskSecretsWhenDescribed() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(
                "STOCKFLOW_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "STOCKFLOW_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw"), Map.of());

        // When
        final Map<String, String> described = ConfigLoader.describe(config);

        // Then
        assertThat(described.toString()).doesNotContain("secret-jaas").doesNotContain("user:pw");
        assertThat(described).containsEntry("kafka.sasl.jaas.config", "[hidden]");
        assertThat(config.password(StockflowConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG)).isEqualTo("user:pw");
    }

    @Test
    void shouldRejectAnUnknownKeyWithASuggestion() throws IOException {
        // Given
        final Path file = write("http.prot=9000\n");

        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting 'http.prot'")
                .hasMessageContaining("Did you mean 'http.port'?");
    }

    @Test
    void shouldRejectBadValuesNamingTheKey() {
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_HTTP_PORT", "eighty"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port")
                .hasMessageContaining("Fix http.port in the --config file or STOCKFLOW_HTTP_PORT.");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_DELIST_RETENTION", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delist.retention")
                .hasMessageContaining("7d");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_ORDER_RETENTION", "0s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("order.retention");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_MAX_FUTURE_SKEW", "99999999999999999d"),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("max.future.skew");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_PROCESSING_GUARANTEE", "maybe"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("processing.guarantee");
    }

    @Test
    void shouldNameTheVariableOfAMissingRequiredSetting() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        // When / Then
        assertThatThrownBy(() -> config.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "run needs Kafka"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("STOCKFLOW_BOOTSTRAP_SERVERS");
    }

    @Test
    void shouldReportAnUnreadableConfigFile() {
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.properties");
    }

    @Test
    void shouldParseHumanDurations() {
        // Then
        assertThat(DurationParser.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationParser.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationParser.parse("1500")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldWriteDurationsInTheLargestExactUnit() {
        // Then
        assertThat(DurationParser.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(DurationParser.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(DurationParser.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationParser.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationParser.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationParser.format(Duration.ZERO)).isEqualTo("0d");
    }

    @Test
    void shouldReadAWrittenDurationBackAsTheSame() {
        // Given
        final Duration odd = Duration.ofDays(2).plusHours(3).plusMillis(4);

        // When
        final String text = DurationParser.format(odd);

        // Then
        assertThat(DurationParser.parse(text)).isEqualTo(odd);
        assertThatThrownBy(() -> DurationParser.format(Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationParser.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetStockflowsOwnNameWinOverThePassThroughForm() throws IOException {
        // Given
        final Path file = write("kafka.bootstrap.servers=file-pass-through:9092\nbootstrap.servers=file-own:9092\n");
        final Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("STOCKFLOW_APPLICATION_ID", "own");
        env.put("STOCKFLOW_KAFKA_APPLICATION_ID", "pass-through");

        // When
        final StockflowConfig fromFile = ConfigLoader.load(file, Map.of(), Map.of());
        final StockflowConfig fromEnv = ConfigLoader.load(null, env, Map.of());

        // Then
        assertThat(fromFile.bootstrapServers()).isEqualTo("file-own:9092");
        assertThat(fromEnv.getString(StockflowConfig.APPLICATION_ID_CONFIG)).isEqualTo("own");
    }

    @Test
    void shouldMaskRegistryUrlCredentialsAndKafkaPasswordSettings() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(
                "STOCKFLOW_SCHEMA_REGISTRY_URL", "https://reg:s3cret@registry:8081,http://other:8081",
                "STOCKFLOW_KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN PRIVATE KEY-----"), Map.of());

        // When
        final Map<String, String> described = ConfigLoader.describe(config);

        // Then
        assertThat(described.get("schema.registry.url")).isEqualTo("https://reg:[hidden]@registry:8081,http://other:8081");
        assertThat(described.get("kafka.ssl.keystore.key")).isEqualTo("[hidden]");
    }

    private Path write(final String content) throws IOException {
        final Path file = dir.resolve("stockflow.properties");
        Files.writeString(file, content);
        return file;
    }
}
