package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.DeadLetterOnProcessingError;
import dev.stockflow.deadletter.DeadLetterOnProductionError;
import dev.stockflow.deadletter.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterOnProductionErrorTest {

    private static final byte[] KEY = "brand-1:SKU-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 1, 2};

    private final OfferTopologyFixture.CountingListener counts = new OfferTopologyFixture.CountingListener();
    private final DeadLetterOnProductionError handler = new DeadLetterOnProductionError();

    DeadLetterOnProductionErrorTest() {
        handler.configure(Map.of(DeadLetterOnProcessingError.TOPICS_CONFIG, TopologySettings.DEFAULTS.deadLetterTopics(),
                DeadLetterOnProcessingError.LISTENER_CONFIG, counts));
    }

    @Test
    void shouldDeadLetterTheInputOfASnapshotTooLargeToWrite() {
        // When
        final Response response = handler.handleError(context("stock-updates"),
                new ProducerRecord<>("offer-snapshots", KEY, new byte[10]), new RecordTooLargeException("too big"));

        // Then
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("stockflow-dlq");
            assertThat(letter.key()).isEqualTo(KEY);
            assertThat(letter.value()).isEqualTo(VALUE);
            assertThat(header(letter.headers(), DeadLetterHeaders.CODE)).isEqualTo("invalid");
            assertThat(header(letter.headers(), DeadLetterHeaders.MESSAGE)).contains("offer-snapshots")
                    .contains("too large");
            assertThat(header(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
        });
        assertThat(counts.rejected).containsEntry(RejectReason.INVALID, 1);
    }

    @Test
    void shouldOnlyLogADeadLetterTooLargeToWrite() {
        // When
        final Response response = handler.handleError(context("stock-updates"),
                new ProducerRecord<>("stockflow-dlq", KEY, VALUE), new RecordTooLargeException("too big"));

        // Then
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldNotBlameTheCurrentInputForAStateRecordTooLargeForTheChangelog() {
        // When: the offer cache writes an offer back at commit, while another record is the current one
        final Response response = handler.handleError(context("stock-updates"),
                new ProducerRecord<>("stockflow-offer-state-changelog", KEY, new byte[10]),
                new RecordTooLargeException("too big"));

        // Then: logged with its offer key and counted, not dead-lettered, and processing goes on
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counts.rejected).isEmpty();
        assertThat(counts.statesNotWritten).isEqualTo(1);
    }

    @Test
    void shouldFailOnOtherProductionErrors() {
        // When
        final Response response = handler.handleError(context("stock-updates"),
                new ProducerRecord<>("offer-snapshots", KEY, VALUE), new TimeoutException("broker down"));

        // Then
        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    private static String header(final Headers headers, final String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(final String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 42;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "offer-snapshots-sink";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 1000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }
}
