package dev.stockflow.deadletter;

import dev.stockflow.serde.SchemaRegistryException;
import dev.stockflow.offer.Input;
import dev.stockflow.topology.ProcessingListener;
import dev.stockflow.topology.TopologySettings;
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

    /** Config key under which the runtime passes the {@link TopologySettings}. */
    public static final String SETTINGS_CONFIG = "stockflow.topology.settings";
    /** Config key under which the runtime passes the {@link ProcessingListener}. */
    public static final String LISTENER_CONFIG = "stockflow.processing.listener";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

    private TopologySettings settings = TopologySettings.DEFAULTS;
    private ProcessingListener listener = ProcessingListener.NONE;

    @Override
    public void configure(final Map<String, ?> configs) {
        if (configs.get(SETTINGS_CONFIG) instanceof TopologySettings configured) {
            settings = configured;
        }
        if (configs.get(LISTENER_CONFIG) instanceof ProcessingListener configured) {
            listener = configured;
        }
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                final Exception exception) {
        if (causedByRegistry(exception)) {
            return Response.fail();
        }
        final Input input = SourceDeadLetters.inputOf(settings, context);
        if (input == null) {
            // Not an input record (the delisting sweep): nothing to dead-letter; the next sweep tries again.
            LOG.error("{} failed outside record processing; continuing", context.processorNodeId(), exception);
            return Response.resume();
        }
        LOG.error("Processing {}-{}@{} failed; sending it to {}", context.topic(), context.partition(),
                context.offset(), settings.dlqTopic(), exception);
        listener.onRejected(input, RejectReason.INVALID);
        return Response.resume(List.of(
                SourceDeadLetters.of(settings.dlqTopic(), context, "processing failed: " + exception)));
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
