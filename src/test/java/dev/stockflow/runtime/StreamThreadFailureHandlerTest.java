package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.testkit.LogCapture;
import java.util.Map;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** A refused permission stops the instance with one line; any other failure gets a new stream thread. */
class StreamThreadFailureHandlerTest {

    private final StreamThreadFailureHandler handler = new StreamThreadFailureHandler(KafkaAccess.of(
            ConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", "broker:9092", "application.id", "shop"))));

    @Test
    void shouldStopTheInstanceAndSayOnceWhatKafkaRefused() {
        // Given: both stream threads meet the refusal
        final StreamsException failure = new StreamsException(new GroupAuthorizationException("denied", "shop"));

        // When
        try (LogCapture log = LogCapture.of(StreamThreadFailureHandler.class)) {
            final StreamThreadExceptionResponse first = handler.handle(failure);
            final StreamThreadExceptionResponse second = handler.handle(failure);

            // Then
            assertThat(first).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            assertThat(second).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            assertThat(log.messages()).containsExactly("Kafka denied READ on group shop to User:ANONYMOUS; grant it: "
                    + "kafka-acls.sh --bootstrap-server broker:9092 --add --allow-principal 'User:ANONYMOUS' "
                    + "--operation Read --group shop");
            assertThat(handler.denial()).contains(log.messages().get(0));
        }
    }

    @Test
    void shouldReplaceAThreadThatFailedForAnotherReason() {
        // When
        final StreamThreadExceptionResponse response = handler.handle(new StreamsException("boom"));

        // Then
        assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(handler.denial()).isEmpty();
    }
}
