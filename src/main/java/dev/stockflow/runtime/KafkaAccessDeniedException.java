package dev.stockflow.runtime;

import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka refused Stockflow an operation it needs. The message is one line for the operator: the operation Kafka denied,
 * the resource, the principal, and the {@code kafka-acls.sh} command that grants what Stockflow needs.
 */
public final class KafkaAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaAccessDeniedException(final String message, final AuthorizationException cause) {
        super(message, cause);
    }
}
