package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreProgressLog;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.restore.RestoreTracker;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.LogCapture;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import dev.stockflow.topology.OfferTopology;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restoration seen from outside, on a real broker: an instance that must rebuild its store from the changelog
 * answers not ready with its progress, exports it and logs it, then is ready with nothing left to restore.
 *
 * <p>To watch a restoration without racing it, the test holds it: a transaction of its own, left open on the
 * changelog between two halves of the data, keeps the restore consumer (read_committed) at that transaction's
 * first offset, below the end offset Kafka Streams restores to, until the test aborts it. The abort also leaves
 * an aborted record and its marker in the changelog, offsets that are never restored: what remains must still
 * come down to 0.
 */
class RestoreVisibilityIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1));
    /** Offers in each half of the changelog: one changelog record each. */
    private static final int OFFERS = 300;
    private static final int PARTITIONS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldShowTheRestorationWhileItRunsAndBeReadyWithNothingLeftAfterIt() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, PARTITIONS);
             KafkaProducer<byte[], byte[]> holder = transactionalProducer(topics)) {
            // Given: a changelog with the first half, the test's open transaction, then the second half
            final String changelog = topics.settings().get(StockflowConfig.APPLICATION_ID_CONFIG) + "-"
                    + OfferTopology.STORE_NAME + "-changelog";
            writeChangelogAroundAnOpenTransaction(topics, holder, changelog);

            try (LogCapture progressLog = LogCapture.of(RestoreProgressLog.class);
                 LogCapture partitionLog = LogCapture.of(RestoreTracker.class);
                 StockflowInstance restoring = StockflowInstance.launch(topics, Map.of())) {
                // When: a new instance, with a state directory of its own, restores up to the open transaction
                final JsonNode body = awaitHeldRestoration(restoring);

                // Then: not ready, and its answer says how far it is
                assertThat(body.get("status").asText()).isNotEqualTo("RUNNING");
                assertThat(body.at("/restoring/restoredRecords").asLong()).isEqualTo(OFFERS);
                assertThat(body.at("/restoring/remainingRecords").asLong()).isGreaterThanOrEqualTo(OFFERS);
                assertThat(body.at("/restoring/partitions")).hasSize(PARTITIONS).allSatisfy(partition -> {
                    assertThat(partition.get("store").asText()).isEqualTo(OfferTopology.STORE_NAME);
                    assertThat(partition.get("topicPartition").asText()).startsWith(changelog + "-");
                    assertThat(partition.get("remaining").asLong()).isPositive();
                });
                assertThat(body.at("/restoring").has("etaSeconds")).isTrue();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    assertThat(remainingGauge(restoring, changelog, partition)).isPositive();
                }
                assertThat(restoring.get("/offers/brand-1/SKU-0").statusCode()).as("a lookup while restoring")
                        .isEqualTo(503);
                await("a progress line").atMost(PATIENCE).untilAsserted(() -> assertThat(progressLog.messages())
                        .anyMatch(line -> line.startsWith("Restoring store offer-state: " + PARTITIONS + " of "
                                + PARTITIONS + " partition(s) restoring, " + OFFERS + " records restored")));
                assertThat(partitionLog.messages()).anyMatch(line -> line.startsWith(
                        "Restoring store offer-state from changelog partition " + changelog + "-0"));

                // When: the transaction is aborted, so the restore reads past it
                holder.abortTransaction();

                // Then: ready, all of both halves restored, nothing remaining
                await("ready").atMost(PATIENCE).untilAsserted(() -> {
                    final HttpResponse<String> ready = restoring.get("/health/ready");
                    assertThat(ready.statusCode()).isEqualTo(200);
                    assertThat(ready.body()).isEqualTo("{\"status\":\"RUNNING\"}");
                });
                final RestoreStatus status = restoring.restoreStatus();
                assertThat(status.restoring()).isFalse();
                assertThat(status.partitions()).hasSize(PARTITIONS)
                        .allSatisfy(partition -> assertThat(partition.remainingRecords()).isZero());
                assertThat(status.partitions().stream().mapToLong(PartitionProgress::restoredRecords).sum())
                        .as("the aborted records are not restored").isEqualTo(2L * OFFERS);
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    assertThat(remainingGauge(restoring, changelog, partition)).isZero();
                }
                assertThat(restoring.get("/metrics").body())
                        .contains("stockflow_restore_records_total " + 2.0 * OFFERS);
                assertThat(partitionLog.messages()).filteredOn(line -> line.startsWith("Restored store offer-state"))
                        .hasSize(PARTITIONS);
                final HttpResponse<String> lookup = restoring.get("/offers/brand-1/SKU-" + (2 * OFFERS - 1));
                assertThat(lookup.statusCode()).isEqualTo(200);
                assertThat(json.readTree(lookup.body()).get("totalQuantity").asLong()).isEqualTo(2 * OFFERS);
            }
        }
    }

    /**
     * A first instance processes the first half, the test opens a transaction on every changelog partition,
     * the instance processes the second half and stops.
     */
    private static void writeChangelogAroundAnOpenTransaction(final TestTopics topics,
                                                              final KafkaProducer<byte[], byte[]> holder,
                                                              final String changelog) throws Exception {
        try (StockflowInstance first = StockflowInstance.start(topics, Map.of())) {
            sendOffers(topics, 0, OFFERS);
            awaitSnapshots(topics, OFFERS);
            holder.initTransactions();
            holder.beginTransaction();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                holder.send(new ProducerRecord<>(changelog, partition, bytes("held"), bytes("never restored")));
            }
            holder.flush();
            sendOffers(topics, OFFERS, 2 * OFFERS);
            awaitSnapshots(topics, 2 * OFFERS);
            assertThat(first.restoreStatus().totalRestoredRecords()).as("an empty changelog restores nothing").isZero();
        }
    }

    /** Polls readiness until the restoration has taken the first half and waits at the open transaction. */
    private JsonNode awaitHeldRestoration(final StockflowInstance instance) {
        final AtomicReference<JsonNode> body = new AtomicReference<>();
        await("a held restoration").atMost(PATIENCE).untilAsserted(() -> {
            final HttpResponse<String> ready = instance.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            final JsonNode answer = json.readTree(ready.body());
            assertThat(answer.at("/restoring/restoredRecords").asLong()).isEqualTo(OFFERS);
            body.set(answer);
        });
        return body.get();
    }

    private static void sendOffers(final TestTopics topics, final int from, final int to) {
        for (int i = from; i < to; i++) {
            topics.send(new StockUpdate("e" + i, "brand-1", "SKU-" + i, "berlin", i + 1, T0));
        }
    }

    private static void awaitSnapshots(final TestTopics topics, final int offers) {
        await("snapshots of " + offers + " offers").atMost(PATIENCE)
                .until(() -> topics.latestSnapshots().size() == offers);
    }

    private static double remainingGauge(final StockflowInstance instance, final String changelog,
                                         final int partition) throws Exception {
        final String series = "stockflow_restore_remaining_records{partition=\"" + partition
                + "\",store=\"offer-state\",topic=\"" + changelog + "\"} ";
        final Matcher value = Pattern.compile("^" + Pattern.quote(series) + "(\\S+)$", Pattern.MULTILINE)
                .matcher(instance.get("/metrics").body());
        assertThat(value.find()).as(series + "in /metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(final TestTopics topics) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "-holder",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(5).toMillis()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
