package dev.stockflow.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The locks of the chart (values-secured.yaml over values-production.yaml): TLS and bearer tokens on the HTTP API
 * from Secrets, probes and scrapes that still get through, Kafka and the registry over mutual TLS, and no
 * credential in the ConfigMap or written into the manifest.
 */
class SecurityTemplateTest {

    private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");

    private static RenderedManifests secured;
    private static RenderedManifests defaults;

    @BeforeAll
    static void render() {
        secured = StockflowChart.renderSecured(Map.of());
        defaults = StockflowChart.renderDefaults();
    }

    @Test
    void shouldServeHttpsWithTheKeystoreOfASecretAndItsPasswordFromAnother() {
        // Given values-secured.yaml

        // When
        final JsonNode mount = secured.volumeMount("http-tls");
        final JsonNode password = secured.env("STOCKFLOW_HTTP_TLS_KEYSTORE_PASSWORD");

        // Then
        assertThat(secured.volume("http-tls").at("/secret/secretName").asText()).isEqualTo("stockflow-http-tls");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(secured.env("STOCKFLOW_HTTP_TLS_KEYSTORE_LOCATION").path("value").asText())
                .isEqualTo(mount.path("mountPath").asText() + "/keystore.p12");
        assertThat(password.has("value")).as("no credential in the manifest").isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("stockflow-http-tls-password");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
        assertThat(secured.env("STOCKFLOW_HTTP_TLS_TRUSTSTORE_LOCATION").path("value").asText())
                .isEqualTo(mount.path("mountPath").asText() + "/truststore.p12");
        assertThat(secured.env("STOCKFLOW_HTTP_TLS_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef").toString())
                .contains("stockflow-http-tls", "truststore-password");
    }

    @Test
    void shouldTakeTheKeystorePasswordFromTheKeystoresSecretByDefault() {
        // Given
        final Map<String, Object> overrides = Map.of("http.tls.keystorePasswordSecret", "");

        // When
        final JsonNode password = StockflowChart.renderSecured(overrides).env("STOCKFLOW_HTTP_TLS_KEYSTORE_PASSWORD");

        // Then
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("stockflow-http-tls");
    }

    @Test
    void shouldProbeOverHttpsWhenTlsIsOnAndOverHttpOtherwise() {
        // Given values-secured.yaml, and the defaults

        // When / Then: the health endpoints need no token, so the probes only change scheme
        for (final String probe : PROBES) {
            assertThat(secured.container().at("/" + probe + "/httpGet/scheme").asText()).as(probe).isEqualTo("HTTPS");
            assertThat(secured.container().at("/" + probe + "/httpGet/path").asText()).startsWith("/health/");
            assertThat(defaults.container().at("/" + probe + "/httpGet/scheme").asText()).as(probe).isEqualTo("HTTP");
        }
    }

    @Test
    void shouldMountTheTokenFileAsADirectorySoThatRotatedTokensArrive() {
        // Given values-secured.yaml

        // When
        final JsonNode mount = secured.volumeMount("http-tokens");

        // Then
        assertThat(secured.volume("http-tokens").at("/secret/secretName").asText()).isEqualTo("stockflow-http-tokens");
        assertThat(mount.has("subPath")).as("a subPath mount never sees a changed Secret").isFalse();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(secured.env("STOCKFLOW_HTTP_AUTH_TOKENS_FILE").path("value").asText())
                .isEqualTo(mount.path("mountPath").asText() + "/tokens");
    }

    @Test
    void shouldScrapeOverHttpsVerifyingTheCertificateAndSendPrometheusToken() {
        // Given values-secured.yaml

        // When
        final JsonNode endpoint = secured.single("ServiceMonitor").at("/spec/endpoints/0");

        // Then
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.at("/tlsConfig/ca/secret/name").asText()).isEqualTo("stockflow-http-tls");
        assertThat(endpoint.at("/tlsConfig/ca/secret/key").asText()).isEqualTo("ca.crt");
        assertThat(endpoint.at("/tlsConfig/serverName").asText())
                .isEqualTo(StockflowChart.HEADLESS_SERVICE + "." + StockflowChart.NAMESPACE + ".svc.cluster.local");
        assertThat(endpoint.at("/tlsConfig/insecureSkipVerify").asBoolean()).isFalse();
        assertThat(endpoint.at("/authorization/type").asText()).isEqualTo("Bearer");
        assertThat(endpoint.at("/authorization/credentials/name").asText()).isEqualTo("prometheus-stockflow-token");
        assertThat(endpoint.at("/authorization/credentials/key").asText()).isEqualTo("token");
    }

    @Test
    void shouldScrapeWithoutATokenWhenMetricsAreOpen() {
        // Given
        final Map<String, Object> overrides = Map.of("http.auth.metricsOpen", true,
                "serviceMonitor.bearerTokenSecret.name", "");

        // When
        final RenderedManifests rendered = StockflowChart.renderSecured(overrides);

        // Then
        assertThat(rendered.stockflowProperties()).contains(entry("http.auth.metrics.open", "true"));
        assertThat(rendered.single("ServiceMonitor").at("/spec/endpoints/0/authorization").isMissingNode()).isTrue();
        assertThat(rendered.env("STOCKFLOW_HTTP_AUTH_TOKENS_FILE").isMissingNode()).isFalse();
    }

    @Test
    void shouldRefuseToScrapeATokenProtectedMetricsEndpointWithoutAToken() {
        // Given
        final Map<String, Object> overrides = Map.of("serviceMonitor.bearerTokenSecret.name", "");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.renderSecured(overrides))
                .hasMessageContaining("serviceMonitor.bearerTokenSecret.name is required");
    }

    @Test
    void shouldUseTheGivenScrapeTlsSettingsInsteadOfTheDefault() {
        // Given
        final Map<String, Object> overrides = Map.of("serviceMonitor.tlsConfig.serverName", "metrics.example.com",
                "serviceMonitor.tlsConfig.ca.configMap.name", "cluster-ca",
                "serviceMonitor.tlsConfig.ca.configMap.key", "ca.crt");

        // When
        final JsonNode tlsConfig = StockflowChart.renderSecured(overrides).single("ServiceMonitor")
                .at("/spec/endpoints/0/tlsConfig");

        // Then
        assertThat(tlsConfig.path("serverName").asText()).isEqualTo("metrics.example.com");
        assertThat(tlsConfig.at("/ca/configMap/name").asText()).isEqualTo("cluster-ca");
        assertThat(tlsConfig.at("/ca/secret").isMissingNode()).isTrue();
    }

    @Test
    void shouldScrapePlainHttpWithoutTokenByDefault() {
        // Given values-production.yaml: a ServiceMonitor, no HTTP TLS, no tokens

        // When
        final JsonNode endpoint = StockflowChart.renderProduction().single("ServiceMonitor").at("/spec/endpoints/0");

        // Then
        assertThat(endpoint.path("scheme").isMissingNode()).isTrue();
        assertThat(endpoint.path("tlsConfig").isMissingNode()).isTrue();
        assertThat(endpoint.path("authorization").isMissingNode()).isTrue();
    }

    @Test
    void shouldRefuseAKeystoreWithoutItsPassword() {
        // Given
        final Map<String, Object> overrides = Map.of("http.tls.keystorePasswordKey", "");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.renderSecured(overrides))
                .hasMessageContaining("http.tls.keystorePasswordKey is required");
    }

    @Test
    void shouldRefuseAPasswordWrittenIntoTheValues() {
        // Given: a value the schema does not know, as someone might try to put the password itself
        final Map<String, Object> overrides = Map.of("http.tls.password", "hunter2");

        // When / Then
        assertThatThrownBy(() -> StockflowChart.renderSecured(overrides)).hasMessageContaining("password");
    }

    @Test
    void shouldGiveKafkaAClientKeystoreForMutualTlsWithItsPasswordsFromTheSecret() {
        // Given values-secured.yaml: SASL_SSL with a client certificate too
        final JsonNode mount = secured.volumeMount("kafka-tls");

        // When
        final JsonNode keystorePassword = secured.env("STOCKFLOW_KAFKA_SSL_KEYSTORE_PASSWORD");
        final JsonNode keyPassword = secured.env("STOCKFLOW_KAFKA_SSL_KEY_PASSWORD");

        // Then
        assertThat(secured.env("STOCKFLOW_KAFKA_SSL_KEYSTORE_LOCATION").path("value").asText())
                .isEqualTo(mount.path("mountPath").asText() + "/user.p12");
        assertThat(secured.env("STOCKFLOW_KAFKA_SSL_KEYSTORE_TYPE").path("value").asText()).isEqualTo("PKCS12");
        assertThat(keystorePassword.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("user.password");
        assertThat(keyPassword.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("kafka-cluster-ca");
        assertThat(keyPassword.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("user.key-password");
        assertThat(secured.env("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("stockflow-kafka-user");
    }

    @Test
    void shouldRunKafkaOverMutualTlsAloneWithoutSasl() {
        // Given: security.protocol SSL, the client certificate being the identity
        final Map<String, Object> overrides = Map.of("kafka.securityProtocol", "SSL");

        // When
        final RenderedManifests rendered = StockflowChart.renderSecured(overrides);

        // Then
        assertThat(rendered.env("STOCKFLOW_KAFKA_SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SSL");
        assertThat(rendered.env("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG").isMissingNode()).isTrue();
        assertThat(rendered.env("STOCKFLOW_KAFKA_SSL_KEYSTORE_LOCATION").isMissingNode()).isFalse();
    }

    @Test
    void shouldGiveTheRegistryKeyItsOwnPasswordFromTheSecret() {
        // Given values-secured.yaml

        // When
        final JsonNode keyPassword = secured.env("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEY_PASSWORD");

        // Then
        assertThat(keyPassword.has("value")).isFalse();
        assertThat(keyPassword.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("schema-registry-ca");
        assertThat(keyPassword.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("client.key-password");
    }

    @Test
    void shouldKeepEveryCredentialOutOfTheConfigMapAndTheManifest() {
        // Given values-secured.yaml

        // When
        final String configMap = secured.named("ConfigMap", StockflowChart.RELEASE).toString();

        // Then: secrets are only ever referenced, never written
        assertThat(secured.stockflowProperties().stringPropertyNames())
                .noneMatch(key -> key.contains("password") || key.contains("jaas") || key.contains("token")
                        || key.contains("user.info") || key.contains("keystore") || key.contains("truststore"));
        assertThat(configMap).doesNotContain("secretKeyRef");
        for (final JsonNode variable : secured.container().path("env")) {
            final String name = variable.path("name").asText();
            if (name.contains("PASSWORD") || name.contains("JAAS") || name.contains("USER_INFO")) {
                assertThat(variable.has("value")).as(name).isFalse();
                assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).as(name).isNotEmpty();
            }
        }
    }

    @Test
    void shouldMapEverySecuredVariableOntoAStockflowOrKafkaClientSetting() {
        // Given values-secured.yaml

        // When / Then
        for (final JsonNode variable : secured.container().path("env")) {
            final String name = variable.path("name").asText();
            if (!name.startsWith(EnvConfigKeys.PREFIX)) {
                continue;
            }
            final Optional<String> kafka = EnvConfigKeys.kafkaSetting(name);
            if (kafka.isPresent()) {
                assertThat(EnvConfigKeys.kafkaClientSettings()).as(name).contains(kafka.get());
            } else {
                assertThat(EnvConfigKeys.STOCKFLOW_SETTINGS).as(name)
                        .contains(EnvConfigKeys.stockflowSetting(name).orElseThrow());
            }
        }
    }
}
