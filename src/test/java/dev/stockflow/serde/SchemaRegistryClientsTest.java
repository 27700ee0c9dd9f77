package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

    private static final String SCOPE = "registry-clients-test";
    private static final String OTHER_SCOPE = "registry-clients-test-other";

    @AfterEach
    void forgetScopes() {
        InMemorySchemaRegistry.dropScope(SCOPE);
        InMemorySchemaRegistry.dropScope(OTHER_SCOPE);
    }

    @Test
    void shouldShareTheInMemoryRegistryOfAMockScope() {
        // Given
        final String url = "mock://" + SCOPE;

        // When
        final SchemaRegistryClient first = SchemaRegistryClients.create(url);
        final SchemaRegistryClient second = SchemaRegistryClients.create(url);

        // Then
        assertThat(first).isSameAs(InMemorySchemaRegistry.forScope(SCOPE)).isSameAs(second);
    }

    @Test
    void shouldKeepMockScopesApart() {
        // Given
        final String url = "mock://" + SCOPE;
        final String otherUrl = "mock://" + OTHER_SCOPE;

        // When
        final SchemaRegistryClient client = SchemaRegistryClients.create(url);
        final SchemaRegistryClient other = SchemaRegistryClients.create(otherUrl);

        // Then
        assertThat(client).isNotSameAs(other);
    }

    @Test
    void shouldCreateAnHttpClientForHttpAndHttpsUrls() {
        // Given
        final String http = "http://registry:8081";
        final String https = "HTTPS://a:8081,https://b:8081";

        // When
        final SchemaRegistryClient httpClient = SchemaRegistryClients.create(http);
        final SchemaRegistryClient httpsClient = SchemaRegistryClients.create(https);

        // Then
        assertThat(httpClient).isInstanceOf(HttpSchemaRegistryClient.class).hasToString(
                HttpSchemaRegistryClient.class.getSimpleName() + "[" + SchemaRegistrySettings.withDefaults(
                        SchemaRegistrySettings.parseUrls(http)) + "]");
        assertThat(httpsClient).isInstanceOf(HttpSchemaRegistryClient.class);
    }

    @Test
    void shouldBuildTheHttpSettingsOnlyForAnHttpRegistry() {
        // Given
        final AtomicInteger built = new AtomicInteger();
        final SchemaRegistrySettings settings = SchemaRegistrySettings.withDefaults(
                SchemaRegistrySettings.parseUrls("http://registry:8081"));

        // When
        final SchemaRegistryClient mock = SchemaRegistryClients.create("mock://" + SCOPE, () -> {
            built.incrementAndGet();
            return settings;
        });
        final SchemaRegistryClient http = SchemaRegistryClients.create(" http://registry:8081 ", () -> {
            built.incrementAndGet();
            return settings;
        });

        // Then
        assertThat(mock).isSameAs(InMemorySchemaRegistry.forScope(SCOPE));
        assertThat(http).hasToString(HttpSchemaRegistryClient.class.getSimpleName() + "[" + settings + "]");
        assertThat(built).hasValue(1);
    }

    @Test
    void shouldNameTheSettingWhenTheUrlIsMissing() {
        // Given
        final String url = " ";

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(url))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectOtherKindsOfUrlWithoutShowingTheirPassword() {
        // Given
        final String url = "kafka://bob:hunter2@registry:8081";
        final String schemeless = "registry:8081";

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("registry:8081")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SchemaRegistryClients.create(schemeless))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAMockUrlWithoutOneScope() {
        // Given
        final String empty = "mock://";
        final String several = "mock://a,mock://b";

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryClients.create(several))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mock://scope");
    }
}
