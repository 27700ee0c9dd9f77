package dev.stockflow.deadletter;

import static dev.stockflow.deadletter.DeadLetterRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class ReplayHeadersTest {

    @Test
    void shouldKeepTheProducersHeadersDropTheDeadLetterOnesAndNameTheDeadLetter() {
        // Given
        final ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.deadLetter(17, 1000, "undecodable",
                "stock-updates");

        // When
        final Headers headers = ReplayHeaders.of(record.headers(), DeadLetter.of(record));

        // Then
        assertThat(Arrays.stream(headers.toArray()).map(Header::key).toList())
                .containsExactly("trace-id", DeadLetterHeaders.REPLAY_OF);
        assertThat(DeadLetterHeaders.read(headers, "trace-id")).isEqualTo("abc");
        assertThat(DeadLetterHeaders.read(headers, DeadLetterHeaders.REPLAY_OF)).isEqualTo("stockflow-dlq/1/17");
    }

    @Test
    void shouldReplaceTheReplayOfAFailedReplay() {
        // Given
        final ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.failedReplay(30, "invalid");

        // When
        final Headers headers = ReplayHeaders.of(record.headers(), DeadLetter.of(record));

        // Then
        assertThat(headers.headers(DeadLetterHeaders.REPLAY_OF)).hasSize(1);
        assertThat(DeadLetterHeaders.read(headers, DeadLetterHeaders.REPLAY_OF)).isEqualTo("stockflow-dlq/1/30");
    }

    @Test
    void shouldTellAReplayedRecordByItsMark() {
        // Given
        final ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.deadLetter(17, 1000, "undecodable",
                "stock-updates");

        // When
        final Headers replayed = ReplayHeaders.of(record.headers(), DeadLetter.of(record));

        // Then
        assertThat(ReplayHeaders.isReplay(replayed)).isTrue();
        assertThat(ReplayHeaders.isReplay(record.headers())).as("a first dead letter").isFalse();
        assertThat(ReplayHeaders.isReplay(null)).isFalse();
    }

    @Test
    void shouldReadTheDeadLetterFromItsHeaders() {
        // Given
        final ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.deadLetter(17, 1000, "key-mismatch",
                "price-updates");

        // When
        final DeadLetter letter = DeadLetter.of(record);

        // Then
        assertThat(letter).isEqualTo(new DeadLetter("stockflow-dlq", 1, 17, 1000, "key-mismatch", "price-updates", 3,
                false));
        assertThat(DeadLetter.of(DeadLetterRecords.failedReplay(18, "invalid")).failedReplay()).isTrue();
    }

    @Test
    void shouldLeaveMissingOrGarbledHeadersUnknown() {
        // Given
        final ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.deadLetter(17, 1000, null, null);
        record.headers().remove(DeadLetterHeaders.SOURCE_PARTITION);
        record.headers().add(DeadLetterHeaders.SOURCE_PARTITION, bytes("three"));
        final ConsumerRecord<byte[], byte[]> blank = DeadLetterRecords.deadLetter(18, 1000, "empty", " ");

        // When
        final List<DeadLetter> letters = List.of(DeadLetter.of(record), DeadLetter.of(blank));

        // Then
        assertThat(letters.get(0).code()).isNull();
        assertThat(letters.get(0).sourceTopic()).isNull();
        assertThat(letters.get(0).sourcePartition()).isEqualTo(-1);
        assertThat(letters.get(1).sourceTopic()).isNull();
    }
}
