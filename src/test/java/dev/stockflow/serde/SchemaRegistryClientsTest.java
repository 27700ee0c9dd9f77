package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "mock://" + SCOPE);

        // When
        final SchemaRegistryClient first = SchemaRegistryClients.create(config);
        final SchemaRegistryClient second = SchemaRegistryClients.create(config);

        // Then
        assertThat(first).isSameAs(InMemorySchemaRegistry.forScope(SCOPE)).isSameAs(second);
    }

    @Test
    void shouldKeepMockScopesApart() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "mock://" + SCOPE);
        final Map<String, Object> otherConfig = Map.of(SchemaRegistrySettings.URL_CONFIG, "mock://" + OTHER_SCOPE);

        // When
        final SchemaRegistryClient client = SchemaRegistryClients.create(config);
        final SchemaRegistryClient other = SchemaRegistryClients.create(otherConfig);

        // Then
        assertThat(client).isNotSameAs(other);
    }

    @Test
    void shouldCreateAnHttpClientForHttpAndHttpsUrls() {
        // Given
        final Map<String, Object> http = Map.of(SchemaRegistrySettings.URL_CONFIG, "http://registry:8081");
        final Map<String, Object> https = Map.of(SchemaRegistrySettings.URL_CONFIG, "HTTPS://a:8081,https://b:8081");

        // When
        final SchemaRegistryClient httpClient = SchemaRegistryClients.create(http);
        final SchemaRegistryClient httpsClient = SchemaRegistryClients.create(https);

        // Then
        assertThat(httpClient).isInstanceOf(HttpSchemaRegistryClient.class).hasToString(
                HttpSchemaRegistryClient.class.getSimpleName() + "[" + SchemaRegistrySettings.from(http) + "]");
        assertThat(httpsClient).isInstanceOf(HttpSchemaRegistryClient.class);
    }

    @Test
    void shouldNameTheSettingWhenTheUrlIsMissing() {
        // Given
        final Map<String, Object> config = Map.of();

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectOtherKindsOfUrlWithoutShowingTheirPassword() {
        // Given
        final Map<String, Object> config = Map.of(SchemaRegistrySettings.URL_CONFIG, "kafka://bob:hunter2@registry:8081");
        final Map<String, Object> schemeless = Map.of(SchemaRegistrySettings.URL_CONFIG, "registry:8081");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("registry:8081")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SchemaRegistryClients.create(schemeless))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAMockUrlWithoutOneScope() {
        // Given
        final Map<String, Object> empty = Map.of(SchemaRegistrySettings.URL_CONFIG, "mock://");
        final Map<String, Object> several = Map.of(SchemaRegistrySettings.URL_CONFIG, "mock://a,mock://b");

        // When / Then
        assertThatThrownBy(() -> SchemaRegistryClients.create(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryClients.create(several))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mock://scope");
    }
}
