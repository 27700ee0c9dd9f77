package dev.stockflow.runtime;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's failure does to the instance. A failure that a new thread may not meet again is worth a
 * new thread. A permission Kafka refuses is not: a new thread would fail the same way, forever. Then the instance
 * stops (Kafka Streams goes to ERROR, so {@code /health/live} answers 503 and {@code run} exits non-zero) after one
 * line naming the resource, the operation and the grant that fixes it.
 */
final class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailureHandler.class);

    private final KafkaAccess access;
    private final AtomicReference<String> denial = new AtomicReference<>();

    StreamThreadFailureHandler(final KafkaAccess access) {
        this.access = access;
    }

    @Override
    public StreamThreadExceptionResponse handle(final Throwable exception) {
        final Optional<KafkaAccessDeniedException> denied = access.inStreams(exception);
        if (denied.isEmpty()) {
            LOG.error("A stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        // Every stream thread meets the same refusal: say it once.
        if (denial.compareAndSet(null, denied.get().getMessage())) {
            LOG.error("{}", denied.get().getMessage());
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The refused permission that stopped the instance, if one did. */
    Optional<String> denial() {
        return Optional.ofNullable(denial.get());
    }
}
