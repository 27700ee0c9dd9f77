package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StockflowProcessorIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Instant T0 = Instant.now().minus(Duration.ofDays(1));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldPublishSnapshotsAnswerLookupsAndDeadLetterBadInput() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of())) {
            // When
            topics.send(new StockUpdate("e1", "brand-1", "SKU-1", "berlin", 5, T0));
            topics.send(new StockUpdate("e1", "brand-1", "SKU-1", "berlin", 5, T0));
            topics.send(new StockUpdate("e2", "brand-1", "SKU-1", "hamburg", 2, T0.plusSeconds(1)));
            topics.send(new PriceUpdate("p1", "brand-1", "SKU-1", "zalando-de", "EUR", 1999L, 1499L, T0));
            topics.send(new StockUpdate("e3", "brand-1", "SKU-2", "berlin", 1, T0));
            topics.send(new OfferDelisted("d1", "brand-1", "SKU-2", T0.plusSeconds(5)));
            topics.sendRaw(topics.stockTopic(), "brand-1:SKU-3".getBytes(StandardCharsets.UTF_8), new byte[] {9, 9});

            // Then: the compacted topic, read_committed and decoded through the registry
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                final Map<String, OfferSnapshot> latest = topics.latestSnapshots();
                assertThat(latest).containsOnlyKeys("brand-1:SKU-1");
                assertThat(latest.get("brand-1:SKU-1").getTotalQuantity()).isEqualTo(7);
                assertThat(latest.get("brand-1:SKU-1").getPrices()).hasSize(1);
            });
            final List<ConsumerRecord<byte[], byte[]>> letters = topics.deadLetters(1);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).key()).isEqualTo("brand-1:SKU-3".getBytes(StandardCharsets.UTF_8));
            assertThat(letters.get(0).value()).isEqualTo(new byte[] {9, 9});
            assertThat(header(letters.get(0), DeadLetterHeaders.CODE)).isEqualTo("undecodable");
            assertThat(header(letters.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.stockTopic());

            // And the HTTP API
            final HttpResponse<String> offer = instance.get("/offers/brand-1/SKU-1");
            assertThat(offer.statusCode()).isEqualTo(200);
            final JsonNode body = json.readTree(offer.body());
            assertThat(body.get("totalQuantity").asLong()).isEqualTo(7);
            assertThat(body.get("prices").get(0).get("effectivePrice").asLong()).isEqualTo(1499);
            assertThat(instance.get("/offers/brand-1/SKU-2").statusCode()).isEqualTo(404);
            assertThat(instance.get("/offers/brand-1/unknown").statusCode()).isEqualTo(404);
            assertThat(instance.get("/offers/bad%20partner/SKU-1").statusCode()).isEqualTo(400);
            assertThat(instance.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(instance.get("/health/ready").statusCode()).isEqualTo(200);

            // And exact counters
            final String metrics = instance.get("/metrics").body();
            final String stock = topics.stockTopic();
            assertThat(metrics)
                    .contains(counter("stockflow_events_total{outcome=\"changed\",topic=\"" + stock + "\"}", 3))
                    .contains(counter("stockflow_events_total{outcome=\"duplicate\",topic=\"" + stock + "\"}", 1))
                    .contains(counter("stockflow_events_total{outcome=\"invalid\",topic=\"" + stock + "\"}", 1))
                    .contains(counter("stockflow_events_total{outcome=\"changed\",topic=\"" + topics.priceTopic()
                            + "\"}", 1))
                    .contains(counter("stockflow_events_total{outcome=\"changed\",topic=\""
                            + topics.delistingTopic() + "\"}", 1))
                    .contains(counter("stockflow_snapshots_total", 4))
                    .contains(counter("stockflow_tombstones_total", 1))
                    .contains(counter("stockflow_dlq_total{code=\"undecodable\"}", 1));
        }
    }

    @Test
    void shouldAnswerLookupsForKeysOwnedByTheOtherInstance() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 4);
             StockflowInstance first = StockflowInstance.start(topics, Map.of());
             StockflowInstance second = StockflowInstance.start(topics, Map.of())) {
            // Given: both instances own tasks
            await().atMost(Duration.ofSeconds(60)).until(() -> ownsTasks(first) && ownsTasks(second));
            for (int i = 0; i < 12; i++) {
                topics.send(new StockUpdate("e" + i, "brand-1", "SKU-" + i, "berlin", i + 1, T0));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> topics.latestSnapshots().size() == 12);

            final long ownedByFirst = java.util.stream.IntStream.range(0, 12)
                    .filter(i -> ownerPort(first, "brand-1:SKU-" + i) == first.port()).count();
            assertThat(ownedByFirst).as("keys owned by the first instance").isBetween(1L, 11L);

            // When / Then: each instance answers every key, including the other's
            for (int i = 0; i < 12; i++) {
                for (final StockflowInstance instance : List.of(first, second)) {
                    final HttpResponse<String> response = instance.get("/offers/brand-1/SKU-" + i);
                    assertThat(response.statusCode()).as("SKU-%d via port %d", i, instance.port()).isEqualTo(200);
                    assertThat(json.readTree(response.body()).get("totalQuantity").asLong()).isEqualTo(i + 1);
                }
            }
        }
    }

    private static int ownerPort(final StockflowInstance instance, final String key) {
        return instance.streams().queryMetadataForKey(dev.stockflow.topology.OfferTopology.STORE_NAME,
                org.apache.kafka.common.utils.Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)),
                org.apache.kafka.common.serialization.Serdes.Bytes().serializer()).activeHost().port();
    }

    private static boolean ownsTasks(final StockflowInstance instance) {
        return instance.streams().metadataForLocalThreads().stream()
                .anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static String counter(final String series, final double value) {
        return series + " " + value;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
