package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class SchemaRegistrySettingsTest {

    @Test
    void shouldApplyDefaultsWhenOnlyTheUrlIsSet() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://registry:8081");

        // When
        final SchemaRegistrySettings settings = SchemaRegistrySettings.from(config);

        // Then
        assertThat(settings.urls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(settings.basicAuthUserInfo()).isNull();
        assertThat(settings.trustStore()).isNull();
        assertThat(settings.keyStore()).isNull();
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.autoRegisterSchemas()).isTrue();
    }

    @Test
    void shouldReadEveryKeyFromTextNumbersAndPasswords() {
        // Given
        final Map<String, Object> config = Map.ofEntries(
                Map.entry(SchemaRegistrySettings.URL_CONFIG, " https://a:8081 , ,https://b:8081/ "),
                Map.entry(SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, new Password("alice:s3cret")),
                Map.entry(SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG, "/etc/tls/trust.p12"),
                Map.entry(SchemaRegistrySettings.TRUSTSTORE_PASSWORD_CONFIG, new Password("trust-pw")),
                Map.entry(SchemaRegistrySettings.TRUSTSTORE_TYPE_CONFIG, "PKCS12"),
                Map.entry(SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG, "/etc/tls/client.jks"),
                Map.entry(SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG, "key-pw"),
                Map.entry(SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, "2500"),
                Map.entry(SchemaRegistrySettings.MAX_RETRIES_CONFIG, 5),
                Map.entry(SchemaRegistrySettings.RETRY_BACKOFF_MS_CONFIG, 20L),
                Map.entry(SchemaRegistrySettings.AUTO_REGISTER_SCHEMAS_CONFIG, "FALSE"));

        // When
        final SchemaRegistrySettings settings = SchemaRegistrySettings.from(config);

        // Then
        assertThat(settings.urls()).containsExactly(URI.create("https://a:8081"), URI.create("https://b:8081/"));
        assertThat(settings.basicAuthUserInfo()).isEqualTo("alice:s3cret");
        assertThat(settings.trustStore())
                .isEqualTo(new SchemaRegistrySettings.StoreSettings(Path.of("/etc/tls/trust.p12"), "trust-pw", "PKCS12"));
        assertThat(settings.keyStore())
                .isEqualTo(new SchemaRegistrySettings.StoreSettings(Path.of("/etc/tls/client.jks"), "key-pw", "JKS"));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.maxRetries()).isEqualTo(5);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.autoRegisterSchemas()).isFalse();
    }

    @Test
    void shouldMaskEverySecretInToString() {
        // Given
        final SchemaRegistrySettings settings = SchemaRegistrySettings.from(Map.of(
                SchemaRegistrySettings.URL_CONFIG, "http://bob:hunter2@a:8081,http://b:8081",
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "alice:s3cret",
                SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG, "/etc/tls/trust.p12",
                SchemaRegistrySettings.TRUSTSTORE_PASSWORD_CONFIG, "trust-pw",
                SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG, "/etc/tls/client.jks",
                SchemaRegistrySettings.KEYSTORE_PASSWORD_CONFIG, "key-pw"));

        // When
        final String text = settings.toString();

        // Then
        assertThat(text).doesNotContain("hunter2", "s3cret", "trust-pw", "key-pw")
                .contains("http://bob:****@a:8081", "alice:****", "/etc/tls/trust.p12", "http://b:8081");
    }

    @Test
    void shouldNameTheKeyOfAMissingUrl() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, " ");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.from(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAUrlThatIsNotHttpWithoutShowingItsPassword() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://a:8081,ftp://bob:hunter2@b");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("ftp://bob:****@b")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRejectUserInfoWithoutPassword() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://a:8081",
                SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "alice");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.from(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user:password");
    }

    @Test
    void shouldNameTheKeyOfABadNumberOrFlag() {
        // Given
        final Map<String, Object> badTimeout = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://a:8081",
                SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, "ten seconds");
        final Map<String, Object> zeroTimeout = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://a:8081",
                SchemaRegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, 0);
        final Map<String, Object> badFlag = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://a:8081",
                SchemaRegistrySettings.AUTO_REGISTER_SCHEMAS_CONFIG, "yes");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.from(badTimeout)).hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> SchemaRegistrySettings.from(zeroTimeout)).hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> SchemaRegistrySettings.from(badFlag)).hasMessageContaining("auto.register.schemas");
    }
}
