package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.reference.Deliveries;
import dev.stockflow.reference.FinalValues;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.OfferEventArbitraries;
import dev.stockflow.reference.ReferenceModel;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The central property once more, end to end through the real topology in a TopologyTestDriver:
 * registry wire format in, RocksDB store, snapshot topic out. Fewer tries than
 * {@link OfferRulesProperties} (each try starts a driver), the same independent reference.
 */
class OfferTopologyProperties {

    private static final RuleSettings RULES = new RuleSettings(10, 1_000_000);
    private static final TopologySettings SETTINGS = TopologySettings.DEFAULTS.withRules(RULES);

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    /** Any arrival order with redeliveries: the published values are those the event set settles. */
    @Property(tries = 60)
    void shouldPublishTheSettledValuesWhateverTheArrivalOrder(@ForAll("eventSets") final List<KeyedEvent> events,
                                                              @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inAnyOrder(events, random);

        // When
        final Map<String, OfferSnapshot> published = publish(deliveries);

        // Then
        assertThat(FinalValues.shownBy(published)).isEqualTo(FinalValues.settledBy(events))
                .isEqualTo(FinalValues.shownBy(reference(deliveries).snapshots()));
    }

    /** Each offer's events in version order, redeliveries anywhere: whole snapshots equal the reference's. */
    @Property(tries = 60)
    void shouldPublishTheReferenceSnapshotsForVersionOrderedDeliveries(
            @ForAll("eventSets") final List<KeyedEvent> events, @ForAll final Random random) {
        // Given
        final List<KeyedEvent> deliveries = Deliveries.inVersionOrderPerOffer(events, random);

        // When
        final Map<String, OfferSnapshot> published = publish(deliveries);

        // Then
        assertThat(published).isEqualTo(reference(deliveries).snapshots());
    }

    private static Map<String, OfferSnapshot> publish(final List<KeyedEvent> deliveries) {
        try (OfferTopologyFixture fixture = new OfferTopologyFixture(SETTINGS)) {
            for (final KeyedEvent delivery : deliveries) {
                pipe(fixture, delivery);
            }
            assertThat(fixture.deadLetters()).isEmpty();
            return fixture.latestSnapshots();
        }
    }

    private static void pipe(final OfferTopologyFixture fixture, final KeyedEvent delivery) {
        final OfferEvent event = delivery.event();
        if (event instanceof OfferEvent.StockChange stock) {
            fixture.stock(delivery.offerKey(), stock.locationId(), stock.quantity(), stock.occurredAt(), stock.eventId());
        } else if (event instanceof OfferEvent.PriceChange price) {
            fixture.price(delivery.offerKey(), price.channel(), price.currency(), price.regularPrice(), price.salePrice(),
                    price.occurredAt(), price.eventId());
        } else if (event instanceof OfferEvent.OrderLine line) {
            fixture.order(delivery.offerKey(), line.orderId(), line.locationId(), line.quantity(),
                    OrderLineStatus.valueOf(line.status().name()), line.occurredAt(), line.eventId());
        } else {
            fixture.delist(delivery.offerKey(), event.occurredAt(), event.eventId());
        }
    }

    private static ReferenceModel reference(final List<KeyedEvent> deliveries) {
        final ReferenceModel model = new ReferenceModel(RULES);
        deliveries.forEach(model::deliver);
        return model;
    }
}
