package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link DurableCommits} reaches into: the write options of Kafka's RocksDB store. If a Kafka upgrade
 * renames or removes them, the log stays off and these tests fail (the crash test would only restore more).
 */
class DurableCommitsTest {

    private static final String STORE = "offers";

    @Test
    void shouldSwitchOnTheWriteAheadLogWithTransactionalStateStores() throws Exception {
        // When
        final boolean on = writeAheadLogOn(Stores.persistentKeyValueStore(STORE), true);

        // Then
        assertThat(on).isTrue();
    }

    @Test
    void shouldLeaveTheWriteAheadLogOffByDefault() throws Exception {
        // When: transactional state stores are off (the default)
        final boolean on = writeAheadLogOn(Stores.persistentKeyValueStore(STORE), false);

        // Then: Kafka's RocksDB store is as Kafka configures it
        assertThat(on).isFalse();
    }

    @Test
    void shouldLeaveInMemoryStoresAlone() throws Exception {
        // When
        final boolean on = writeAheadLogOn(Stores.inMemoryKeyValueStore(STORE), true);

        // Then
        assertThat(on).isFalse();
    }

    private static boolean writeAheadLogOn(final KeyValueBytesStoreSupplier supplier, final boolean transactional)
            throws ReflectiveOperationException {
        final Topology topology = new Topology();
        topology.addSource("stock", new BytesDeserializer(), new IntegerDeserializer(), "stock");
        final AtomicReference<OfferStore> held = new AtomicReference<>();
        topology.addProcessor("apply", () -> new Holder(held), "stock");
        topology.addStateStore(new OfferStoreBuilder(supplier, 1024), "apply");
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "durable-commits");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, transactional);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state", UUID.randomUUID().toString())
                .toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            return DurableCommits.isOn(held.get().inner());
        }
    }

    /** A processor that only hands out its store. */
    private record Holder(AtomicReference<OfferStore> held) implements Processor<Object, Object, Void, Void> {

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            held.set(context.getStateStore(STORE));
        }

        @Override
        public void process(final Record<Object, Object> record) {
            // the store is what is tested
        }
    }
}
