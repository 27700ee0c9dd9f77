package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The snapshot schema with reservations ({@code reservedQuantity}, {@code sellableQuantity}) against every
 * earlier version of {@code offer-snapshots-value}: BACKWARD_TRANSITIVE, the level the project keeps. The
 * earlier versions are copies kept as test resources (one so far: the schema before orders), never the files
 * in {@code schemas/}, which move on. These tests apply Avro's reader/writer check in both directions and read
 * an old snapshot; {@link SnapshotSchemaRegistryCompatibilityTest} puts the same versions through a registry's
 * compatibility API.
 */
class SnapshotSchemaEvolutionTest {

    /** Every earlier version of the snapshot schema, oldest first. */
    static final List<String> EARLIER_VERSIONS = List.of("offer-snapshot-v1");

    private static List<Schema> earlier;

    @BeforeAll
    static void parseEarlierVersions() throws IOException {
        earlier = new ArrayList<>();
        for (final String version : EARLIER_VERSIONS) {
            earlier.add(parse(version));
        }
    }

    @Test
    void shouldReadSnapshotsOfEveryEarlierVersion() {
        for (final Schema old : earlier) {
            // Given
            final Schema current = OfferSnapshot.getClassSchema();

            // When: the current schema as the reader of data written with the old one
            final SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, old);

            // Then
            assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void shouldLetReadersOfEarlierVersionsReadNewSnapshots() {
        for (final Schema old : earlier) {
            // Given: a downstream reader still on the old schema (the catalog) and a snapshot written now
            final Schema current = OfferSnapshot.getClassSchema();

            // When
            final SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(old, current);

            // Then: the new fields are skipped
            assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void shouldReadAnOldSnapshotWithNoReservationsAndNullSellable() throws IOException {
        // Given a snapshot written before reservations existed
        final Schema old = earlier.get(0);
        final byte[] bytes = write(old, oldSnapshot(old));

        // When
        final SpecificDatumReader<OfferSnapshot> reader = new SpecificDatumReader<>(old,
                OfferSnapshot.getClassSchema());
        final OfferSnapshot read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));

        // Then: the defaults, which readers must take as "nothing reserved, sellable = quantity"
        assertThat(read.getTotalQuantity()).isEqualTo(7L);
        assertThat(read.getReservedQuantity()).isZero();
        assertThat(read.getSellableQuantity()).isNull();
        final LocationQuantity location = read.getLocations().get(0);
        assertThat(location.getQuantity()).isEqualTo(7);
        assertThat(location.getReservedQuantity()).isZero();
        assertThat(location.getSellableQuantity()).isNull();
    }

    private static GenericRecord oldSnapshot(final Schema old) {
        final Schema locationSchema = old.getField("locations").schema().getElementType();
        final GenericRecord location = new GenericData.Record(locationSchema);
        location.put("locationId", "wh1");
        location.put("quantity", 7);
        location.put("updatedAt", 1_700_000_000_000L);
        final GenericRecord snapshot = new GenericData.Record(old);
        snapshot.put("partnerId", "acme");
        snapshot.put("sku", "JACKET-42");
        snapshot.put("totalQuantity", 7L);
        snapshot.put("available", true);
        snapshot.put("locations", List.of(location));
        snapshot.put("prices", List.of());
        snapshot.put("updatedAt", 1_700_000_000_000L);
        return snapshot;
    }

    private static byte[] write(final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A version kept as resources: its nested records first, then the snapshot that names them. */
    static Schema parse(final String version) throws IOException {
        final Schema.Parser parser = new Schema.Parser();
        Schema snapshot = null;
        for (final String file : List.of("LocationQuantity.avsc", "ChannelPrice.avsc", "OfferSnapshot.avsc")) {
            try (InputStream in = SnapshotSchemaEvolutionTest.class.getResourceAsStream(
                    "/schemas/" + version + "/" + file)) {
                snapshot = parser.parse(in);
            }
        }
        return snapshot;
    }
}
