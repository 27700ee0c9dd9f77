package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.StockUpdate;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What happens when processing a record throws although the record passed validation. */
class ProcessingErrorTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final long T0 = OfferTopologyFixture.T0;

    @Test
    void shouldDeadLetterARecordWhoseProcessingFailsAndGoOn() {
        // Given: processing the first record throws, as a bug triggered by one record would
        final ProcessingListener failing = new ThrowingOnFirstOutcome();
        try (OfferTopologyFixture fixture = new OfferTopologyFixture(TopologySettings.DEFAULTS, failing, null)) {
            // When
            fixture.stock(OFFER, "berlin", 13, T0, "e1");
            fixture.stock(OFFER, "berlin", 5, T0 + 1, "e2");

            // Then
            final List<TestRecord<byte[], byte[]>> letters = fixture.deadLetters();
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).key()).isEqualTo(OFFER.getBytes(StandardCharsets.UTF_8));
            assertThat(header(letters.get(0), DeadLetterHeaders.CODE)).isEqualTo("invalid");
            assertThat(header(letters.get(0), DeadLetterHeaders.MESSAGE)).contains("processing failed")
                    .contains("simulated failure");
            assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("stock-updates");
            assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(fixture.latestSnapshots().get(OFFER).getTotalQuantity()).isEqualTo(5);
            assertThat(fixture.counts.rejected).containsEntry(RejectReason.INVALID, 1);
        }
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryIsDown() {
        // Given: every schema lookup fails as an unreachable registry would
        try (OfferTopologyFixture fixture = new OfferTopologyFixture(TopologySettings.DEFAULTS,
                ProcessingListener.NONE, new UnreachableRegistry())) {
            final byte[] value = fixture.stockBytes(new StockUpdate("e1", "brand-1", "SKU-42", "berlin", 5,
                    Instant.ofEpochMilli(T0)));

            // When / Then
            assertThatThrownBy(() -> fixture.pipeStockBytes(OFFER.getBytes(StandardCharsets.UTF_8), value, T0))
                    .hasRootCauseInstanceOf(SchemaRegistryException.class);
            assertThat(fixture.deadLetters()).isEmpty();
        }
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Simulates a processing bug that one record triggers: the first outcome reported throws. */
    private static final class ThrowingOnFirstOutcome implements ProcessingListener {
        private int calls;

        @Override
        public void onOutcome(final Input input, final Outcome outcome) {
            if (calls++ == 0) {
                throw new IllegalStateException("simulated failure");
            }
        }

    }

    private static final class UnreachableRegistry implements SchemaRegistryClient {
        @Override
        public int register(final String subject, final Schema schema) {
            throw unreachable();
        }

        @Override
        public int idOf(final String subject, final Schema schema) {
            throw unreachable();
        }

        @Override
        public Schema schemaById(final int id) {
            throw unreachable();
        }

        private static SchemaRegistryException unreachable() {
            return new SchemaRegistryException(-1, "registry unreachable");
        }
    }
}
