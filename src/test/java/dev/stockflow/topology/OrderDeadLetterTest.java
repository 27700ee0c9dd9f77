package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad-input case of the contract (SPEC section 6) on the order-events topic, with the dead letter's key,
 * value and headers: a null or empty value; undecodable bytes (wrong magic byte, unknown schema id, corrupt Avro,
 * a status or an occurredAt the schema cannot take); each field rule (eventId, orderId, partnerId, sku, locationId,
 * quantity, on a PLACED and on a CANCELLED line); a key that is not the offer key; an occurredAt too far ahead.
 */
class OrderDeadLetterTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final byte[] KEY = OFFER.getBytes(StandardCharsets.UTF_8);
    private static final long T0 = OfferTopologyFixture.T0;
    private static final String TOPIC = "order-events";

    private final OfferTopologyFixture fixture = new OfferTopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterANullValue() {
        // When
        fixture.pipeOrderBytes(KEY, null, T0);

        // Then
        assertDeadLetter(KEY, null, "empty", "null");
    }

    @Test
    void shouldDeadLetterAnEmptyValue() {
        // When
        fixture.pipeOrderBytes(KEY, new byte[0], T0);

        // Then
        assertDeadLetter(KEY, new byte[0], "empty", "empty");
    }

    @Test
    void shouldDeadLetterAWrongMagicByte() {
        // Given
        final byte[] value = validLine();
        value[0] = 1;

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "magic byte");
    }

    @Test
    void shouldDeadLetterAnUnknownSchemaId() {
        // Given: a valid line whose header names an id the registry never gave out
        final byte[] value = validLine();
        value[4] = 99;

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "unknown schema id 99");
    }

    @Test
    void shouldDeadLetterCorruptAvro() {
        // Given: a valid header followed by a truncated body
        final byte[] value = Arrays.copyOf(validLine(), 12);

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "corrupt Avro");
    }

    @Test
    void shouldDeadLetterAStatusThatIsNeitherPlacedNorCancelled() {
        // Given: a producer on a schema whose status enum has a symbol this one lacks
        final Schema writer = new Schema.Parser().parse(OrderLineEvent.getClassSchema().toString()
                .replace("[\"PLACED\",\"CANCELLED\"]", "[\"PLACED\",\"CANCELLED\",\"SHIPPED\"]"));
        final byte[] value = fixture.orderBytesWrittenWith(genericLine(writer, "SHIPPED"));

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "SHIPPED");
    }

    @Test
    void shouldDeadLetterALineWithoutOccurredAt() {
        // Given: a producer on a schema where occurredAt is optional, sending none
        final Schema writer = new Schema.Parser().parse(OrderLineEvent.getClassSchema().toString()
                .replace("\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
                        "\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],"
                                + "\"default\":null"));
        final GenericRecord line = genericLine(writer, "PLACED");
        line.put("occurredAt", null);
        final byte[] value = fixture.orderBytesWrittenWith(line);

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then: the current schema cannot read it, as occurredAt is required
        assertDeadLetter(KEY, value, "undecodable", "corrupt Avro");
    }

    @Test
    void shouldDeadLetterAnEmptyEventId() {
        // Given
        final byte[] value = fixture.orderBytes(OrderLineEvent.newBuilder(validEvent()).setEventId("").build());

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid", "eventId must be 1-128 characters");
    }

    @Test
    void shouldDeadLetterABadPartnerId() {
        // Given: the key is the line's own offer key, so only the field rule is broken
        final byte[] key = "brand/1:SKU-42".getBytes(StandardCharsets.UTF_8);
        final byte[] value = fixture.orderBytes(OrderLineEvent.newBuilder(validEvent()).setPartnerId("brand/1")
                .build());

        // When
        fixture.pipeOrderBytes(key, value, T0);

        // Then
        assertDeadLetter(key, value, "invalid",
                "partnerId must be 1-64 characters of [A-Za-z0-9._-], was 'brand/1'");
    }

    @Test
    void shouldDeadLetterASkuWithWhitespace() {
        // Given
        final byte[] key = "brand-1:SKU 42".getBytes(StandardCharsets.UTF_8);
        final byte[] value = fixture.orderBytes(OrderLineEvent.newBuilder(validEvent()).setSku("SKU 42").build());

        // When
        fixture.pipeOrderBytes(key, value, T0);

        // Then
        assertDeadLetter(key, value, "invalid", "sku must be 1-128 characters without whitespace");
    }

    @Test
    void shouldDeadLetterABadLocationId() {
        // Given
        final byte[] value = fixture.orderBytes(OrderLineEvent.newBuilder(validEvent()).setLocationId("berlin/mitte")
                .build());

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid",
                "locationId must be 1-64 characters of [A-Za-z0-9._-], was 'berlin/mitte'");
    }

    @Test
    void shouldDeadLetterACancellationThatBreaksAFieldRule() {
        // Given: the field rules hold for CANCELLED lines too
        final byte[] value = fixture.orderBytes(OrderLineEvent.newBuilder(validEvent())
                .setStatus(OrderLineStatus.CANCELLED).setQuantity(0).build());

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid", "quantity must be >= 1, was 0");
    }

    @Test
    void shouldDeadLetterAQuantityOfZero() {
        // Given
        final byte[] value = fixture.orderBytes(line("order-1", 0, T0));

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid", "quantity must be >= 1, was 0");
    }

    @Test
    void shouldDeadLetterABadOrderId() {
        // Given
        final byte[] value = fixture.orderBytes(line("order 1", 1, T0));

        // When
        fixture.pipeOrderBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid", "orderId must be 1-64 characters of [A-Za-z0-9._-], was 'order 1'");
    }

    @Test
    void shouldDeadLetterAKeyThatIsNotTheOfferKey() {
        // Given
        final byte[] wrongKey = "brand-1:OTHER".getBytes(StandardCharsets.UTF_8);
        final byte[] value = validLine();

        // When
        fixture.pipeOrderBytes(wrongKey, value, T0);

        // Then
        assertDeadLetter(wrongKey, value, "key-mismatch", "brand-1:SKU-42");
    }

    @Test
    void shouldDeadLetterAnOccurredAtTooFarAhead() {
        // Given: more than the default hour past the driver's wall clock
        final long future = OfferTopologyFixture.WALL_CLOCK.plus(Duration.ofMinutes(61)).toEpochMilli();
        final byte[] value = fixture.orderBytes(line("order-1", 1, future));

        // When
        fixture.pipeOrderBytes(KEY, value, future);

        // Then
        assertDeadLetter(KEY, value, "future-timestamp", "ahead of the wall clock");
    }

    private byte[] validLine() {
        return fixture.orderBytes(validEvent());
    }

    private static OrderLineEvent validEvent() {
        return line("order-1", 1, T0);
    }

    /** A valid line written with another producer's schema, with the given status symbol. */
    private static GenericRecord genericLine(final Schema writer, final String status) {
        final GenericRecord line = new GenericData.Record(writer);
        line.put("eventId", "e1");
        line.put("orderId", "order-1");
        line.put("partnerId", "brand-1");
        line.put("sku", "SKU-42");
        line.put("locationId", "berlin");
        line.put("quantity", 1);
        line.put("status", new GenericData.EnumSymbol(writer.getField("status").schema(), status));
        line.put("occurredAt", T0);
        return line;
    }

    private static OrderLineEvent line(final String orderId, final int quantity, final long occurredAt) {
        return new OrderLineEvent("e1", orderId, "brand-1", "SKU-42", "berlin", quantity, OrderLineStatus.PLACED,
                Instant.ofEpochMilli(occurredAt));
    }

    private void assertDeadLetter(final byte[] key, final byte[] value, final String code, final String messagePart) {
        final List<TestRecord<byte[], byte[]>> letters = fixture.deadLetters();
        assertThat(letters).hasSize(1);
        final TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, DeadLetterHeaders.CODE)).isEqualTo(code);
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains(messagePart);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(fixture.snapshots()).isEmpty();
        assertThat(fixture.counts.rejected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
