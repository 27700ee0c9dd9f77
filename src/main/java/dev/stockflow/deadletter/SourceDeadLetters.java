package dev.stockflow.deadletter;

import dev.stockflow.offer.Input;
import dev.stockflow.topology.TopologySettings;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Dead letters built by Kafka Streams' error handlers from the source record they are handling. */
final class SourceDeadLetters {

    private SourceDeadLetters() {
    }

    /** The source record's original key and value bytes, with the SPEC headers and code {@code invalid}. */
    static ProducerRecord<byte[], byte[]> of(final String dlqTopic, final ErrorHandlerContext context,
                                             final String message) {
        final Headers headers = new RecordHeaders(context.headers().toArray());
        DeadLetterHeaders.write(headers, RejectReason.INVALID, message, context.topic(), context.partition(),
                context.offset());
        return new ProducerRecord<>(dlqTopic, null, context.timestamp(), context.sourceRawKey(),
                context.sourceRawValue(), headers);
    }

    /** Which input the handled record came from, or null (e.g. for a punctuation). */
    static Input inputOf(final TopologySettings settings, final ErrorHandlerContext context) {
        for (final Input input : Input.values()) {
            if (settings.topicOf(input).equals(context.topic())) {
                return input;
            }
        }
        return null;
    }
}
