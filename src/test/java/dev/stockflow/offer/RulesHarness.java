package dev.stockflow.offer;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.Step;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.state.StoredOfferCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives the real offer rules exactly as the processor does, without Kafka: per record it decodes the
 * stored offer (or starts a new one), applies the event at the current stream time, writes the state
 * back through {@link StoredOfferCodec} (or deletes it when empty) and emits a snapshot or tombstone.
 *
 * <p>Every record therefore crosses a full encode/decode round trip, as it would through the state
 * store and its changelog. Stream time is the greatest occurredAt delivered so far, this record
 * included (the processor sets record timestamps to occurredAt). Input offsets count per input topic.
 */
public final class RulesHarness {

    private final RuleSettings settings;
    private final Map<String, byte[]> store = new HashMap<>();
    private final List<Emission> emissions = new ArrayList<>();
    private final Map<String, OfferSnapshot> compactedTopic = new TreeMap<>();
    private final long[] nextOffsets = new long[Input.values().length];
    private long streamTime = Long.MIN_VALUE;

    public RulesHarness(final RuleSettings settings) {
        this.settings = settings;
    }

    /** Processes one input record and reports its outcome and emission. */
    public Step deliver(final KeyedEvent record) {
        final String key = record.offerKey();
        final OfferEvent event = record.event();
        streamTime = Math.max(streamTime, event.occurredAt());
        final Input input = event.input();
        final long offset = nextOffsets[input.ordinal()]++;

        final byte[] bytes = store.get(key);
        final StoredOffer stored = bytes == null ? new StoredOffer() : StoredOfferCodec.decode(bytes);
        final Applied applied = stored.state().apply(event, streamTime, settings);
        if (applied.stateChanged()) {
            stored.markApplied(input, offset);
            if (stored.state().isEmpty()) {
                store.remove(key);
            } else {
                store.put(key, StoredOfferCodec.encode(stored));
            }
        }
        final Emission emission = emissionOf(key, stored.state(), applied.emission());
        if (emission != null) {
            emissions.add(emission);
            if (emission.isTombstone()) {
                compactedTopic.remove(key);
            } else {
                compactedTopic.put(key, emission.snapshot());
            }
        }
        return new Step(applied.outcome(), emission);
    }

    /** Every record written to the snapshot topic so far, in order. */
    public List<Emission> emissions() {
        return Collections.unmodifiableList(emissions);
    }

    /** What a reader of the compacted snapshot topic sees: the last snapshot per key, tombstoned keys gone. */
    public Map<String, OfferSnapshot> compactedTopic() {
        return Collections.unmodifiableMap(compactedTopic);
    }

    /** The snapshot of every listed offer, rebuilt from the stored bytes. */
    public Map<String, OfferSnapshot> storedSnapshots() {
        final Map<String, OfferSnapshot> result = new TreeMap<>();
        store.forEach((key, bytes) -> {
            final OfferState state = StoredOfferCodec.decode(bytes).state();
            if (state.isListed()) {
                result.put(key, SnapshotRecords.of(key, state, settings));
            }
        });
        return result;
    }

    /** The stored bytes of an offer, or null when the store holds nothing for it. */
    public byte[] storedBytes(final String key) {
        final byte[] bytes = store.get(key);
        return bytes == null ? null : bytes.clone();
    }

    private Emission emissionOf(final String key, final OfferState state, final Applied.Emission emission) {
        return switch (emission) {
            case SNAPSHOT -> new Emission(key, SnapshotRecords.of(key, state, settings));
            case TOMBSTONE -> Emission.tombstone(key);
            case NONE -> null;
        };
    }
}
