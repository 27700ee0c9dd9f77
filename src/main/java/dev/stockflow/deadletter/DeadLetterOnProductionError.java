package dev.stockflow.deadletter;

import dev.stockflow.offer.Quoted;
import dev.stockflow.offer.Input;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Kafka refuses a snapshot Stockflow writes because it is too large (an offer with an enormous
 * number of locations, say), the input record that caused it goes to the dead-letter topic and
 * processing goes on. A state record too large for the changelog is logged with its offer key, and a
 * dead letter that is itself too large can only be logged. Every other production error fails the task
 * as usual (Kafka Streams retries it).
 */
public final class DeadLetterOnProductionError implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnProductionError.class);

    private DeadLetterTopics topics;
    private RejectionListener listener;

    @Override
    public void configure(final Map<String, ?> configs) {
        topics = DeadLetterOnProcessingError.configured(configs, DeadLetterOnProcessingError.TOPICS_CONFIG,
                DeadLetterTopics.class);
        listener = DeadLetterOnProcessingError.configured(configs, DeadLetterOnProcessingError.LISTENER_CONFIG,
                RejectionListener.class);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        if (topics.dlqTopic().equals(record.topic())) {
            LOG.error("A dead letter for {}-{}@{} is too large to write; it is only logged here: {}", context.topic(),
                    context.partition(), context.offset(), exception.getMessage());
            return Response.resume();
        }
        if (!topics.snapshotTopic().equals(record.topic())) {
            // The offer store's changelog. Its records are written when Kafka Streams commits or the offer cache
            // evicts, not while the record that grew the offer is processed, so the current input is not the
            // culprit and must not be dead-lettered. The store keeps the offer; a restore from the changelog
            // would bring back its previous state. Raise max.request.size (and the topic's max.message.bytes).
            LOG.error("The state of offer {} is too large for {} and was not written to it; a restore of this "
                    + "partition would bring back its previous state: {}", offerKeyOf(record), record.topic(),
                    exception.getMessage());
            listener.onStateNotWritten();
            return Response.resume();
        }
        final Input input = topics.inputOf(context.topic());
        LOG.error("The record for {}-{}@{} to {} is too large; sending the input to {}", context.topic(),
                context.partition(), context.offset(), record.topic(), topics.dlqTopic(), exception);
        if (input == null) {
            return Response.resume();
        }
        listener.countRejected(input, RejectReason.INVALID, context.headers());
        return Response.resume(List.of(SourceDeadLetters.of(topics.dlqTopic(), context,
                "its output to " + record.topic() + " is too large: " + exception.getMessage())));
    }

    private static String offerKeyOf(final ProducerRecord<byte[], byte[]> record) {
        return record.key() == null ? "(no key)" : Quoted.of(new String(record.key(), StandardCharsets.UTF_8));
    }
}
