package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.StockUpdate;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory registry served over HTTP speaks what Stockflow's own HTTP client expects, and the compatibility
 * API (config levels, compatibility checks, 409 on an incompatible registration) as Confluent's registry does.
 */
class SchemaRegistryServerTest {

    private final String scope = "server-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    private SchemaRegistryServer server;
    private SchemaRegistryClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
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

    @Test
    void shouldDefaultToBackwardAndKeepSubjectLevelsApart() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        final RegistryApiCalls api = new RegistryApiCalls(server.url());

        // When
        final RegistryApiCalls.Answer set = api.setCompatibility("stock-updates-value", "full_transitive");

        // Then
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(api.get("/config/stock-updates-value").json().path("compatibilityLevel").asText())
                .isEqualTo("FULL_TRANSITIVE");
        assertThat(api.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        final RegistryApiCalls.Answer unset = api.get("/config/price-updates-value");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.json().path("error_code").asInt())
                .isEqualTo(SchemaRegistryErrors.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
        assertThat(api.get("/config/price-updates-value?defaultToGlobal=true").json().path("compatibilityLevel")
                .asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldApplyTheGlobalLevelToSubjectsWithoutTheirOwn() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        final RegistryApiCalls api = new RegistryApiCalls(server.url());
        assertThat(api.register("notes-value", notes("\"string\"")).status()).isEqualTo(200);

        // When
        assertThat(api.setCompatibility(null, "NONE").status()).isEqualTo(200);

        // Then: a type change, refused under the default BACKWARD, now registers
        assertThat(api.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(api.register("notes-value", notes("\"long\"")).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAnUnknownLevelAndAnInvalidVersion() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        final RegistryApiCalls api = new RegistryApiCalls(server.url());

        // When
        final RegistryApiCalls.Answer level = api.setCompatibility("stock-updates-value", "SIDEWAYS");
        final RegistryApiCalls.Answer version = api.checkCompatibility("stock-updates-value", "/versions/0",
                StockUpdate.getClassSchema());

        // Then
        assertThat(level.status()).isEqualTo(422);
        assertThat(level.json().path("error_code").asInt()).isEqualTo(SchemaRegistryErrors.INVALID_COMPATIBILITY_LEVEL);
        assertThat(registry.subjectCompatibility("stock-updates-value")).isEmpty();
        assertThat(version.status()).isEqualTo(422);
        assertThat(version.json().path("error_code").asInt()).isEqualTo(SchemaRegistryErrors.INVALID_VERSION);
    }

    @Test
    void shouldFindEverySchemaCompatibleWithTheLatestOfNothingButNoNumberedVersion() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        final RegistryApiCalls api = new RegistryApiCalls(server.url());

        // When
        final RegistryApiCalls.Answer latest = api.checkCompatibility("new-value", "/versions/latest",
                StockUpdate.getClassSchema());
        final RegistryApiCalls.Answer first = api.checkCompatibility("new-value", "/versions/1",
                StockUpdate.getClassSchema());

        // Then
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().path("is_compatible").asBoolean()).isTrue();
        assertThat(first.status()).isEqualTo(404);
        assertThat(first.json().path("error_code").asInt()).isEqualTo(SchemaRegistryErrors.SUBJECT_NOT_FOUND);
    }

    @Test
    void shouldCheckAgainstTheVersionAsked() throws Exception {
        // Given: v1 a string, v2 a long under NONE; the subject then goes back to BACKWARD
        server = new SchemaRegistryServer(registry, 0);
        final RegistryApiCalls api = new RegistryApiCalls(server.url());
        api.setCompatibility("notes-value", "NONE");
        api.register("notes-value", notes("\"string\""));
        api.register("notes-value", notes("\"long\""));
        api.setCompatibility("notes-value", "BACKWARD");

        // When
        final RegistryApiCalls.Answer againstFirst = api.checkCompatibility("notes-value", "/versions/1",
                notes("\"string\""));
        final RegistryApiCalls.Answer againstLatest = api.checkCompatibility("notes-value",
                "/versions/latest?verbose=true", notes("\"string\""));
        final RegistryApiCalls.Answer missing = api.checkCompatibility("notes-value", "/versions/3",
                notes("\"string\""));

        // Then
        assertThat(againstFirst.json().path("is_compatible").asBoolean()).isTrue();
        assertThat(againstFirst.json().has("messages")).isFalse();
        assertThat(againstLatest.json().path("is_compatible").asBoolean()).isFalse();
        assertThat(againstLatest.json().path("messages").toString()).contains("TYPE_MISMATCH", "oldSchemaVersion: 2");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error_code").asInt()).isEqualTo(SchemaRegistryErrors.VERSION_NOT_FOUND);
    }

    @Test
    void shouldGiveStockflowsClientAClearErrorWhenRegistrationIsRefused() throws Exception {
        // Given
        server = new SchemaRegistryServer(registry, 0);
        client = SchemaRegistryClients.create(server.url());
        client.register("notes-value", notes("\"string\""));

        // When / Then: one line that names the subject, the refusal and the registry's reasons
        assertThatThrownBy(() -> client.register("notes-value", notes("\"long\"")))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryErrors.INCOMPATIBLE_SCHEMA);
                    assertThat(e.getMessage()).startsWith("Schema incompatible with the earlier versions of subject "
                            + "'notes-value' under its compatibility level: Schema being registered is incompatible")
                            .contains("TYPE_MISMATCH", "HTTP 409", server.url()).doesNotContain("\n");
                    assertThat(e.getCause()).isNull();
                });
        assertThat(registry.subjects()).containsExactly("notes-value");
        assertThat(registry.versionOf("notes-value", client.idOf("notes-value", notes("\"string\"")))).isEqualTo(1);
    }

    private static Schema notes(final String textType) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Note\", \"namespace\": \"test\","
                + " \"fields\": [{\"name\": \"text\", \"type\": " + textType + "}]}");
    }
}
