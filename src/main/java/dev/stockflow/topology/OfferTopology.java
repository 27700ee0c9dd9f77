package dev.stockflow.topology;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.Input;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SnapshotEncoder;
import dev.stockflow.state.OfferStoreBuilder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires Stockflow's processing (and nothing else): each input topic is decoded and checked by its own
 * node, valid events meet in one processor that owns the offer store, and the results go to the
 * snapshot topic or, for bad input, to the dead-letter topic.
 *
 * <pre>
 *   stock-updates-source    -> validate-stock-updates    --\
 *   price-updates-source    -> validate-price-updates    ---+-> apply-to-offer [offer-state] -> offer-snapshots-sink
 *   offer-delistings-source -> validate-offer-delistings ---+
 *   order-events-source     -> validate-order-events     --/
 *                    (each validate node)                  -> dead-letters-sink
 * </pre>
 *
 * One source and one validate node per {@link Input}, named after its topic (the default names are shown).
 * All inputs are co-partitioned, so every event of an offer reaches the one task that holds its state.
 *
 * Keys stay raw bytes from source to sink: the offer key is plain UTF-8 on every topic, so it is never
 * re-encoded. Values are read as bytes so that a bad record reaches the dead-letter topic unchanged, and
 * snapshots are written as wire-format bytes by {@link SnapshotEncoder}.
 */
public final class OfferTopology {

    public static final String STORE_NAME = "offer-state";
    static final String APPLY_NODE = "apply-to-offer";
    static final String SNAPSHOT_SINK = "offer-snapshots-sink";
    static final String DLQ_SINK = "dead-letters-sink";

    private OfferTopology() {
    }

    /** Builds the topology; side-effect free apart from what the registry client does lazily at run time. */
    public static Topology build(final TopologySettings settings, final SchemaRegistryClient registry,
                                 final ProcessingListener listener) {
        final Topology topology = new Topology();
        for (final Input input : Input.values()) {
            addInput(topology, settings, InputFormat.of(input, registry), listener);
        }
        final String[] validateNodes = validateNodes(settings);

        final SnapshotEncoder snapshots = new SnapshotEncoder(snapshotFormat(registry, settings),
                settings.snapshotSubject());
        topology.addProcessor(APPLY_NODE, () -> new OfferProcessor(settings, snapshots, listener), validateNodes);
        topology.addStateStore(new OfferStoreBuilder(Stores.persistentKeyValueStore(STORE_NAME),
                settings.offerCacheBytes()), APPLY_NODE);

        topology.addSink(SNAPSHOT_SINK, settings.snapshotTopic(), new BytesSerializer(), new ByteArraySerializer(),
                APPLY_NODE);
        topology.addSink(DLQ_SINK, settings.dlqTopic(), new BytesSerializer(), new ByteArraySerializer(),
                validateNodes);
        return topology;
    }

    private static void addInput(final Topology topology, final TopologySettings settings,
                                 final InputFormat<?> format, final ProcessingListener listener) {
        final String topic = settings.topicOf(format.input());
        final String source = topic + "-source";
        // A new application reads its inputs from the beginning: every event counts.
        topology.addSource(AutoOffsetReset.earliest(), source,
                new BoundedTimestampExtractor(settings.maxFutureSkewMs()),
                new BytesDeserializer(), new ByteArrayDeserializer(), topic);
        topology.addProcessor(validateNode(format.input(), settings),
                () -> new InputValidationProcessor<>(format, settings.maxFutureSkewMs(), listener), source);
    }

    private static String validateNode(final Input input, final TopologySettings settings) {
        return "validate-" + settings.topicOf(input);
    }

    /** The validate node of every input, in {@link Input} order. */
    private static String[] validateNodes(final TopologySettings settings) {
        final Input[] inputs = Input.values();
        final String[] nodes = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nodes[i] = validateNode(inputs[i], settings);
        }
        return nodes;
    }

    /** The wire format of snapshots; {@link AvroWireFormat#schemaId} resolves (or registers) its schema. */
    public static AvroWireFormat<OfferSnapshot> snapshotFormat(final SchemaRegistryClient registry,
                                                               final TopologySettings settings) {
        return new AvroWireFormat<>(registry, OfferSnapshot.getClassSchema(), settings.registerSnapshotSchema());
    }
}
