package dev.stockflow.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers of a dead letter: what was wrong and where it came from. Values are UTF-8 text, numbers decimal. */
public final class DeadLetterHeaders {

    public static final String CODE = "stockflow.error.code";
    public static final String MESSAGE = "stockflow.error.message";
    public static final String SOURCE_TOPIC = "stockflow.source.topic";
    public static final String SOURCE_PARTITION = "stockflow.source.partition";
    public static final String SOURCE_OFFSET = "stockflow.source.offset";
    /**
     * On a record {@code dlq replay} sent back to its source topic: {@code <dlq topic>/<partition>/<offset>} of the
     * dead letter it came from. The processor keeps an input record's headers on a dead letter, so a replayed
     * record that fails again carries it into the dead-letter topic too.
     */
    public static final String REPLAY_OF = "stockflow.replay.of";

    private DeadLetterHeaders() {
    }

    public static void write(final Headers headers, final RejectReason reason, final String message,
                      final RecordMetadata source) {
        write(headers, reason, message, source == null ? "" : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1L : source.offset());
    }

    public static void write(final Headers headers, final RejectReason reason, final String message, final String topic,
                      final int partition, final long offset) {
        set(headers, CODE, reason.code());
        set(headers, MESSAGE, message);
        set(headers, SOURCE_TOPIC, topic);
        set(headers, SOURCE_PARTITION, Integer.toString(partition));
        set(headers, SOURCE_OFFSET, Long.toString(offset));
    }

    /** The header's last value as UTF-8 text, or null when the record has no such header (or a null value). */
    public static String read(final Headers headers, final String key) {
        final Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void set(final Headers headers, final String key, final String value) {
        headers.remove(key); // a dead letter fed back in must not carry two codes
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
