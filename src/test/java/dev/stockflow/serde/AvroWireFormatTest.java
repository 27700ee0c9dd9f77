package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroWireFormatTest {

    private static final String STOCK_SUBJECT = "stock-updates-value";
    private static final String SHELF_SUBJECT = "shelf-counts-value";

    /** Version 1 of a small record, as a partner's first schema might be. */
    private static final Schema SHELF_COUNT_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "ShelfCount", "namespace": "dev.stockflow.serde.evolution",
             "fields": [
               {"name": "sku", "type": "string"},
               {"name": "quantity", "type": "int"}
             ]}""");

    /** Version 2 = version 1 plus fields with defaults: a BACKWARD (and FORWARD) compatible change. */
    private static final Schema SHELF_COUNT_V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "ShelfCount", "namespace": "dev.stockflow.serde.evolution",
             "fields": [
               {"name": "sku", "type": "string"},
               {"name": "quantity", "type": "int"},
               {"name": "note", "type": ["null", "string"], "default": null},
               {"name": "unit", "type": "string", "default": "piece"}
             ]}""");

    private String scope;
    private InMemorySchemaRegistry registry;

    @BeforeEach
    void freshRegistry() {
        scope = "avro-wire-format-" + UUID.randomUUID();
        registry = InMemorySchemaRegistry.forScope(scope);
    }

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldEncodeAKnownStockUpdateToTheseExactBytes() {
        // Given
        final StockUpdate update = StockUpdate.newBuilder()
                .setEventId("ev-1").setPartnerId("acme").setSku("ß-42").setLocationId("wh1")
                .setQuantity(300).setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();
        final AvroWireFormat<StockUpdate> format = new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), true);

        // When
        final byte[] bytes = format.encode(STOCK_SUBJECT, update);

        // Then
        // Avro binary (spec, "Binary Encoding"): fields in schema order, no names or tags; int and long are
        // zig-zag varints (n -> 2n for n >= 0, then 7 bits a byte, lowest first, high bit = more follows);
        // a string is its UTF-8 byte length as a long, then the bytes.
        assertThat(bytes).containsExactly(bytes(
                0x00,                                   // magic byte
                0x00, 0x00, 0x00, 0x01,                 // schema id 1 (the scope's first), 4 bytes big-endian
                0x08, 'e', 'v', '-', '1',               // eventId "ev-1": length 4 -> zig-zag 8
                0x08, 'a', 'c', 'm', 'e',               // partnerId "acme": length 4 -> 8
                0x0A, 0xC3, 0x9F, '-', '4', '2',        // sku "ß-42": 5 UTF-8 bytes (ß = C3 9F) -> 10
                0x06, 'w', 'h', '1',                    // locationId "wh1": length 3 -> 6
                0xD8, 0x04,                             // quantity 300 -> zig-zag 600 = 0b100_1011000:
                                                        //   low 7 bits 0x58 | 0x80 = 0xD8, then 600 >> 7 = 4
                0x80, 0xA0, 0xAB, 0xFE, 0xF9, 0x62));   // occurredAt 1700000000000 ms -> zig-zag
                                                        //   3400000000000 = 0x317_9FCA_D000, 7-bit groups from
                                                        //   the lowest 00 20 2B 7E 79 62, high bit on all but last
    }

    @Test
    void shouldDecodeWhatItEncoded() throws UndecodableException {
        // Given
        final StockUpdate update = stockUpdate("ev-2", 12);
        final AvroWireFormat<StockUpdate> format = new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), true);
        final byte[] bytes = format.encode(STOCK_SUBJECT, update);

        // When
        final StockUpdate decoded = format.decode(bytes);

        // Then
        assertThat(decoded).isEqualTo(update);
    }

    @Test
    void shouldReadVersion1DataWithAVersion2ReaderThatAddedFieldsWithDefaults() throws UndecodableException {
        // Given
        final AvroWireFormat<GenericRecord> writerV1 = new AvroWireFormat<>(registry, SHELF_COUNT_V1, true);
        final byte[] bytes = writerV1.encode(SHELF_SUBJECT, shelfCount(SHELF_COUNT_V1, "A-1", 3));
        final AvroWireFormat<GenericRecord> readerV2 = new AvroWireFormat<>(registry, SHELF_COUNT_V2, false);

        // When
        final GenericRecord decoded = readerV2.decode(bytes);

        // Then
        assertThat(schemaIdIn(bytes)).isEqualTo(registry.idOf(SHELF_SUBJECT, SHELF_COUNT_V1));
        assertThat(decoded.getSchema()).isEqualTo(SHELF_COUNT_V2);
        assertThat(decoded.get("sku")).hasToString("A-1");
        assertThat(decoded.get("quantity")).isEqualTo(3);
        assertThat(decoded.get("note")).isNull();
        assertThat(decoded.get("unit")).hasToString("piece");
    }

    @Test
    void shouldReadVersion2DataWithAVersion1ReaderThatSkipsTheNewFields() throws UndecodableException {
        // Given
        new AvroWireFormat<GenericRecord>(registry, SHELF_COUNT_V1, true).schemaId(SHELF_SUBJECT);
        final GenericRecord v2 = shelfCount(SHELF_COUNT_V2, "A-2", 4);
        v2.put("note", "recount after stocktake");
        v2.put("unit", "box");
        final byte[] bytes = new AvroWireFormat<GenericRecord>(registry, SHELF_COUNT_V2, true).encode(SHELF_SUBJECT, v2);
        final AvroWireFormat<GenericRecord> readerV1 = new AvroWireFormat<>(registry, SHELF_COUNT_V1, false);

        // When
        final GenericRecord decoded = readerV1.decode(bytes);

        // Then
        assertThat(schemaIdIn(bytes)).isEqualTo(registry.idOf(SHELF_SUBJECT, SHELF_COUNT_V2)).isNotEqualTo(
                registry.idOf(SHELF_SUBJECT, SHELF_COUNT_V1));
        assertThat(decoded.getSchema()).isEqualTo(SHELF_COUNT_V1);
        assertThat(decoded.get("sku")).hasToString("A-2");
        assertThat(decoded.get("quantity")).isEqualTo(4);
    }

    @Test
    void shouldDecodeIntoJavaStringsWhatAnotherLanguageWroteWithThePlainSchema() throws UndecodableException {
        // Given: the schema as a non-Java producer registers it, without the avro.java.string hints
        final Schema plain = new Schema.Parser().parse(StockUpdate.getClassSchema().toString()
                .replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\""));
        final GenericRecord written = new GenericData.Record(plain);
        written.put("eventId", "ev-3");
        written.put("partnerId", "acme");
        written.put("sku", "sku-3");
        written.put("locationId", "store-9");
        written.put("quantity", 0);
        written.put("occurredAt", 1_700_000_000_123L);
        final byte[] bytes = wireFormat(registry.register(STOCK_SUBJECT, plain), plain, written);
        final AvroWireFormat<StockUpdate> format = new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), false);

        // When
        final StockUpdate decoded = format.decode(bytes);

        // Then
        assertThat(plain.toString()).doesNotContain("avro.java.string");
        assertThat(decoded).isEqualTo(new StockUpdate("ev-3", "acme", "sku-3", "store-9", 0,
                Instant.ofEpochMilli(1_700_000_000_123L)));
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        // Given
        final byte[] bytes = validStockUpdateBytes();
        bytes[0] = 1;

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("magic byte 1");
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        // Given
        final byte[] bytes = validStockUpdateBytes();
        bytes[4] = 99;

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("unknown schema id 99");
    }

    @Test
    void shouldAskAgainAfterAWhileAboutAnIdTheRegistryDidNotKnow() throws UndecodableException {
        // Given: a record written with the id the registry gives the next schema, read before that schema exists
        final AtomicLong nanos = new AtomicLong(1_000L);
        final AvroWireFormat<StockUpdate> format =
                new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), false, nanos::get);
        final byte[] bytes = validStockUpdateBytes();
        final int nextId = registry.idOf(STOCK_SUBJECT, StockUpdate.getClassSchema()) + 1;
        System.arraycopy(ByteBuffer.allocate(4).putInt(nextId).array(), 0, bytes, 1, 4);
        assertThatThrownBy(() -> format.decode(bytes)).hasMessageContaining("unknown schema id " + nextId);

        // When: the registry learns the id (say, a follower catching up), a moment later and a while later
        final Schema otherNamespace = new Schema.Parser().parse(StockUpdate.getClassSchema().toString()
                .replace("\"namespace\":\"dev.stockflow.avro\"", "\"namespace\":\"com.acme.feeds\""));
        assertThat(registry.register("acme-stock-value", otherNamespace)).isEqualTo(nextId);
        nanos.addAndGet(AvroWireFormat.UNKNOWN_ID_RECHECK_NANOS - 1);
        final Throwable aMomentLater = catchThrowableOfType(UndecodableException.class, () -> format.decode(bytes));
        nanos.addAndGet(1);
        final StockUpdate aWhileLater = format.decode(bytes);

        // Then: "unknown" was trusted for a few seconds only; a record in another namespace is the same to Avro
        assertThat(aMomentLater).hasMessageContaining("unknown schema id " + nextId);
        assertThat(otherNamespace.getFullName()).isEqualTo("com.acme.feeds.StockUpdate");
        assertThat(aWhileLater).isEqualTo(stockUpdate("ev-1", 5));
    }

    @Test
    void shouldRejectTruncatedAvro() {
        // Given
        final byte[] valid = validStockUpdateBytes();
        final byte[] bytes = Arrays.copyOf(valid, valid.length - 3);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("corrupt Avro for schema id 1");
    }

    @Test
    void shouldRejectGarbageAvro() {
        // Given: 0x03 zig-zag decodes to -2, a negative string length
        final int id = registry.register(STOCK_SUBJECT, StockUpdate.getClassSchema());
        final byte[] bytes = bytes(0x00, 0x00, 0x00, 0x00, id, 0x03, 0x61, 0x62, 0x63, 0x64);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("corrupt Avro").hasMessageContaining("-2");
    }

    @Test
    void shouldRejectAStringLengthBeyondTheBytesLeftWithoutReservingIt() {
        // Given: FE FF FF FF 07 is the varint 0x7FFFFFFE, zig-zag 1073741823: a 1 GiB eventId in 10 bytes
        final int id = registry.register(STOCK_SUBJECT, StockUpdate.getClassSchema());
        final byte[] bytes = bytes(0x00, 0x00, 0x00, 0x00, id, 0xFE, 0xFF, 0xFF, 0xFF, 0x07);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class)
                .hasMessageContaining("string length 1073741823 does not fit the 0 bytes left");
    }

    @Test
    void shouldRejectDataOfAnotherRecordType() {
        // Given
        final PriceUpdate price = new PriceUpdate("ev-4", "acme", "sku-4", "zalando-de", "EUR", 1999L, null,
                Instant.ofEpochMilli(1_700_000_000_000L));
        final byte[] bytes = new AvroWireFormat<PriceUpdate>(registry, PriceUpdate.getClassSchema(), true)
                .encode("price-updates-value", price);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("is dev.stockflow.avro.PriceUpdate");
    }

    @Test
    void shouldRejectARecordWhoseFieldsAreASupersetOfTheReadersUnderAnotherName() {
        // Given: a StockUpdate carries every field of an OfferDelisted, so resolution alone would accept it
        final StockUpdate stock = new StockUpdate("ev-5", "acme", "sku-5", "berlin", 3,
                Instant.ofEpochMilli(1_700_000_000_000L));
        final byte[] bytes = new AvroWireFormat<StockUpdate>(registry, StockUpdate.getClassSchema(), true)
                .encode("stock-updates-value", stock);
        final AvroWireFormat<OfferDelisted> delistings =
                new AvroWireFormat<>(registry, OfferDelisted.getClassSchema(), false);

        // When / Then: rejected, the second time from what the first lookup found
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> delistings.decode(bytes)).isInstanceOf(UndecodableException.class)
                    .hasMessageContaining("is dev.stockflow.avro.StockUpdate, not dev.stockflow.avro.OfferDelisted");
        }
    }

    @Test
    void shouldRejectBytesTooShortForTheHeader() {
        // Given
        final byte[] threeBytes = bytes(0x00, 0x00, 0x00);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(threeBytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("too short").hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> stockFormat().decode(new byte[0]))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> stockFormat().decode(null))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("too short");
    }

    @Test
    void shouldRejectTrailingBytesAfterTheRecord() {
        // Given
        final byte[] valid = validStockUpdateBytes();
        final byte[] bytes = Arrays.copyOf(valid, valid.length + 1);

        // When / Then
        assertThatThrownBy(() -> stockFormat().decode(bytes))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldLetARegistryOutageThroughAsSuchAndRecoverAfterIt() throws UndecodableException {
        // Given
        final byte[] bytes = validStockUpdateBytes();
        final FlakyRegistry flaky = new FlakyRegistry(registry);
        final AvroWireFormat<StockUpdate> format = new AvroWireFormat<>(flaky, StockUpdate.getClassSchema(), false);
        flaky.down = true;

        // When
        final Throwable outage = catchThrowableOfType(SchemaRegistryException.class, () -> format.decode(bytes));
        flaky.down = false;
        final StockUpdate afterRecovery = format.decode(bytes);

        // Then
        assertThat(outage).isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(((SchemaRegistryException) outage).errorCode()).isEqualTo(503);
        assertThat(afterRecovery).isEqualTo(stockUpdate("ev-1", 5));
    }

    private AvroWireFormat<StockUpdate> stockFormat() {
        return new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), false);
    }

    private byte[] validStockUpdateBytes() {
        return new AvroWireFormat<StockUpdate>(registry, StockUpdate.getClassSchema(), true)
                .encode(STOCK_SUBJECT, stockUpdate("ev-1", 5));
    }

    private static StockUpdate stockUpdate(final String eventId, final int quantity) {
        return new StockUpdate(eventId, "acme", "sku-1", "wh1", quantity, Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private static GenericRecord shelfCount(final Schema schema, final String sku, final int quantity) {
        final GenericRecord record = new GenericData.Record(schema);
        record.put("sku", sku);
        record.put("quantity", quantity);
        return record;
    }

    /** The wire format written independently of AvroWireFormat, as another producer would. */
    private static byte[] wireFormat(final int id, final Schema schema, final GenericRecord record) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        } catch (final IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static int schemaIdIn(final byte[] bytes) {
        return ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
    }

    private static byte[] bytes(final int... values) {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A registry that can be switched off, answering 503 like a registry whose backend is down. */
    private static final class FlakyRegistry implements SchemaRegistryClient {

        private final SchemaRegistryClient delegate;
        private volatile boolean down;

        FlakyRegistry(final SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(final String subject, final Schema schema) {
            failIfDown();
            return delegate.register(subject, schema);
        }

        @Override
        public int idOf(final String subject, final Schema schema) {
            failIfDown();
            return delegate.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(final int id) {
            failIfDown();
            return delegate.schemaById(id);
        }

        private void failIfDown() {
            if (down) {
                throw new SchemaRegistryException(503, "Service Unavailable");
            }
        }
    }

    @Test
    void shouldRefuseInvalidUtf8InAString() throws Exception {
        // Given: a StockUpdate whose eventId is the invalid UTF-8 byte 0xC3 followed by 'A'
        final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope("utf8-" + java.util.UUID.randomUUID());
        final AvroWireFormat<dev.stockflow.avro.StockUpdate> format =
                new AvroWireFormat<>(registry, dev.stockflow.avro.StockUpdate.getClassSchema(), true);
        final byte[] valid = format.encode("s-value", new dev.stockflow.avro.StockUpdate("\u00e9A", "p", "s", "l", 1,
                java.time.Instant.ofEpochMilli(1)));
        final byte[] invalid = valid.clone();
        invalid[7] = (byte) 0x41; // 0xC3 0xA9 ("\u00e9") becomes 0xC3 0x41: a lead byte without its continuation

        // When / Then
        org.assertj.core.api.Assertions.assertThat(format.decode(valid).getEventId()).isEqualTo("\u00e9A");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> format.decode(invalid))
                .isInstanceOf(UndecodableException.class).hasMessageContaining("UTF-8");
    }
}
