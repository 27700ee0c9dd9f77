package dev.stockflow.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.feed.FeedRecords;
import dev.stockflow.offer.Applied;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload's order lines: their share, cancellations, validity, and counts that settle them. */
class OrderWorkloadTest {

    private static final int EVENTS = 40_000;

    @Test
    void shouldPlaceAndCancelOrderLinesAtTheAskedShareAndSettleThemWithLaterCounts() {
        // Given
        final WorkloadSettings settings = WorkloadSettings.builder().seed(7).offers(200).orderShare(0.1).build();
        final List<GeneratedEvent> events = new WorkloadGenerator(settings).stream().limit(EVENTS).toList();
        final OfferRulesReplay rules = new OfferRulesReplay();

        // When
        int orders = 0;
        int cancelled = 0;
        int cancelsThatCameTooLate = 0;
        int reserving = 0;
        int settlingCounts = 0;
        for (final GeneratedEvent event : events) {
            if (event.badReason() != null) {
                continue;
            }
            final Applied applied = rules.apply(event.key(), event.value());
            if (event.input() == Input.ORDER) {
                orders++;
                assertThat(FeedRecords.check(event.value())).isNull();
                final boolean cancel = ((OrderLineEvent) event.value()).getStatus() == OrderLineStatus.CANCELLED;
                cancelled += cancel ? 1 : 0;
                cancelsThatCameTooLate += cancel && applied.outcome() == Outcome.STALE ? 1 : 0;
                reserving += applied.outcome() == Outcome.CHANGED ? 1 : 0;
            } else if (event.input() == Input.STOCK && applied.outcome() == Outcome.CHANGED) {
                settlingCounts++;
            }
        }

        // Then: about a tenth of the events, about 5% of them cancellations; lines reserve and counts follow
        assertThat(orders / (double) EVENTS).isCloseTo(0.1, within(0.01));
        assertThat(cancelled / (double) orders).isCloseTo(0.05, within(0.02));
        assertThat(cancelsThatCameTooLate).as("cancellations older than their line or its offer's delisting").isZero();
        assertThat(reserving).isGreaterThan(orders / 2);
        assertThat(settlingCounts).isPositive();
        assertThat(rules.openLines()).isLessThan(reserving / 2);
    }

    @Test
    void shouldCancelLinesWithANewerVersionEvenWhenHotLocationsRunAheadOfTheClock() {
        // Given: so many events per millisecond that hot slots' versions run ahead of the event clock
        final WorkloadSettings settings = WorkloadSettings.builder().seed(11).offers(50).orderShare(0.3)
                .eventsPerSecond(1_000_000).build();
        final OfferRulesReplay rules = new OfferRulesReplay();
        int cancelled = 0;
        int staleCancels = 0;

        // When
        for (final GeneratedEvent event : new WorkloadGenerator(settings).stream().limit(EVENTS).toList()) {
            if (event.badReason() != null) {
                continue;
            }
            final Applied applied = rules.apply(event.key(), event.value());
            if (event.input() == Input.ORDER
                    && ((OrderLineEvent) event.value()).getStatus() == OrderLineStatus.CANCELLED) {
                cancelled++;
                staleCancels += applied.outcome() == Outcome.STALE ? 1 : 0;
            }
        }

        // Then
        assertThat(cancelled).isGreaterThan(100);
        assertThat(staleCancels).as("cancellations older than their line or its offer's delisting").isZero();
    }

    @Test
    void shouldGenerateTheSameOrdersForTheSameSeedAndNoneByDefault() {
        // Given
        final WorkloadSettings withOrders = WorkloadSettings.builder().seed(3).offers(100).orderShare(0.1).build();

        // When
        final List<GeneratedEvent> first = new WorkloadGenerator(withOrders).stream().limit(2_000).toList();
        final List<GeneratedEvent> second = new WorkloadGenerator(withOrders).stream().limit(2_000).toList();
        final long byDefault = new WorkloadGenerator(WorkloadSettings.builder().seed(3).offers(100).build()).stream()
                .limit(2_000).filter(event -> event.input() == Input.ORDER).count();

        // Then
        assertThat(first).isEqualTo(second);
        assertThat(byDefault).isZero();
    }
}
