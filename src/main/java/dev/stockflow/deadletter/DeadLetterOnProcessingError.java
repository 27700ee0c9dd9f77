package dev.stockflow.deadletter;

import dev.stockflow.serde.SchemaRegistryException;
import dev.stockflow.offer.Input;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the validation: a record whose processing throws anyway goes to the dead-letter
 * topic with its original bytes and the SPEC headers (code {@code invalid}, the exception as message),
 * and processing goes on, instead of a stream thread failing on the same record again and again.
 *
 * <p>A schema registry that cannot be reached is not the record's fault: that fails the task, and Kafka
 * Streams retries it, so good records are never dead-lettered because of an outage.
 */
public final class DeadLetterOnProcessingError implements ProcessingExceptionHandler {

    /** Config key under which the runtime passes the {@link DeadLetterTopics}. */
    public static final String TOPICS_CONFIG = "stockflow.deadletter.topics";
    /** Config key under which the runtime passes the {@link RejectionListener}. */
    public static final String LISTENER_CONFIG = "stockflow.deadletter.listener";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

    private DeadLetterTopics topics;
    private RejectionListener listener;

    @Override
    public void configure(final Map<String, ?> configs) {
        topics = configured(configs, TOPICS_CONFIG, DeadLetterTopics.class);
        listener = configured(configs, LISTENER_CONFIG, RejectionListener.class);
    }

    /** The object the runtime passed under the key; a handler without it would dead-letter to nowhere. */
    static <T> T configured(final Map<String, ?> configs, final String key, final Class<T> type) {
        final Object value = configs.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("the dead-letter handlers need a " + type.getSimpleName() + " under '"
                    + key + "' in the Kafka Streams configuration");
        }
        return type.cast(value);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                final Exception exception) {
        if (causedByRegistry(exception)) {
            return Response.fail();
        }
        final Input input = topics.inputOf(context.topic());
        if (input == null) {
            // Not an input record (the delisting sweep): nothing to dead-letter; the next sweep tries again.
            LOG.error("{} failed outside record processing; continuing", context.processorNodeId(), exception);
            return Response.resume();
        }
        LOG.error("Processing {}-{}@{} failed; sending it to {}", context.topic(), context.partition(),
                context.offset(), topics.dlqTopic(), exception);
        listener.countRejected(input, RejectReason.INVALID, context.headers());
        return Response.resume(List.of(
                SourceDeadLetters.of(topics.dlqTopic(), context, "processing failed: " + exception)));
    }

    private static boolean causedByRegistry(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }
}
