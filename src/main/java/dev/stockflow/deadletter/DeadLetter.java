package dev.stockflow.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of the dead-letter topic as {@code dlq replay} sees it: where it sits, what was wrong with it and
 * where it came from, read from the headers the processor wrote (see {@link DeadLetterHeaders}).
 *
 * @param topic           the dead-letter topic
 * @param partition       its partition there
 * @param offset          its offset there
 * @param timestamp       the record's timestamp: the original input record's, kept by the processor
 * @param code            {@code stockflow.error.code}, or null when the record has none
 * @param sourceTopic     {@code stockflow.source.topic}, or null when the record has none (or an empty one)
 * @param sourcePartition {@code stockflow.source.partition}, or -1 when it is missing or not a number
 * @param failedReplay    whether it carries {@code stockflow.replay.of}: a replayed record that failed again
 */
public record DeadLetter(String topic, int partition, long offset, long timestamp, String code, String sourceTopic,
                         int sourcePartition, boolean failedReplay) {

    /** Reads the dead letter's headers; a header that is missing or garbled leaves its field unknown. */
    public static DeadLetter of(final ConsumerRecord<?, ?> record) {
        final String source = DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.SOURCE_TOPIC);
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.timestamp(),
                DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.CODE),
                source == null || source.isBlank() ? null : source,
                partitionOf(DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.SOURCE_PARTITION)),
                ReplayHeaders.isReplay(record.headers()));
    }

    /** The value of {@code stockflow.replay.of} for a replay of this dead letter. */
    public String replayOf() {
        return topic + "/" + partition + "/" + offset;
    }

    private static int partitionOf(final String text) {
        if (text == null) {
            return -1;
        }
        try {
            return Math.max(-1, Integer.parseInt(text.strip()));
        } catch (final NumberFormatException e) {
            return -1;
        }
    }
}
