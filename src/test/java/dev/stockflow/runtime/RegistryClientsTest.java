package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.serde.HttpSchemaRegistryClient;
import dev.stockflow.serde.InMemorySchemaRegistry;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientsTest {

    private static final String SCOPE = "registry-clients-runtime-test";

    @AfterEach
    void forgetScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldUseTheInMemoryRegistryOfAMockUrlWhateverTheHttpSettings() {
        // Given: HTTP-only settings that would be refused for an HTTP registry
        final StockflowConfig config = config(Map.of(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                StockflowConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG, "no-colon"));

        // When / Then
        assertThat(RegistryClients.create(config)).isSameAs(InMemorySchemaRegistry.forScope(SCOPE));
    }

    @Test
    void shouldBuildAnHttpClientFromTheConfiguration() {
        // Given
        final StockflowConfig config = config(Map.of(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://registry:8081"));

        // When / Then
        assertThat(RegistryClients.create(config)).isInstanceOf(HttpSchemaRegistryClient.class)
                .hasToString(HttpSchemaRegistryClient.class.getSimpleName() + "[" + config.registrySettings() + "]");
    }

    @Test
    void shouldReportBadHttpSettingsAsAConfigurationErrorWithoutTheSecret() {
        // Given
        final StockflowConfig config = config(Map.of(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://registry:8081",
                StockflowConfig.SCHEMA_REGISTRY_USER_INFO_CONFIG, "no-colon"));

        // When / Then
        assertThatThrownBy(() -> RegistryClients.create(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("user:password")
                .hasMessageContaining("STOCKFLOW_SCHEMA_REGISTRY_").hasMessageNotContaining("no-colon");
    }

    private static StockflowConfig config(final Map<String, ?> overrides) {
        return ConfigLoader.load(null, Map.of(), overrides);
    }
}
