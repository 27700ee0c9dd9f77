package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferSnapshot;
import java.io.IOException;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot schema's evolution as a registry sees it: {@code offer-snapshots-value} at BACKWARD_TRANSITIVE,
 * every earlier version (the copies kept as test resources) registered in order, then the current schema checked
 * and registered through the Confluent REST API of the in-process registry. A schema that breaks the level is
 * refused both ways.
 */
class SnapshotSchemaRegistryCompatibilityTest {

    private static final String SUBJECT = "offer-snapshots-value";

    private final String scope = "snapshot-compatibility-" + UUID.randomUUID();
    private SchemaRegistryServer server;
    private RegistryApiCalls api;

    @BeforeEach
    void registerEarlierVersions() throws IOException, InterruptedException {
        server = new SchemaRegistryServer(InMemorySchemaRegistry.forScope(scope), 0);
        api = new RegistryApiCalls(server.url());
        assertThat(api.setCompatibility(SUBJECT, "BACKWARD_TRANSITIVE").status()).isEqualTo(200);
        for (final String version : SnapshotSchemaEvolutionTest.EARLIER_VERSIONS) {
            assertThat(api.register(SUBJECT, SnapshotSchemaEvolutionTest.parse(version)).status()).isEqualTo(200);
        }
    }

    @AfterEach
    void close() {
        server.close();
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldFindTheCurrentSnapshotSchemaCompatibleAndRegisterIt() throws Exception {
        // Given
        final Schema current = OfferSnapshot.getClassSchema();

        // When
        final RegistryApiCalls.Answer againstAll = api.checkCompatibility(SUBJECT, "/versions?verbose=true", current);
        final RegistryApiCalls.Answer againstLatest = api.checkCompatibility(SUBJECT, "/versions/latest", current);
        final RegistryApiCalls.Answer registered = api.register(SUBJECT, current);

        // Then
        assertThat(api.get("/config/" + SUBJECT).json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(againstAll.json().path("is_compatible").asBoolean()).as(againstAll.json().toString()).isTrue();
        assertThat(againstLatest.json().path("is_compatible").asBoolean()).isTrue();
        assertThat(registered.status()).as(registered.json().toString()).isEqualTo(200);
        assertThat(server.registry().versionOf(SUBJECT, registered.json().path("id").asInt()))
                .isEqualTo(SnapshotSchemaEvolutionTest.EARLIER_VERSIONS.size() + 1);
    }

    @Test
    void shouldRefuseASnapshotFieldAddedWithoutADefault() throws Exception {
        // Given: a new required field, which no earlier snapshot carries
        final Schema broken = withField("{\"name\": \"warehouseCount\", \"type\": \"int\"}");

        // When / Then
        assertRefused(broken, "READER_FIELD_MISSING_DEFAULT_VALUE", "warehouseCount");
    }

    @Test
    void shouldRefuseASnapshotFieldWhoseTypeChanged() throws Exception {
        // Given: totalQuantity, a long in every earlier version, turned into a string
        final Schema broken = new Schema.Parser().parse(OfferSnapshot.getClassSchema().toString()
                .replace("{\"name\":\"totalQuantity\",\"type\":\"long\"", "{\"name\":\"totalQuantity\",\"type\":\"string\""));

        // When / Then
        assertRefused(broken, "TYPE_MISMATCH", "/fields/2/type");
    }

    private void assertRefused(final Schema broken, final String errorType, final String detail)
            throws IOException, InterruptedException {
        // When
        final RegistryApiCalls.Answer check = api.checkCompatibility(SUBJECT, "/versions?verbose=true", broken);
        final RegistryApiCalls.Answer registration = api.register(SUBJECT, broken);

        // Then
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("is_compatible").asBoolean()).isFalse();
        assertThat(check.json().path("messages").toString()).contains(errorType, detail);
        assertThat(registration.status()).isEqualTo(409);
        assertThat(registration.json().path("error_code").asInt()).isEqualTo(409);
        assertThat(registration.json().path("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \""
                        + SUBJECT + "\"")
                .contains(errorType);
        assertThat(server.registry().subjects()).containsExactly(SUBJECT);
        assertThat(api.checkCompatibility(SUBJECT, "/versions/1", OfferSnapshot.getClassSchema())
                .json().path("is_compatible").asBoolean()).isTrue();
    }

    /** The current snapshot schema with one more top-level field, appended last. */
    private static Schema withField(final String field) {
        final String current = OfferSnapshot.getClassSchema().toString();
        final int fieldsEnd = current.lastIndexOf(']');
        return new Schema.Parser().parse(current.substring(0, fieldsEnd) + "," + field + current.substring(fieldsEnd));
    }
}
