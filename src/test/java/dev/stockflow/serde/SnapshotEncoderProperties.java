package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotMapper;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.OfferEventArbitraries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written snapshot bytes are exactly Avro's writing of the snapshot record, for any state. */
class SnapshotEncoderProperties {

    private static final RuleSettings RULES = new RuleSettings(10, 1_000_000);
    private static final String SUBJECT = "offer-snapshots-value";

    private final AvroWireFormat<OfferSnapshot> format = new AvroWireFormat<>(
            InMemorySchemaRegistry.forScope("snapshot-encoder"), OfferSnapshot.getClassSchema(), true);
    private final SnapshotEncoder encoder = new SnapshotEncoder(format, SUBJECT, RULES);

    @Provide
    Arbitrary<List<KeyedEvent>> eventSets() {
        return OfferEventArbitraries.eventSets();
    }

    @Property(tries = 500)
    void shouldWriteTheSameBytesAsAvroForEveryListedState(@ForAll("eventSets") final List<KeyedEvent> events) {
        // Given: the states these events lead to
        final Map<String, OfferState> states = new HashMap<>();
        long streamTime = 0;
        for (final KeyedEvent keyed : events) {
            streamTime = Math.max(streamTime, keyed.event().occurredAt());
            states.computeIfAbsent(keyed.offerKey(), ignored -> new OfferState())
                    .apply(keyed.event(), streamTime, RULES);
        }

        states.forEach((offerKey, state) -> {
            if (state.isListed()) {
                // When
                final byte[] written = encoder.encode(offerKey, state);

                // Then
                assertThat(written).isEqualTo(format.encode(SUBJECT, SnapshotMapper.toSnapshot(offerKey, state, RULES)));
            }
        });
    }
}
