package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.Input;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** How values reach Stockflow: the properties file of the ConfigMap, environment variables and Secret references. */
class ConfigTemplateTest {

    /** Production plus mutual TLS to the registry: a client keystore beside the truststore. */
    private static final Map<String, Object> REGISTRY_MUTUAL_TLS = Map.of(
            "schemaRegistry.tls.keystoreKey", "client.p12",
            "schemaRegistry.tls.keystoreType", "JKS",
            "schemaRegistry.tls.keystorePasswordKey", "client.password");

    private static RenderedManifests defaults;
    private static RenderedManifests production;
    private static RenderedManifests registryMutualTls;

    @BeforeAll
    static void render() {
        defaults = StockflowChart.renderDefaults();
        production = StockflowChart.renderProduction();
        registryMutualTls = StockflowChart.render(REGISTRY_MUTUAL_TLS, StockflowChart.productionValues());
    }

    @Test
    void shouldListOnlySettingsThatStockflowDefines() {
        // Given
        final Set<String> defined = StockflowConfig.definition().names();

        // When
        final Set<String> listed = EnvConfigKeys.STOCKFLOW_SETTINGS;

        // Then
        assertThat(defined).containsAll(listed);
    }

    @Test
    void shouldMapEveryStockflowVariableOntoAStockflowOrKafkaClientSetting() {
        // Given
        final Set<String> kafkaSettings = EnvConfigKeys.kafkaClientSettings();

        // When
        final List<String> variables = new ArrayList<>(stockflowVariables(production));
        variables.addAll(stockflowVariables(registryMutualTls));

        // Then
        assertThat(variables).isNotEmpty().allSatisfy(variable -> {
            final Optional<String> kafkaSetting = EnvConfigKeys.kafkaSetting(variable);
            final Optional<String> stockflowSetting = EnvConfigKeys.stockflowSetting(variable);
            if (kafkaSetting.isPresent()) {
                assertThat(kafkaSettings).as("%s passes through a Kafka client setting", variable)
                        .contains(kafkaSetting.get());
            } else {
                assertThat(EnvConfigKeys.STOCKFLOW_SETTINGS).as("%s sets a Stockflow setting", variable)
                        .contains(stockflowSetting.orElseThrow());
            }
        });
    }

    @Test
    void shouldPassTheConnectionSettingsOfProductionThroughTheEnvironment() {
        // Given values-production.yaml: SASL_SSL, a PKCS12 truststore, extra client settings, registry auth and truststore

        // When
        final List<String> settings = new ArrayList<>();
        for (final String variable : stockflowVariables(production)) {
            EnvConfigKeys.kafkaSetting(variable).or(() -> EnvConfigKeys.stockflowSetting(variable)).ifPresent(settings::add);
        }

        // Then
        assertThat(settings).containsExactlyInAnyOrder(
                "application.server", "group.instance.id", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location", "ssl.truststore.type", "ssl.truststore.password",
                "client.dns.lookup", "max.poll.records", "schema.registry.basic.auth.user.info",
                "schema.registry.ssl.truststore.location", "schema.registry.ssl.truststore.type",
                "schema.registry.ssl.truststore.password");
        assertThat(production.env("STOCKFLOW_KAFKA_SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SASL_SSL");
        assertThat(production.env("STOCKFLOW_KAFKA_MAX_POLL_RECORDS").path("value").asText()).isEqualTo("2000");
    }

    @Test
    void shouldWriteOnlyStockflowSettingsIntoThePropertiesFile() {
        // Given
        final List<Properties> files = List.of(defaults.stockflowProperties(), production.stockflowProperties());

        // When
        final List<Object> keys = new ArrayList<>();
        files.forEach(file -> keys.addAll(file.keySet()));

        // Then
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(EnvConfigKeys.STOCKFLOW_SETTINGS).contains((String) key));
        assertThat(keys).as("credentials stay in Secrets").doesNotContain("schema.registry.basic.auth.user.info",
                "schema.registry.ssl.truststore.password", "schema.registry.ssl.keystore.password");
    }

    @Test
    void shouldCarryReplicasStandbysTopicsAndTheGuaranteeIntoTheWorkloadAndProperties() {
        // Given values-production.yaml

        // When
        final Properties properties = production.stockflowProperties();

        // Then
        assertThat(production.statefulSet().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(properties).contains(
                entry("application.id", "stockflow-prod"),
                entry("processing.guarantee", "exactly_once_v2"),
                entry("num.standby.replicas", "1"),
                entry("rocksdb.memory.mb", "1024"),
                entry("omnibus.window.days", "30"),
                entry("topic.stock-updates", "prod.partner.stock-updates"),
                entry("topic.price-updates", "prod.partner.price-updates"),
                entry("topic.offer-delistings", "prod.partner.offer-delistings"),
                entry("topic.order-events", "prod.shop.order-events"),
                entry("order.retention", "14d"),
                entry("topic.offer-snapshots", "prod.catalog.offer-snapshots"),
                entry("topic.dlq", "prod.stockflow.dlq"),
                entry("bootstrap.servers", "kafka-0.kafka.svc:9093,kafka-1.kafka.svc:9093,kafka-2.kafka.svc:9093"),
                entry("schema.registry.url", "https://schema-registry.kafka.svc:8081"));
    }

    @Test
    void shouldUseStockflowsDefaultsForTheDefaultValues() {
        // Given the defaults of values.yaml

        // When
        final Properties properties = defaults.stockflowProperties();

        // Then
        assertThat(properties).contains(
                entry("application.id", "stockflow"),
                entry("processing.guarantee", "exactly_once_v2"),
                entry("num.standby.replicas", "0"),
                entry("http.port", "8080"),
                entry("rocksdb.memory.mb", "256"),
                entry("cache.max.bytes", Long.toString(dev.stockflow.config.StockflowConfig.CACHE_MAX_BYTES_DEFAULT)),
                entry("topic.stock-updates", "stock-updates"),
                entry("topic.price-updates", "price-updates"),
                entry("topic.offer-delistings", "offer-delistings"),
                entry("topic.order-events", "order-events"),
                entry("topic.offer-snapshots", "offer-snapshots"),
                entry("topic.dlq", "stockflow-dlq"));
        assertThat(properties).doesNotContainKeys("delist.retention", "order.retention", "max.future.skew",
                "omnibus.window.days");
    }

    @Test
    void shouldNameEveryInputTopicOfStockflowInThePropertiesFile() {
        // Given every input Stockflow reads, each with its own topic setting
        final List<Input> inputs = List.of(Input.values());

        // When
        final Properties properties = defaults.stockflowProperties();

        // Then a chart that forgot an input would leave run reading its default name, whatever the values say
        assertThat(inputs).allSatisfy(input ->
                assertThat(properties).contains(entry(input.configKey(), input.defaultTopic())));
    }

    @Test
    void shouldCarryTheOrderTopicAndRetentionFromTheValues() {
        // Given
        final Map<String, Object> overrides = Map.of(
                "config.topics.orderEvents", "shop.order-lines",
                "config.orderRetention", "36h");

        // When
        final Properties properties = StockflowChart.render(overrides).stockflowProperties();

        // Then
        assertThat(properties).contains(
                entry("topic.order-events", "shop.order-lines"),
                entry("order.retention", "36h"));
    }

    @Test
    void shouldSwitchTheProcessingGuaranteeToAtLeastOnce() {
        // Given
        final Map<String, Object> overrides = Map.of("config.processingGuarantee", "at_least_once");

        // When
        final Properties properties = StockflowChart.render(overrides).stockflowProperties();

        // Then
        assertThat(properties).contains(entry("processing.guarantee", "at_least_once"));
    }

    @Test
    void shouldTakeTheSaslLoginFromASecret() {
        // Given values-production.yaml

        // When
        final JsonNode jaasConfig = production.env("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG");

        // Then
        assertThat(jaasConfig.has("value")).as("no credential in the manifest").isFalse();
        assertThat(jaasConfig.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("stockflow-kafka-user");
        assertThat(jaasConfig.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("sasl.jaas.config");
    }

    @Test
    void shouldMountTheTruststoreFromASecretAndReadItsPasswordFromThere() {
        // Given values-production.yaml

        // When
        final JsonNode tlsVolume = production.volume("kafka-tls");
        final JsonNode tlsMount = production.volumeMount("kafka-tls");

        // Then
        assertThat(tlsVolume.at("/secret/secretName").asText()).isEqualTo("kafka-cluster-ca");
        assertThat(tlsMount.path("readOnly").asBoolean()).isTrue();
        assertThat(production.env("STOCKFLOW_KAFKA_SSL_TRUSTSTORE_LOCATION").path("value").asText())
                .isEqualTo(tlsMount.path("mountPath").asText() + "/ca.p12");
        assertThat(production.env("STOCKFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("kafka-cluster-ca");
    }

    @Test
    void shouldTakeTheRegistryLoginFromASecret() {
        // Given values-production.yaml

        // When
        final JsonNode userInfo = production.env("STOCKFLOW_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");

        // Then
        assertThat(userInfo.has("value")).isFalse();
        assertThat(userInfo.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("stockflow-schema-registry");
        assertThat(userInfo.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("user-info");
    }

    @Test
    void shouldMountTheRegistryTruststoreFromASecretAndReadItsPasswordFromThere() {
        // Given values-production.yaml

        // When
        final JsonNode tlsVolume = production.volume("schema-registry-tls");
        final JsonNode tlsMount = production.volumeMount("schema-registry-tls");
        final JsonNode password = production.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD");

        // Then
        assertThat(tlsVolume.at("/secret/secretName").asText()).isEqualTo("schema-registry-ca");
        assertThat(tlsMount.path("readOnly").asBoolean()).isTrue();
        assertThat(tlsMount.path("mountPath").asText())
                .isNotEqualTo(production.volumeMount("kafka-tls").path("mountPath").asText());
        assertThat(production.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION").path("value").asText())
                .isEqualTo(tlsMount.path("mountPath").asText() + "/truststore.p12");
        assertThat(production.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE").path("value").asText())
                .isEqualTo("PKCS12");
        assertThat(password.has("value")).as("no credential in the manifest").isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("schema-registry-ca");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("truststore.password");
        assertThat(production.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION").isMissingNode())
                .as("no keystore unless mutual TLS is asked for").isTrue();
    }

    @Test
    void shouldGiveTheRegistryAClientKeystoreFromTheSameSecretForMutualTls() {
        // Given values-production.yaml with REGISTRY_MUTUAL_TLS

        // When
        final JsonNode tlsMount = registryMutualTls.volumeMount("schema-registry-tls");
        final JsonNode password = registryMutualTls.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD");

        // Then
        assertThat(registryMutualTls.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION").path("value").asText())
                .isEqualTo(tlsMount.path("mountPath").asText() + "/client.p12");
        assertThat(registryMutualTls.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE").path("value").asText())
                .isEqualTo("JKS");
        assertThat(password.has("value")).as("no credential in the manifest").isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("schema-registry-ca");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("client.password");
    }

    @Test
    void shouldRefuseARegistryKeystoreWithoutItsPassword() {
        // Given
        final Map<String, Object> overrides = Map.of("schemaRegistry.tls.keystoreKey", "client.p12");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.render(overrides, StockflowChart.productionValues()))
                .hasMessageContaining("schemaRegistry.tls.keystorePasswordKey");
    }

    @Test
    void shouldRefuseAPemStoreForTheRegistry() {
        // Given Stockflow loads the registry's stores as Java KeyStores, which have no PEM type
        final Map<String, Object> overrides = Map.of("schemaRegistry.tls.truststoreType", "PEM");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.render(overrides, StockflowChart.productionValues()))
                .hasMessageContaining("truststoreType");
    }

    @Test
    void shouldReferenceNoSecretWithDefaultValues() {
        // Given the defaults of values.yaml: PLAINTEXT Kafka, registry without authentication

        // When
        final List<String> variables = stockflowVariables(defaults);

        // Then
        assertThat(variables).containsExactlyInAnyOrder("STOCKFLOW_APPLICATION_SERVER", "STOCKFLOW_KAFKA_GROUP_INSTANCE_ID",
                "STOCKFLOW_KAFKA_SECURITY_PROTOCOL");
        assertThat(defaults.container().toString()).doesNotContain("secretKeyRef");
    }

    private static List<String> stockflowVariables(final RenderedManifests manifests) {
        final List<String> names = new ArrayList<>();
        for (final JsonNode variable : manifests.container().path("env")) {
            final String name = variable.path("name").asText();
            if (name.startsWith(EnvConfigKeys.PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }
}
