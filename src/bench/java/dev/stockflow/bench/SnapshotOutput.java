package dev.stockflow.bench;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Reads a snapshot topic from start to end as a read_committed consumer does, and reduces it to what a
 * reader of the compacted topic sees: the last snapshot of each key, tombstoned keys gone. Stockflow
 * writes Avro in the registry wire format; the peer writes JSON with the same fields.
 */
final class SnapshotOutput {

    /** The format of a snapshot topic's values. */
    enum Format { AVRO, JSON }


    private final String bootstrapServers;
    private final AvroWireFormat<OfferSnapshot> avro;

    SnapshotOutput(final String bootstrapServers, final SchemaRegistryClient registry) {
        this.bootstrapServers = bootstrapServers;
        this.avro = new AvroWireFormat<>(registry, OfferSnapshot.getClassSchema(), false);
    }

    /** The last snapshot of each offer that has one. */
    Map<String, SnapshotDigest> read(final String topic, final Format format) {
        final Map<String, SnapshotDigest> digests = new HashMap<>();
        scan(topic, (key, value) -> {
            if (value == null) {
                digests.remove(key);
            } else {
                digests.put(key, SnapshotDigest.of(decode(value, format)));
            }
        });
        return digests;
    }

    /** The full text of the final snapshots of a few keys, for a mismatch report. */
    Map<String, String> describe(final String topic, final Format format, final Set<String> keys) {
        final Map<String, String> described = new TreeMap<>();
        keys.forEach(key -> described.put(key, "(no snapshot)"));
        scan(topic, (key, value) -> {
            if (keys.contains(key)) {
                described.put(key, value == null ? "(no snapshot)" : SnapshotDigest.describe(decode(value, format)));
            }
        });
        return described;
    }

    /** How many records the topic holds (for the passthrough's copy). */
    long count(final String topic) {
        final long[] count = new long[1];
        scan(topic, (key, value) -> count[0]++);
        return count[0];
    }

    private void scan(final String topic, final BiConsumer<String, byte[]> sink) {
        TopicScan.readCommitted(bootstrapServers, topic,
                record -> sink.accept(new String(record.key(), StandardCharsets.UTF_8), record.value()));
    }

    private OfferSnapshot decode(final byte[] value, final Format format) {
        try {
            return format == Format.AVRO ? avro.decode(value) : JsonSnapshots.read(value);
        } catch (final UndecodableException e) {
            throw new IllegalStateException("a snapshot could not be decoded: " + e.getMessage(), e);
        }
    }
}
