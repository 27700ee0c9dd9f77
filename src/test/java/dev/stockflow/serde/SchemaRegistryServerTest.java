package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.StockUpdate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory registry served over HTTP speaks what Stockflow's own HTTP client expects. */
class SchemaRegistryServerTest {

    private final String scope = "server-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    private SchemaRegistryServer server;
    private SchemaRegistryClient client;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldRegisterLookUpAndFetchThroughTheHttpClient() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        client = SchemaRegistryClients.create(server.url());

        // When
        final int id = client.register("stock-updates-value", StockUpdate.getClassSchema());

        // Then
        assertThat(client.idOf("stock-updates-value", StockUpdate.getClassSchema())).isEqualTo(id);
        assertThat(SchemaRegistryClients.create(server.url()).schemaById(id))
                .isEqualTo(StockUpdate.getClassSchema());
        assertThat(registry.schemaById(id)).isEqualTo(StockUpdate.getClassSchema());
    }

    @Test
    void shouldAnswerConfluentErrorCodes() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        client = SchemaRegistryClients.create(server.url());

        // When / Then
        assertThatThrownBy(() -> client.idOf("missing-value", StockUpdate.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryErrors.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> client.schemaById(999))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryErrors.SCHEMA_NOT_FOUND));
    }
}
