package dev.stockflow.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead-letter records as the processor writes them, for tests. */
final class DeadLetterRecords {

    static final String DLQ = "stockflow-dlq";

    private DeadLetterRecords() {
    }

    /** A dead letter at partition 1, the given offset, with the SPEC headers. */
    static ConsumerRecord<byte[], byte[]> deadLetter(final long offset, final long timestamp, final String code,
                                                     final String sourceTopic) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", bytes("abc"));
        if (code != null) {
            headers.add(DeadLetterHeaders.CODE, bytes(code));
        }
        headers.add(DeadLetterHeaders.MESSAGE, bytes("something was wrong"));
        if (sourceTopic != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(sourceTopic));
        }
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes("3"));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes("42"));
        return new ConsumerRecord<>(DLQ, 1, offset, timestamp, TimestampType.CREATE_TIME, 5, 3, bytes("acme:A-1"),
                new byte[] {0, 0, 0, 0, 7, 2}, headers, Optional.empty());
    }

    static ConsumerRecord<byte[], byte[]> failedReplay(final long offset, final String code) {
        final ConsumerRecord<byte[], byte[]> record = deadLetter(offset, 1000, code, "stock-updates");
        record.headers().add(DeadLetterHeaders.REPLAY_OF, bytes(DLQ + "/1/7"));
        return record;
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
