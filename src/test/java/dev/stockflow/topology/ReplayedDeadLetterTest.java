package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.metrics.MetricsRegistry;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Records that {@code dlq replay} sent back to an input topic carry {@code stockflow.replay.of}; the processor
 * counts what each came to (changed, unchanged, stale, duplicate, or invalid when it is dead-lettered again),
 * on top of counting it as an event like any other.
 */
class ReplayedDeadLetterTest {

    private static final String OFFER = "brand-1:SKU-42";
    private static final byte[] KEY = OFFER.getBytes(StandardCharsets.UTF_8);
    private static final long T0 = OfferTopologyFixture.T0;

    @Test
    void shouldCountEveryReplayedRecordByWhatItCameTo() {
        try (OfferTopologyFixture fixture = new OfferTopologyFixture()) {
            // Given: the offer has 5 units in berlin from an ordinary update
            fixture.stock(OFFER, "berlin", 5, T0, "e1");

            // When: dead letters come back, each marked as a replay
            final byte[] newer = stock(fixture, "e2", 7, T0 + OfferTopologyFixture.minutes(1));
            fixture.pipeStockBytes(replay(newer, T0, 10));                                          // changed
            fixture.pipeStockBytes(replay(newer, T0, 11));                                          // duplicate
            fixture.pipeStockBytes(replay(stock(fixture, "e0", 9, T0 - OfferTopologyFixture.minutes(1)), T0, 12));
            fixture.pipeStockBytes(replay(stock(fixture, "e3", 7, T0 + OfferTopologyFixture.minutes(2)), T0, 13));
            fixture.pipePriceBytes(replay(price(fixture, "p1", T0), T0, 14));                       // changed
            final byte[] unknownSchema = stock(fixture, "e4", 3, T0 + OfferTopologyFixture.minutes(3));
            unknownSchema[4] = 99;
            fixture.pipeStockBytes(replay(unknownSchema, T0, 15));                                  // undecodable
            fixture.stock(OFFER, "berlin", 8, T0 + OfferTopologyFixture.minutes(4), "e5");          // not a replay

            // Then
            assertThat(fixture.counts.replayed.get(Input.STOCK)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "changed", 1, "duplicate", 1, "stale", 1, "unchanged", 1, "invalid", 1));
            assertThat(fixture.counts.replayed.get(Input.PRICE)).containsExactlyEntriesOf(Map.of("changed", 1));
            assertThat(fixture.counts.replayed).doesNotContainKey(Input.DELISTING);
            assertThat(fixture.counts.outcome(Input.STOCK, Outcome.CHANGED)).as("replays are events too").isEqualTo(3);
            assertThat(fixture.counts.rejected).containsExactlyEntriesOf(Map.of(RejectReason.UNDECODABLE, 1));
            final List<TestRecord<byte[], byte[]>> letters = fixture.deadLetters();
            assertThat(letters).hasSize(1);
            assertThat(header(letters.get(0), DeadLetterHeaders.REPLAY_OF)).isEqualTo("stockflow-dlq/0/15");
        }
    }

    @Test
    void shouldCountAReplayWhoseProcessingFailsAsInvalid() {
        // Given: processing the next record throws, as a bug triggered by one record would
        final ProcessingListener failing = new ProcessingListener() {
            @Override
            public void onOutcome(final Input input, final Outcome outcome) {
                throw new IllegalStateException("simulated failure");
            }
        };
        try (OfferTopologyFixture fixture = new OfferTopologyFixture(TopologySettings.DEFAULTS, failing, null)) {
            // When
            fixture.pipeStockBytes(replay(stock(fixture, "e1", 5, T0), T0, 3));

            // Then: the error handler dead-lettered it, and it counts as a replay that failed again
            assertThat(fixture.deadLetters()).singleElement()
                    .satisfies(letter -> assertThat(header(letter, DeadLetterHeaders.CODE)).isEqualTo("invalid"));
            assertThat(fixture.counts.replayed).containsExactlyEntriesOf(Map.of(Input.STOCK, Map.of("invalid", 1)));
        }
    }

    @Test
    void shouldExportReplaysInStockflowReplayedEventsTotal() {
        try (MetricsRegistry registry = new MetricsRegistry()) {
            // Given: Stockflow's metrics hear what the topology does
            final StockflowMetrics metrics = new StockflowMetrics(registry.registry(), TopologySettings.DEFAULTS);
            try (OfferTopologyFixture fixture = new OfferTopologyFixture(TopologySettings.DEFAULTS, metrics, null)) {
                final byte[] update = stock(fixture, "e1", 5, T0);
                final byte[] undecodable = stock(fixture, "e2", 6, T0 + 1);
                undecodable[4] = 99;

                // When: a replay is applied, one is dead-lettered again, and an ordinary update is applied
                fixture.pipeStockBytes(replay(update, T0, 0));
                fixture.pipeStockBytes(replay(undecodable, T0, 1));
                fixture.stock(OFFER, "berlin", 7, T0 + 2, "e3");
            }

            // Then
            assertThat(registry.scrape())
                    .contains("stockflow_replayed_events_total{outcome=\"changed\",topic=\"stock-updates\"} 1.0")
                    .contains("stockflow_replayed_events_total{outcome=\"invalid\",topic=\"stock-updates\"} 1.0")
                    .contains("stockflow_replayed_events_total{outcome=\"stale\",topic=\"stock-updates\"} 0.0")
                    .contains("stockflow_events_total{outcome=\"changed\",topic=\"stock-updates\"} 2.0");
        }
    }

    private static byte[] stock(final OfferTopologyFixture fixture, final String eventId, final int quantity,
                                final long occurredAt) {
        return fixture.stockBytes(new StockUpdate(eventId, "brand-1", "SKU-42", "berlin", quantity,
                Instant.ofEpochMilli(occurredAt)));
    }

    private static byte[] price(final OfferTopologyFixture fixture, final String eventId, final long occurredAt) {
        return fixture.priceBytes(new PriceUpdate(eventId, "brand-1", "SKU-42", "zalando-de", "EUR", 12_999L, null,
                Instant.ofEpochMilli(occurredAt)));
    }

    /** The record as {@code dlq replay} sends it back: same key, value and timestamp, marked with its dead letter. */
    private static TestRecord<byte[], byte[]> replay(final byte[] value, final long timestamp, final long dlqOffset) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REPLAY_OF, ("stockflow-dlq/0/" + dlqOffset).getBytes(StandardCharsets.UTF_8));
        return new TestRecord<>(KEY, value, headers, timestamp);
    }

    private static String header(final TestRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
