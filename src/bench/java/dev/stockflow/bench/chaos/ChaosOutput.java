package dev.stockflow.bench.chaos;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.bench.ProcessorView;
import dev.stockflow.bench.TopicScan;
import dev.stockflow.offer.Input;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.MergeExplainer;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import dev.stockflow.serde.WireFormatSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the run left on the broker, read back as a {@code read_committed} consumer reads it: every input
 * record per offer and input partition in log order (what Stockflow was given, producer retries and
 * redeliveries included), every snapshot-topic record per offer in order, and the dead letters.
 *
 * @param inputs       per offer key, its events per input, in the order of {@link Input}: stock, price,
 *                     delisting, order
 * @param snapshots    per offer key, the records of the snapshot topic (tombstones have no snapshot)
 * @param inputRecords input records per topic
 * @param rejected     input records the processor must dead-letter (the workload has none)
 * @param deadLetters  records on the dead-letter topic
 */
record ChaosOutput(Map<String, List<List<MergeExplainer.Arrival>>> inputs, Map<String, List<Emission>> snapshots,
                   Map<Input, Long> inputRecords, long rejected, long deadLetters) {

    static ChaosOutput read(final String bootstrapServers, final SchemaRegistryClient registry) {
        final Map<String, List<List<MergeExplainer.Arrival>>> inputs = new HashMap<>();
        final Map<Input, Long> counts = new EnumMap<>(Input.class);
        final long[] rejected = new long[1];
        for (final Input input : Input.values()) {
            final AvroWireFormat<? extends SpecificRecord> format =
                    WireFormatSerde.wireFormat(input.recordType().type(), registry, false);
            TopicScan.readCommitted(bootstrapServers, input.defaultTopic(), record -> {
                counts.merge(input, 1L, Long::sum);
                final KeyedEvent event = ProcessorView.of(key(record), decode(format, record.value()));
                if (event == null) {
                    rejected[0]++;
                    return;
                }
                inputs.computeIfAbsent(event.offerKey(), key -> perInput(ArrayList::new)).get(input.ordinal())
                        .add(new MergeExplainer.Arrival(event, record.timestamp()));
            });
        }
        return new ChaosOutput(inputs, snapshots(bootstrapServers, registry), counts, rejected[0],
                count(bootstrapServers, ChaosLab.DLQ_TOPIC));
    }

    /** One list per input, in the order of {@link Input}. */
    static List<List<MergeExplainer.Arrival>> perInput(final Supplier<List<MergeExplainer.Arrival>> list) {
        return Stream.generate(list).limit(Input.values().length).toList();
    }

    private static Map<String, List<Emission>> snapshots(final String bootstrapServers,
                                                         final SchemaRegistryClient registry) {
        final AvroWireFormat<OfferSnapshot> format = new AvroWireFormat<>(registry, OfferSnapshot.getClassSchema(),
                false);
        final Map<String, List<Emission>> snapshots = new HashMap<>();
        TopicScan.readCommitted(bootstrapServers, ChaosLab.SNAPSHOT_TOPIC, record -> {
            final String key = key(record);
            final OfferSnapshot snapshot = record.value() == null ? null : decode(format, record.value());
            snapshots.computeIfAbsent(key, k -> new ArrayList<>()).add(new Emission(key, snapshot));
        });
        return snapshots;
    }

    private static long count(final String bootstrapServers, final String topic) {
        final long[] count = new long[1];
        TopicScan.readCommitted(bootstrapServers, topic, record -> count[0]++);
        return count[0];
    }

    private static String key(final ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static <T extends SpecificRecord> T decode(final AvroWireFormat<T> format, final byte[] value) {
        try {
            return format.decode(value);
        } catch (final UndecodableException e) {
            throw new IllegalStateException("a record the chaos run wrote cannot be decoded: " + e.getMessage(), e);
        }
    }

    long inputTotal() {
        return inputRecords.values().stream().mapToLong(Long::longValue).sum();
    }
}
