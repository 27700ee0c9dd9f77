package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.TestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kill -9 under exactly-once with transactional state stores: the restarted instance keeps what the offer
 * store had committed and restores only the records after its last commit, not its whole changelog.
 *
 * <p>The crash is real: the application runs in a child JVM ({@link OfferStoreCrashApp}) that is killed with
 * SIGKILL, so nothing is closed or flushed; the restart runs in the test JVM on the same state directory.
 */
class OfferStoreCrashRecoveryIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final int OFFERS = 300;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String prefix = "crash" + UUID.randomUUID().toString().substring(0, 8);
    private final String input = prefix + "-stock";
    private final String applicationId = prefix + "-app";
    private KafkaProducer<Bytes, Integer> producer;
    private Process child;
    private KafkaStreams restarted;

    @BeforeEach
    void createInput() throws Exception {
        KAFKA.createTopic(input, 1, Map.of());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new BytesSerializer(), new IntegerSerializer());
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (restarted != null) {
            restarted.close(Duration.ofSeconds(30));
        }
        producer.close();
    }

    @Test
    void shouldRestoreOnlyTheRecordsAfterTheLastCommitWhenRestartedAfterAKill() throws Exception {
        // Given: an instance that processed and committed every offer, then one more record, and was killed
        final Path stateDir = Files.createDirectories(Path.of("target", "it-state", prefix));
        child = startChild(stateDir);
        sendOffers(0, OFFERS);
        awaitCommitted(OFFERS);
        sendOffers(OFFERS, 1); // its commit follows the store commit of every earlier one
        awaitCommitted(OFFERS + 1);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // When: it restarts on the same state directory
        final AtomicLong restored = new AtomicLong();
        restarted = new KafkaStreams(OfferStoreCrashApp.topology(input),
                OfferStoreCrashApp.config(KAFKA.bootstrapServers(), applicationId, stateDir.toString()));
        restarted.setGlobalStateRestoreListener(new CountingListener(restored));
        restarted.start();

        // Then: every offer is there, and at most the record after the last store commit was restored
        final ReadableOfferStore offers = await("all offers queryable").atMost(PATIENCE).ignoreExceptions()
                .until(() -> restarted.store(StoreQueryParameters.fromNameAndType(OfferStoreCrashApp.STORE,
                        OfferStoreType.INSTANCE)), store -> store.offer(key(OFFERS)) != null);
        for (int i = 0; i <= OFFERS; i++) {
            assertThat(offers.offer(key(i))).as("offer %d", i).isNotNull();
        }
        assertThat(restored.get()).as("changelog records restored of " + (OFFERS + 1)).isLessThanOrEqualTo(1);
    }

    private Process startChild(final Path stateDir) throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OfferStoreCrashApp.class.getName(), KAFKA.bootstrapServers(), applicationId, stateDir.toString(), input)
                .redirectErrorStream(true).redirectOutput(stateDir.resolveSibling(prefix + "-child.log").toFile())
                .start();
    }

    private void sendOffers(final int from, final int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            producer.send(new ProducerRecord<>(input, key(i), i));
        }
        producer.flush();
    }

    /** Waits until the application has committed its input up to {@code offset}, child alive all along. */
    private void awaitCommitted(final long offset) {
        try (Admin admin = TestClients.admin(KAFKA.bootstrapServers())) {
            await("input committed up to " + offset).atMost(PATIENCE).ignoreExceptions().until(() -> {
                assertThat(child.isAlive()).as("child alive").isTrue();
                final OffsetAndMetadata committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get().get(new TopicPartition(input, 0));
                return committed != null && committed.offset() >= offset;
            });
        }
    }

    private static Bytes key(final int offer) {
        return Bytes.wrap(("o:" + offer).getBytes(StandardCharsets.UTF_8));
    }

    /** Counts the changelog records restored. */
    private record CountingListener(AtomicLong restored) implements StateRestoreListener {

        @Override
        public void onRestoreStart(final TopicPartition partition, final String store, final long start,
                                   final long end) {
            // counted per batch
        }

        @Override
        public void onBatchRestored(final TopicPartition partition, final String store, final long batchEnd,
                                    final long count) {
            restored.addAndGet(count);
        }

        @Override
        public void onRestoreEnd(final TopicPartition partition, final String store, final long total) {
            // counted per batch
        }
    }
}
