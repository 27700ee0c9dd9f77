package dev.stockflow.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.bench.peer.PeerSnapshot;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a snapshot topic from start to end as a read_committed consumer does, and reduces it to what a
 * reader of the compacted topic sees: the last snapshot of each key, tombstoned keys gone. Stockflow
 * writes Avro in the registry wire format; the peer writes JSON with the same fields.
 */
final class SnapshotOutput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Duration POLL = Duration.ofMillis(500);

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
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (!reachedEnd(consumer, ends)) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    sink.accept(new String(record.key(), StandardCharsets.UTF_8), record.value());
                }
            }
        }
    }

    private static boolean reachedEnd(final KafkaConsumer<byte[], byte[]> consumer,
                                      final Map<TopicPartition, Long> ends) {
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private OfferSnapshot decode(final byte[] value, final Format format) {
        try {
            return format == Format.AVRO ? avro.decode(value) : fromPeer(JSON.readValue(value, PeerSnapshot.class));
        } catch (final UndecodableException e) {
            throw new IllegalStateException("a snapshot could not be decoded: " + e.getMessage(), e);
        } catch (final IOException e) {
            throw new UncheckedIOException("a peer snapshot is not valid JSON", e);
        }
    }

    private static OfferSnapshot fromPeer(final PeerSnapshot peer) {
        final List<LocationQuantity> locations = new ArrayList<>();
        for (final PeerSnapshot.Location location : peer.locations) {
            locations.add(new LocationQuantity(location.locationId, location.quantity,
                    Instant.ofEpochMilli(location.updatedAt)));
        }
        final List<ChannelPrice> prices = new ArrayList<>();
        for (final PeerSnapshot.Price price : peer.prices) {
            prices.add(new ChannelPrice(price.channel, price.currency, price.regularPrice, price.salePrice,
                    price.effectivePrice, price.lowestPrice30d, Instant.ofEpochMilli(price.updatedAt)));
        }
        return new OfferSnapshot(peer.partnerId, peer.sku, peer.totalQuantity, peer.available, locations, prices,
                Instant.ofEpochMilli(peer.updatedAt));
    }
}
