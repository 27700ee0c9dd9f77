package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final byte[] KEY = OFFER.getBytes(StandardCharsets.UTF_8);
    private static final long T0 = OfferTopologyFixture.T0;

    private final OfferTopologyFixture fixture = new OfferTopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterANullValue() {
        // When
        fixture.pipeStockBytes(KEY, null, T0);

        // Then
        assertDeadLetter(KEY, null, "empty", "stock-updates", 0, "null");
    }

    @Test
    void shouldDeadLetterAnEmptyValue() {
        // When
        fixture.pipeStockBytes(KEY, new byte[0], T0);

        // Then
        assertDeadLetter(KEY, new byte[0], "empty", "stock-updates", 0, "empty");
    }

    @Test
    void shouldDeadLetterAWrongMagicByte() {
        // Given
        final byte[] value = validStock();
        value[0] = 1;

        // When
        fixture.pipeStockBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "stock-updates", 0, "magic byte");
    }

    @Test
    void shouldDeadLetterAnUnknownSchemaId() {
        // Given
        final byte[] value = validStock();
        value[4] = 99;

        // When
        fixture.pipeStockBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "stock-updates", 0, "unknown schema id 99");
    }

    @Test
    void shouldDeadLetterAStockUpdateOnTheDelistingTopicInsteadOfDelisting() {
        // Given: the offer is listed; a stock update (a superset of a delisting's fields) lands on the wrong topic
        fixture.stock(OFFER, "berlin", 5, T0, "e1");
        fixture.snapshots();
        final byte[] value = validStock();

        // When
        fixture.pipeDelistingBytes(KEY, value, T0 + 1);

        // Then: dead-lettered, and the offer is still listed
        assertDeadLetter(KEY, value, "undecodable", "offer-delistings", 0, "is dev.stockflow.avro.StockUpdate");
        assertThat(fixture.latestQuantity("berlin")).isEqualTo(5);
    }

    @Test
    void shouldDeadLetterCorruptAvro() {
        // Given: a valid header followed by a truncated body
        final byte[] value = Arrays.copyOf(validStock(), 9);

        // When
        fixture.pipeStockBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "undecodable", "stock-updates", 0, "corrupt Avro");
    }

    @Test
    void shouldDeadLetterARecordBreakingAFieldRule() {
        // Given
        final byte[] value = fixture.priceBytes(new PriceUpdate("p1", "brand-1", "SKU-42", "zalando-de", "EUR", 1000L,
                1000L, Instant.ofEpochMilli(T0)));

        // When
        fixture.pipePriceBytes(KEY, value, T0);

        // Then
        assertDeadLetter(KEY, value, "invalid", "price-updates", 0, "salePrice");
    }

    @Test
    void shouldDeadLetterAKeyThatIsNotTheOfferKey() {
        // Given
        final byte[] wrongKey = "brand-1:OTHER".getBytes(StandardCharsets.UTF_8);
        final byte[] value = validStock();

        // When
        fixture.pipeStockBytes(wrongKey, value, T0);

        // Then
        assertDeadLetter(wrongKey, value, "key-mismatch", "stock-updates", 0, "brand-1:SKU-42");
    }

    @Test
    void shouldDeadLetterANullKey() {
        // Given
        final byte[] value = validStock();

        // When
        fixture.pipeStockBytes(null, value, T0);

        // Then
        assertDeadLetter(null, value, "key-mismatch", "stock-updates", 0, "null");
    }

    @Test
    void shouldDeadLetterAnOccurredAtTooFarAhead() {
        // Given: more than the default hour past the driver's wall clock
        final long future = OfferTopologyFixture.WALL_CLOCK.plus(Duration.ofMinutes(61)).toEpochMilli();
        final byte[] value = fixture.stockBytes(new StockUpdate("e1", "brand-1", "SKU-42", "berlin", 5,
                Instant.ofEpochMilli(future)));

        // When
        fixture.pipeStockBytes(KEY, value, future);

        // Then
        assertDeadLetter(KEY, value, "future-timestamp", "stock-updates", 0, "ahead of the wall clock");
    }

    @Test
    void shouldAcceptAnOccurredAtWithinTheSkew() {
        // Given
        final long nearFuture = OfferTopologyFixture.WALL_CLOCK.plus(Duration.ofMinutes(59)).toEpochMilli();

        // When
        fixture.stock(OFFER, "berlin", 5, nearFuture, "e1");

        // Then
        assertThat(fixture.deadLetters()).isEmpty();
        assertThat(fixture.latestSnapshots()).containsKey(OFFER);
    }

    @Test
    void shouldReportSourceOffsetsAndKeepProcessingAfterBadRecords() {
        // When
        fixture.pipeStockBytes(KEY, new byte[] {7}, T0);
        fixture.stock(OFFER, "berlin", 5, T0, "e1");
        fixture.pipeStockBytes(KEY, new byte[] {7, 7}, T0);

        // Then
        final List<TestRecord<byte[], byte[]>> letters = fixture.deadLetters();
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "2");
        assertThat(fixture.latestSnapshots().get(OFFER).getTotalQuantity()).isEqualTo(5);
        assertThat(fixture.counts.rejected).containsEntry(RejectReason.UNDECODABLE, 2);
    }

    @Test
    void shouldKeepOriginalHeadersAndReplaceStaleStockflowOnes() {
        // Given: a dead letter fed back in carries old stockflow headers
        final TestRecord<byte[], byte[]> input = new TestRecord<>(KEY, new byte[0], Instant.ofEpochMilli(T0));
        input.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        input.headers().add(DeadLetterHeaders.CODE, "invalid".getBytes(StandardCharsets.UTF_8));

        // When
        fixture.pipeStockBytes(input);

        // Then
        final TestRecord<byte[], byte[]> letter = fixture.deadLetters().get(0);
        assertThat(header(letter, "trace-id")).isEqualTo("abc");
        assertThat(letter.headers().headers(DeadLetterHeaders.CODE)).hasSize(1);
        assertThat(header(letter, DeadLetterHeaders.CODE)).isEqualTo("empty");
    }

    private byte[] validStock() {
        return fixture.stockBytes(new StockUpdate("e1", "brand-1", "SKU-42", "berlin", 5, Instant.ofEpochMilli(T0)));
    }

    private void assertDeadLetter(final byte[] key, final byte[] value, final String code, final String topic,
                                  final long offset, final String messagePart) {
        final List<TestRecord<byte[], byte[]>> letters = fixture.deadLetters();
        assertThat(letters).hasSize(1);
        final TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, DeadLetterHeaders.CODE)).isEqualTo(code);
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains(messagePart);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        assertThat(fixture.snapshots()).isEmpty();
        assertThat(fixture.counts.rejected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
