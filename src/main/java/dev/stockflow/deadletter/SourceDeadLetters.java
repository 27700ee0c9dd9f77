package dev.stockflow.deadletter;

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
}
