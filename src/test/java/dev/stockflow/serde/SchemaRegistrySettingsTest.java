package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class SchemaRegistrySettingsTest {

    @Test
    void shouldApplyDefaultsWhenOnlyTheUrlIsGiven() {
        // When
        final SchemaRegistrySettings settings = SchemaRegistrySettings.withDefaults(
                List.of(URI.create("http://registry:8081")));

        // Then
        assertThat(settings.urls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(settings.basicAuthUserInfo()).isNull();
        assertThat(settings.trustStore()).isNull();
        assertThat(settings.keyStore()).isNull();
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldReadCommaSeparatedUrlsSkippingBlanks() {
        // When
        final List<URI> urls = SchemaRegistrySettings.parseUrls(" https://a:8081 , ,https://b:8081/ ");

        // Then
        assertThat(urls).containsExactly(URI.create("https://a:8081"), URI.create("https://b:8081/"));
    }

    @Test
    void shouldMaskEverySecretInToString() {
        // Given
        final SchemaRegistrySettings settings = new SchemaRegistrySettings(
                SchemaRegistrySettings.parseUrls("http://bob:hunter2@a:8081,http://b:8081"),
                new Password("alice:s3cret"),
                new SchemaRegistrySettings.StoreSettings(Path.of("/etc/tls/trust.p12"), new Password("trust-pw"),
                        "PKCS12"),
                new SchemaRegistrySettings.StoreSettings(Path.of("/etc/tls/client.jks"), new Password("key-pw"), "JKS"),
                Duration.ofSeconds(10), 3, Duration.ofMillis(100));

        // When
        final String text = settings.toString();

        // Then
        assertThat(text).doesNotContain("hunter2", "s3cret", "trust-pw", "key-pw")
                .contains("http://bob:****@a:8081", "alice:****", "/etc/tls/trust.p12", "http://b:8081");
        assertThat(settings.keyStore().password()).hasToString("[hidden]");
    }

    @Test
    void shouldNameTheKeyOfAMissingUrl() {
        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.parseUrls(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAUrlThatIsNotHttpWithoutShowingItsPassword() {
        // Given
        final List<URI> urls = SchemaRegistrySettings.parseUrls("http://a:8081,ftp://bob:hunter2@b");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistrySettings.withDefaults(urls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("ftp://bob:****@b")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRejectUserInfoWithoutPassword() {
        // When / Then
        assertThatThrownBy(() -> RegistrySettingsBuilder.forUrls("http://a:8081").basicAuthUserInfo("alice").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user:password");
    }

    @Test
    void shouldNameTheKeyOfABadTiming() {
        // When / Then
        assertThatThrownBy(() -> RegistrySettingsBuilder.forUrls("http://a:8081").requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("schema.registry.request.timeout.ms");
        assertThatThrownBy(() -> RegistrySettingsBuilder.forUrls("http://a:8081").maxRetries(-1).build())
                .hasMessageContaining("schema.registry.max.retries");
    }
}
