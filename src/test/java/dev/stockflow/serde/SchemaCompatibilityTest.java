package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards that the build and {@code schemas/*.avsc} agree: every file parses (the nested records first, as
 * the avro-maven-plugin imports them) and equals the schema compiled into its generated class, apart from
 * the {@code avro.java.string} hints the plugin adds.
 */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA_STRING_HINT = "avro.java.string";
    private static final List<String> PARSED_FIRST = List.of("LocationQuantity.avsc", "ChannelPrice.avsc");

    private static Map<String, Schema> schemasByFile;

    @BeforeAll
    static void parseSchemaFiles() throws IOException {
        final Path dir = Path.of(System.getProperty("basedir", "."), "schemas");
        final List<Path> files = new ArrayList<>();
        PARSED_FIRST.forEach(name -> files.add(dir.resolve(name)));
        try (Stream<Path> listing = Files.list(dir)) {
            listing.filter(path -> path.getFileName().toString().endsWith(".avsc"))
                    .filter(path -> !PARSED_FIRST.contains(path.getFileName().toString()))
                    .sorted()
                    .forEach(files::add);
        }
        final Schema.Parser parser = new Schema.Parser();
        schemasByFile = new LinkedHashMap<>();
        for (final Path file : files) {
            schemasByFile.put(file.getFileName().toString(), parser.parse(file.toFile()));
        }
    }

    @Test
    void shouldFindTheFiveTopicRecordsAndTheTwoNestedOnes() {
        // Given / When
        final Iterable<String> files = schemasByFile.keySet();

        // Then
        assertThat(files).containsExactlyInAnyOrder("StockUpdate.avsc", "PriceUpdate.avsc", "OfferDelisted.avsc",
                "OrderLineEvent.avsc", "OfferSnapshot.avsc", "LocationQuantity.avsc", "ChannelPrice.avsc");
    }

    @Test
    void shouldNameEachRecordAfterItsFileInTheAvroPackage() {
        // Given / When / Then
        schemasByFile.forEach((file, schema) ->
                assertThat(schema.getFullName()).as(file).isEqualTo("dev.stockflow.avro." + file.replace(".avsc", "")));
    }

    @Test
    void shouldMatchTheSchemaCompiledIntoEachGeneratedClass() throws ClassNotFoundException {
        for (final Map.Entry<String, Schema> entry : schemasByFile.entrySet()) {
            // Given
            final Schema fromFile = entry.getValue();

            // When
            final Schema generated = SpecificData.get().getSchema(Class.forName(fromFile.getFullName()));

            // Then
            assertThat(withoutJavaStringHints(generated)).as(entry.getKey()).isEqualTo(withoutJavaStringHints(fromFile));
        }
    }

    @Test
    void shouldGiveEveryNullableFieldANullDefault() {
        for (final Map.Entry<String, Schema> entry : schemasByFile.entrySet()) {
            for (final Schema.Field field : entry.getValue().getFields()) {
                // Given
                final Schema type = field.schema();

                // When
                final boolean nullable = type.isNullable();

                // Then: a later version can only add such a field if it has a default, and null must come first for that
                if (nullable) {
                    assertThat(type.getTypes().get(0).getType()).as(entry.getKey() + " " + field.name()).isEqualTo(Schema.Type.NULL);
                    assertThat(field.hasDefaultValue()).as(entry.getKey() + " " + field.name()).isTrue();
                }
            }
        }
    }

    /** The schema as JSON with the hints removed, so {"type":"string","avro.java.string":"String"} reads "string". */
    private static JsonNode withoutJavaStringHints(final Schema schema) {
        try {
            return strip(JSON.readTree(schema.toString()));
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode strip(final JsonNode node) {
        if (node instanceof ArrayNode) {
            final ArrayNode array = JSON.createArrayNode();
            node.forEach(element -> array.add(strip(element)));
            return array;
        }
        if (!(node instanceof ObjectNode)) {
            return node;
        }
        final ObjectNode object = JSON.createObjectNode();
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals(JAVA_STRING_HINT)) {
                object.set(field.getKey(), strip(field.getValue()));
            }
        }
        final boolean bareType = object.size() == 1 && object.path("type").isTextual();
        return bareType ? TextNode.valueOf(object.get("type").asText()) : object;
    }
}
