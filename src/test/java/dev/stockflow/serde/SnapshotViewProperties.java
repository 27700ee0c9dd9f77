package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.http.SnapshotJson;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotRecords;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.OfferEventArbitraries;
import dev.stockflow.state.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The snapshot view and its two writers, for any state the rules lead to: the hand-written wire bytes are
 * exactly Avro's own writing of the record holding the view's values, and the lookup JSON holds the same
 * values in the record's field order. A view and a scratch buffer reused from offer to offer (as the
 * processor reuses them) write what a fresh view writes.
 */
class SnapshotViewProperties {

    private static final RuleSettings RULES = new RuleSettings(10, 1_000_000);
    private static final String SUBJECT = "offer-snapshots-value";

    private final AvroWireFormat<OfferSnapshot> format = new AvroWireFormat<>(
            InMemorySchemaRegistry.forScope("snapshot-view"), OfferSnapshot.getClassSchema(), true);
    private final SnapshotEncoder encoder = new SnapshotEncoder(format, SUBJECT);
    private final ObjectMapper json = new ObjectMapper();

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    @Property(tries = 500)
    void shouldWriteTheSameBytesAsAvroForEveryListedState(@ForAll("eventSets") final List<KeyedEvent> events) {
        // Given: the states these events lead to, and one view and buffer for all of them
        final SnapshotView reused = new SnapshotView(RULES);
        final ByteWriter scratch = new ByteWriter(16);

        listedStates(events).forEach((offerKey, state) -> {
            // When
            final byte[] written = encoder.encode(reused.show(utf8(offerKey), state), scratch);

            // Then
            final OfferSnapshot record = SnapshotRecords.of(SnapshotView.of(offerKey, state, RULES));
            assertThat(written).isEqualTo(format.encode(SUBJECT, record));
        });
    }

    @Property(tries = 300)
    void shouldWriteTheSameValuesAsJsonForEveryListedState(@ForAll("eventSets") final List<KeyedEvent> events)
            throws JsonProcessingException {
        // Given
        final SnapshotView reused = new SnapshotView(RULES);

        for (final Map.Entry<String, OfferState> offer : listedStates(events).entrySet()) {
            // When
            final byte[] written = SnapshotJson.write(reused.show(utf8(offer.getKey()), offer.getValue()));

            // Then
            final OfferSnapshot record = SnapshotRecords.of(SnapshotView.of(offer.getKey(), offer.getValue(), RULES));
            assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(json.writeValueAsString(tree(record)));
        }
    }

    private static Map<String, OfferState> listedStates(final List<KeyedEvent> events) {
        final Map<String, OfferState> states = new TreeMap<>();
        long streamTime = 0;
        for (final KeyedEvent keyed : events) {
            streamTime = Math.max(streamTime, keyed.event().occurredAt());
            states.computeIfAbsent(keyed.offerKey(), ignored -> new OfferState())
                    .apply(keyed.event(), streamTime, RULES);
        }
        states.values().removeIf(state -> !state.isListed());
        return states;
    }

    /** The record as a JSON tree, field by field in schema order, timestamps as epoch milliseconds. */
    private ObjectNode tree(final OfferSnapshot record) {
        final ObjectNode offer = json.createObjectNode()
                .put("partnerId", record.getPartnerId()).put("sku", record.getSku())
                .put("totalQuantity", record.getTotalQuantity()).put("available", record.getAvailable());
        final ArrayNode locations = offer.putArray("locations");
        for (final LocationQuantity location : record.getLocations()) {
            locations.addObject().put("locationId", location.getLocationId()).put("quantity", location.getQuantity())
                    .put("updatedAt", location.getUpdatedAt().toEpochMilli())
                    .put("reservedQuantity", location.getReservedQuantity())
                    .put("sellableQuantity", location.getSellableQuantity());
        }
        final ArrayNode prices = offer.putArray("prices");
        for (final ChannelPrice price : record.getPrices()) {
            prices.addObject().put("channel", price.getChannel()).put("currency", price.getCurrency())
                    .put("regularPrice", price.getRegularPrice()).put("salePrice", price.getSalePrice())
                    .put("effectivePrice", price.getEffectivePrice()).put("lowestPrice30d", price.getLowestPrice30d())
                    .put("updatedAt", price.getUpdatedAt().toEpochMilli());
        }
        return offer.put("updatedAt", record.getUpdatedAt().toEpochMilli())
                .put("reservedQuantity", record.getReservedQuantity())
                .put("sellableQuantity", record.getSellableQuantity());
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
