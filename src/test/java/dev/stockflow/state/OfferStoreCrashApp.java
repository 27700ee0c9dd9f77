package dev.stockflow.state;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * A minimal application around one {@link OfferStore} (RocksDB underneath) under exactly-once with transactional
 * state stores: each record sets the stock of its offer. {@code OfferStoreCrashRecoveryIT} runs it in a child JVM
 * that it kills, then restarts it in the test JVM on the same state directory.
 */
final class OfferStoreCrashApp {

    static final String STORE = "offers";

    private OfferStoreCrashApp() {
    }

    /** Arguments: bootstrap servers, application id, state directory, input topic. Runs until killed. */
    public static void main(final String[] args) throws InterruptedException {
        final KafkaStreams streams = new KafkaStreams(topology(args[3]), config(args[0], args[1], args[2]));
        streams.start();
        new CountDownLatch(1).await();
    }

    static Topology topology(final String input) {
        final Topology topology = new Topology();
        topology.addSource("stock", new BytesDeserializer(), new IntegerDeserializer(), input);
        topology.addProcessor("apply", StockWriter::new, "stock");
        topology.addStateStore(new OfferStoreBuilder(Stores.persistentKeyValueStore(STORE), 1024 * 1024), "apply");
        return topology;
    }

    static Properties config(final String bootstrapServers, final String applicationId, final String stateDir) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return props;
    }

    /** Sets the stock of the record's offer at one location, through the store's read and write. */
    private static final class StockWriter implements Processor<Bytes, Integer, Void, Void> {

        private OfferStore store;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<Bytes, Integer> record) {
            final StoredOffer offer = store.read(record.key());
            offer.state().apply(new OfferEvent.StockChange("e" + record.timestamp(), "berlin", record.value(),
                    record.timestamp()), record.timestamp(), RuleSettings.DEFAULTS);
            store.write(record.key(), offer);
        }
    }
}
