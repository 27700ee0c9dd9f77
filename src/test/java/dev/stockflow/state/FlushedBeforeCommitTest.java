package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the Kafka Streams behaviour {@link FlushedBeforeCommit} relies on: under exactly-once, a task flushes
 * the caches of its stores before it commits, so the offers changed by the records of a commit reach the
 * changelog in that same commit. The store writes to its changelog only when flushed (its own
 * {@code commit} runs after the transaction under exactly-once), so if a Kafka upgrade stops calling the
 * flush before committing, the changelog stays empty here and this test fails.
 */
class FlushedBeforeCommitTest {

    private static final String APPLICATION_ID = "flush-pin";
    private static final String STORE = "offers";
    private static final String CHANGELOG = APPLICATION_ID + "-" + STORE + "-changelog";
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestInputTopic<Bytes, Integer> quantities;
    private TestOutputTopic<Bytes, Integer> applied;
    private TestOutputTopic<Bytes, byte[]> changelog;

    @BeforeEach
    void start() {
        final Topology topology = new Topology();
        topology.addSource("quantities", new BytesDeserializer(), new IntegerDeserializer(), "quantities");
        topology.addProcessor("apply", StockWriter::new, "quantities");
        topology.addStateStore(new OfferStoreBuilder(Stores.persistentKeyValueStore(STORE), 1024 * 1024), "apply");
        topology.addSink("applied", "applied", new BytesSerializer(), new IntegerSerializer(), "apply");
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state", UUID.randomUUID().toString())
                .toString());
        driver = new TopologyTestDriver(topology, props);
        quantities = driver.createInputTopic("quantities", new BytesSerializer(), new IntegerSerializer());
        applied = driver.createOutputTopic("applied", new BytesDeserializer(), new IntegerDeserializer());
        changelog = driver.createOutputTopic(CHANGELOG, new BytesDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldWriteTheCachedOffersToTheChangelogInTheCommitOfTheirRecords() {
        // When: each record is processed and committed (the driver commits after every record)
        quantities.pipeInput(key("a:1"), 5, T0);
        quantities.pipeInput(key("a:2"), 7, T0 + 1);

        // Then: both commits carried the changed offers to the changelog along with their output
        assertThat(applied.readKeyValuesToList()).hasSize(2);
        final List<TestRecord<Bytes, byte[]>> logged = changelog.readRecordsToList();
        assertThat(logged).extracting(TestRecord::key).containsExactly(key("a:1"), key("a:2"));
        assertThat(logged).extracting(record -> quantityOf(record.value())).containsExactly(5, 7);
    }

    @Test
    void shouldLogTheStateOfEachCommit() {
        // When
        quantities.pipeInput(key("a:1"), 5, T0);
        quantities.pipeInput(key("a:1"), 6, T0 + 1);

        // Then: one write-back per commit, with the state of that commit
        assertThat(changelog.readRecordsToList()).extracting(record -> quantityOf(record.value()))
                .containsExactly(5, 6);
    }

    private static Bytes key(final String offerKey) {
        return Bytes.wrap(offerKey.getBytes(StandardCharsets.UTF_8));
    }

    private static int quantityOf(final byte[] stored) {
        return StoredOfferCodec.decode(stored).state().locations().get(0).quantity();
    }

    /** Applies each record as the stock at one location, through the store's read and write. */
    private static final class StockWriter implements Processor<Bytes, Integer, Bytes, Integer> {

        private ProcessorContext<Bytes, Integer> context;
        private OfferStore store;

        @Override
        public void init(final ProcessorContext<Bytes, Integer> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(final Record<Bytes, Integer> record) {
            final StoredOffer offer = store.read(record.key());
            offer.state().apply(new OfferEvent.StockChange("e" + record.timestamp(), "berlin", record.value(),
                    record.timestamp()), record.timestamp(), RuleSettings.DEFAULTS);
            store.write(record.key(), offer);
            context.forward(record);
        }
    }
}
