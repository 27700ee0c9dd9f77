package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void shouldForgetAHalfAppliedStateWhenProcessingFails() {
        // Given: the offer is stored with 13 units, then an update to 5 fails after the rules applied it
        // in memory but before it was stored
        final ProcessingListener failing = new ThrowingOnOutcome(2);
        try (OfferTopologyFixture fixture = new OfferTopologyFixture(TopologySettings.DEFAULTS, failing, null)) {
            fixture.stock(OFFER, "berlin", 13, T0, "e1");
            fixture.stock(OFFER, "berlin", 5, T0 + 1, "e2");

            // When: a later update sets the same 5 units
            fixture.stock(OFFER, "berlin", 5, T0 + 2, "e3");

            // Then: it is a change from the stored 13, not a repeat of the failed update's value
            assertThat(fixture.deadLetters()).hasSize(1);
            final List<OfferSnapshot> emitted = fixture.snapshots().stream().map(Map.Entry::getValue).toList();
            assertThat(emitted).extracting(OfferSnapshot::getTotalQuantity).containsExactly(13L, 5L);
            assertThat(emitted.get(1).getLocations().get(0).getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2));
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
    private static final class ThrowingOnFirstOutcome extends ThrowingOnOutcome {
        ThrowingOnFirstOutcome() {
            super(1);
        }
    }

    /** Simulates a processing bug that one record triggers: the n-th outcome reported throws. */
    private static class ThrowingOnOutcome implements ProcessingListener {
        private final int failing;
        private int calls;

        ThrowingOnOutcome(final int failing) {
            this.failing = failing;
        }

        @Override
        public void onOutcome(final Input input, final Outcome outcome) {
            if (++calls == failing) {
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
