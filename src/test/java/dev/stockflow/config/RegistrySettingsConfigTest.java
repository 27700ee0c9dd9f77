package dev.stockflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.serde.SchemaRegistrySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The registry client's settings are built from the configuration's typed values, secrets kept hidden. */
class RegistrySettingsConfigTest {

    @Test
    void shouldBuildTheRegistrySettingsFromEveryRegistryKey() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.ofEntries(
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_URL", " https://a:8081 ,https://b:8081/ "),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "alice:s3cret"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/etc/tls/trust.p12"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", "trust-pw"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE", "PKCS12"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION", "/etc/tls/client.jks"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD", "key-pw"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_SSL_KEY_PASSWORD", "private-key-pw"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS", "2500"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_MAX_RETRIES", "5"),
                Map.entry("STOCKFLOW_SCHEMA_REGISTRY_RETRY_BACKOFF_MS", "20"),
                Map.entry("STOCKFLOW_AUTO_REGISTER_SCHEMAS", "FALSE")), Map.of());

        // When
        final SchemaRegistrySettings settings = config.registrySettings();

        // Then
        assertThat(settings.urls()).containsExactly(URI.create("https://a:8081"), URI.create("https://b:8081/"));
        assertThat(settings.basicAuthUserInfo().value()).isEqualTo("alice:s3cret");
        assertThat(settings.trustStore().location()).isEqualTo(Path.of("/etc/tls/trust.p12"));
        assertThat(settings.trustStore().password().value()).isEqualTo("trust-pw");
        assertThat(settings.trustStore().type()).isEqualTo("PKCS12");
        assertThat(settings.keyStore().location()).isEqualTo(Path.of("/etc/tls/client.jks"));
        assertThat(settings.keyStore().password().value()).isEqualTo("key-pw");
        assertThat(settings.keyStore().type()).isEqualTo("JKS");
        assertThat(settings.keyStore().effectiveKeyPassword().value()).isEqualTo("private-key-pw");
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.maxRetries()).isEqualTo(5);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.autoRegisterSchemas()).isFalse();
    }

    @Test
    void shouldKeepTheSecretsOutOfEveryText() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(
                "STOCKFLOW_SCHEMA_REGISTRY_URL", "https://a:8081",
                "STOCKFLOW_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "alice:s3cret",
                "STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION", "/etc/tls/client.jks",
                "STOCKFLOW_SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD", "key-pw",
                "STOCKFLOW_SCHEMA_REGISTRY_SSL_KEY_PASSWORD", "private-key-pw"), Map.of());

        // When
        final SchemaRegistrySettings settings = config.registrySettings();

        // Then
        assertThat(settings.basicAuthUserInfo()).isInstanceOf(Password.class).hasToString("[hidden]");
        assertThat(settings.keyStore().password()).hasToString("[hidden]");
        assertThat(settings.toString()).doesNotContain("s3cret", "key-pw");
        assertThat(settings.keyStore().toString()).doesNotContain("key-pw").contains("keyPassword=****");
    }

    @Test
    void shouldTakeTheDefaultsOfUnsetKeys() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of(
                StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://registry:8081",
                SchemaRegistrySettings.TRUSTSTORE_PASSWORD_CONFIG, "without-a-location",
                SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG, "/etc/tls/client.jks",
                SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG, " "));

        // When
        final SchemaRegistrySettings settings = config.registrySettings();

        // Then
        assertThat(settings.urls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(settings.basicAuthUserInfo()).isNull();
        assertThat(settings.trustStore()).isNull();
        assertThat(settings.keyStore().password()).isNull();
        assertThat(settings.keyStore().type()).isEqualTo(SchemaRegistrySettings.STORE_TYPE_DEFAULT);
        assertThat(settings.keyStore().keyPassword()).as("the key opens with the store's password").isNull();
        assertThat(settings).isEqualTo(new SchemaRegistrySettings(settings.urls(), null, null, settings.keyStore(),
                Duration.ofMillis(SchemaRegistrySettings.REQUEST_TIMEOUT_MS_DEFAULT),
                SchemaRegistrySettings.MAX_RETRIES_DEFAULT,
                Duration.ofMillis(SchemaRegistrySettings.RETRY_BACKOFF_MS_DEFAULT)));
        assertThat(config.autoRegisterSchemas()).isTrue();
    }

    @Test
    void shouldRejectBadRegistryValuesWhenLoadedNamingTheKey() {
        // When / Then
        assertThatThrownBy(() -> ConfigLoader.load(null,
                Map.of("STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS", "ten seconds"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> ConfigLoader.load(null,
                Map.of("STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STOCKFLOW_AUTO_REGISTER_SCHEMAS", "yes"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
    }

    @Test
    void shouldRefuseHttpSettingsForAMissingUrl() {
        // Given
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of());

        // When / Then
        assertThatThrownBy(config::registrySettings)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }
}
