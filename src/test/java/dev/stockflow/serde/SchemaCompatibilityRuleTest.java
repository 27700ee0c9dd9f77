package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry's compatibility rule on small records: which level checks which versions, in which direction. */
class SchemaCompatibilityRuleTest {

    private static final Schema COUNT_V1 = record("{\"name\": \"id\", \"type\": \"string\"},"
            + " {\"name\": \"quantity\", \"type\": \"int\"}");
    /** Drops quantity, which had no default. */
    private static final Schema COUNT_V2 = record("{\"name\": \"id\", \"type\": \"string\"}");
    /** Brings quantity back as a string with a default: it reads v2's data, not v1's ints. */
    private static final Schema QUANTITY_AS_STRING = record("{\"name\": \"id\", \"type\": \"string\"},"
            + " {\"name\": \"quantity\", \"type\": \"string\", \"default\": \"\"}");
    private static final Schema WITH_NOTE_DEFAULTED = record("{\"name\": \"id\", \"type\": \"string\"},"
            + " {\"name\": \"quantity\", \"type\": \"int\"},"
            + " {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");
    private static final Schema WITH_NOTE_REQUIRED = record("{\"name\": \"id\", \"type\": \"string\"},"
            + " {\"name\": \"quantity\", \"type\": \"int\"}, {\"name\": \"note\", \"type\": \"string\"}");

    @Test
    void shouldAcceptAFieldAddedWithADefaultAtEveryLevel() {
        for (final CompatibilityLevel level : CompatibilityLevel.values()) {
            // Given / When
            final List<String> problems = SchemaCompatibilityRule.problems(level, WITH_NOTE_DEFAULTED,
                    versions(COUNT_V1));

            // Then
            assertThat(problems).as(level.name()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAFieldAddedWithoutADefaultWhenTheNewSchemaMustReadOldData() {
        // Given / When
        final List<String> problems = SchemaCompatibilityRule.problems(CompatibilityLevel.BACKWARD,
                WITH_NOTE_REQUIRED, versions(COUNT_V1));

        // Then
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "note",
                        "the new schema cannot read data written with version 1"));
        assertThat(problems).contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
        assertThat(SchemaCompatibilityRule.problems(CompatibilityLevel.FORWARD, WITH_NOTE_REQUIRED,
                versions(COUNT_V1))).isEmpty();
    }

    @Test
    void shouldRefuseARemovedFieldWithoutADefaultWhenOldReadersMustReadNewData() {
        // Given / When
        final List<String> forward = SchemaCompatibilityRule.problems(CompatibilityLevel.FORWARD, COUNT_V2,
                versions(COUNT_V1));
        final List<String> full = SchemaCompatibilityRule.problems(CompatibilityLevel.FULL, COUNT_V2,
                versions(COUNT_V1));

        // Then: the old schema misses quantity in new data; the new schema reads old data fine
        assertThat(forward).anySatisfy(problem -> assertThat(problem)
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "version 1 cannot read data written with the new"));
        assertThat(full).isNotEmpty();
        assertThat(SchemaCompatibilityRule.problems(CompatibilityLevel.BACKWARD, COUNT_V2, versions(COUNT_V1)))
                .isEmpty();
    }

    @Test
    void shouldCheckEveryEarlierVersionOnlyWhenTransitive() {
        // Given: compatible with v2, the latest, but not with v1's int quantity
        final List<SchemaCompatibilityRule.Version> versions = versions(COUNT_V1, COUNT_V2);

        // When
        final List<String> latestOnly = SchemaCompatibilityRule.problems(CompatibilityLevel.BACKWARD,
                QUANTITY_AS_STRING, versions);
        final List<String> transitive = SchemaCompatibilityRule.problems(CompatibilityLevel.BACKWARD_TRANSITIVE,
                QUANTITY_AS_STRING, versions);

        // Then
        assertThat(latestOnly).isEmpty();
        assertThat(transitive).anySatisfy(problem -> assertThat(problem).contains("TYPE_MISMATCH"))
                .contains("{oldSchemaVersion: 1}");
        assertThat(SchemaCompatibilityRule.problems(CompatibilityLevel.FULL_TRANSITIVE, QUANTITY_AS_STRING,
                versions)).isNotEmpty();
    }

    @Test
    void shouldAcceptAnythingUnderNoneAndAnythingAsAFirstVersion() {
        // Given / When / Then
        assertThat(SchemaCompatibilityRule.problems(CompatibilityLevel.NONE, QUANTITY_AS_STRING,
                versions(COUNT_V1))).isEmpty();
        assertThat(SchemaCompatibilityRule.problems(CompatibilityLevel.FULL_TRANSITIVE, QUANTITY_AS_STRING,
                List.of())).isEmpty();
    }

    @Test
    void shouldRefuseARenamedRecord() {
        // Given
        final Schema renamed = new Schema.Parser().parse(COUNT_V1.toString().replace("\"Count\"", "\"Tally\""));

        // When
        final List<String> problems = SchemaCompatibilityRule.problems(CompatibilityLevel.BACKWARD, renamed,
                versions(COUNT_V1));

        // Then
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("NAME_MISMATCH"));
    }

    @Test
    void shouldReadLevelNamesInAnyCase() {
        // Given / When / Then
        assertThat(CompatibilityLevel.forName("backward_transitive")).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(CompatibilityLevel.forName("FULL")).contains(CompatibilityLevel.FULL);
        assertThat(CompatibilityLevel.forName("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.forName(null)).isEmpty();
        assertThat(CompatibilityLevel.DEFAULT).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    private static List<SchemaCompatibilityRule.Version> versions(final Schema... schemas) {
        final List<SchemaCompatibilityRule.Version> versions = new ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            versions.add(new SchemaCompatibilityRule.Version(i + 1, schemas[i]));
        }
        return versions;
    }

    private static Schema record(final String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Count\", \"namespace\": \"test\","
                + " \"fields\": [" + fields + "]}");
    }
}
