package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.StockUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WireFormatSerdeTest {

    private static final StockUpdate UPDATE = new StockUpdate("ev-1", "acme", "sku-1", "wh1", 7,
            Instant.ofEpochMilli(1_700_000_000_000L));

    private String scope;
    private InMemorySchemaRegistry registry;

    @BeforeEach
    void freshRegistry() {
        scope = "wire-format-serde-" + UUID.randomUUID();
        registry = InMemorySchemaRegistry.forScope(scope);
    }

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldRoundTripUnderTheTopicValueSubject() {
        // Given
        final Serde<StockUpdate> serde = WireFormatSerde.serde(StockUpdate.class, registry, true);

        // When
        final byte[] bytes = serde.serializer().serialize("stock-updates", UPDATE);
        final StockUpdate read = serde.deserializer().deserialize("stock-updates", bytes);

        // Then
        assertThat(read).isEqualTo(UPDATE);
        assertThat(bytes[4]).isEqualTo((byte) registry.idOf("stock-updates-value", StockUpdate.getClassSchema()));
    }

    @Test
    void shouldRoundTripASnapshotWithNestedRecords() {
        // Given
        final OfferSnapshot snapshot = OfferSnapshot.newBuilder()
                .setPartnerId("acme").setSku("sku-1").setTotalQuantity(7).setAvailable(true)
                .setLocations(List.of(new LocationQuantity("wh1", 7, Instant.ofEpochMilli(1000), 2, 5)))
                .setPrices(List.of(new ChannelPrice("zalando-de", "EUR", 1999L, 1499L, 1499L, null,
                        Instant.ofEpochMilli(2000))))
                .setUpdatedAt(Instant.ofEpochMilli(2000)).setReservedQuantity(2).setSellableQuantity(5L)
                .build();
        final Serde<OfferSnapshot> serde = WireFormatSerde.serde(OfferSnapshot.class, registry, true);

        // When
        final OfferSnapshot read = serde.deserializer().deserialize("offer-snapshots",
                serde.serializer().serialize("offer-snapshots", snapshot));

        // Then
        assertThat(read).isEqualTo(snapshot);
    }

    @Test
    void shouldPassTombstonesThrough() {
        // Given
        final Serde<StockUpdate> serde = WireFormatSerde.serde(StockUpdate.class, registry, true);

        // When
        final byte[] written = serde.serializer().serialize("stock-updates", null);
        final StockUpdate read = serde.deserializer().deserialize("stock-updates", null);

        // Then
        assertThat(written).isNull();
        assertThat(read).isNull();
    }

    @Test
    void shouldWrapUndecodableBytesInSerializationException() {
        // Given
        final Deserializer<StockUpdate> deserializer = WireFormatSerde.deserializer(
                WireFormatSerde.wireFormat(StockUpdate.class, registry, true));
        final byte[] notWireFormat = "{\"sku\":\"sku-1\"}".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> deserializer.deserialize("stock-updates", notWireFormat))
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(UndecodableException.class)
                .hasMessageContaining("stock-updates").hasMessageContaining("magic byte");
    }

    @Test
    void shouldNotRegisterWhenAutoRegistrationIsOff() {
        // Given
        final Serializer<StockUpdate> serializer = WireFormatSerde.serializer(WireFormatSerde.wireFormat(
                StockUpdate.class, registry, false));

        // When / Then
        assertThatThrownBy(() -> serializer.serialize("stock-updates", UPDATE))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode())
                        .isEqualTo(SchemaRegistryErrors.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldUseTheIdRegisteredElsewhereWhenAutoRegistrationIsOff() {
        // Given
        final int id = registry.register("stock-updates-value", StockUpdate.getClassSchema());
        final Serializer<StockUpdate> serializer = WireFormatSerde.serializer(WireFormatSerde.wireFormat(
                StockUpdate.class, registry, false));

        // When
        final byte[] bytes = serializer.serialize("stock-updates", UPDATE);

        // Then
        assertThat(bytes[4]).isEqualTo((byte) id);
    }

    @Test
    void shouldUseTheKeySubjectWhenConfiguredForKeys() {
        // Given
        final Serializer<StockUpdate> serializer = WireFormatSerde.serializer(
                WireFormatSerde.wireFormat(StockUpdate.class, registry, true));
        serializer.configure(Map.of(), true);

        // When
        serializer.serialize("stock-updates", UPDATE);

        // Then
        assertThat(registry.idOf("stock-updates-key", StockUpdate.getClassSchema())).isPositive();
        assertThatThrownBy(() -> registry.idOf("stock-updates-value", StockUpdate.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldReportARecordThatBreaksItsSchema() {
        // Given
        final Serializer<StockUpdate> serializer = WireFormatSerde.serializer(
                WireFormatSerde.wireFormat(StockUpdate.class, registry, true));
        final StockUpdate missingEventId = new StockUpdate(null, "acme", "sku-1", "wh1", 7, Instant.EPOCH);

        // When / Then
        assertThatThrownBy(() -> serializer.serialize("stock-updates", missingEventId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.stockflow.avro.StockUpdate").hasMessageContaining("stock-updates");
    }
}
