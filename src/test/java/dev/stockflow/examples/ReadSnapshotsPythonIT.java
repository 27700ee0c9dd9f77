package dev.stockflow.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryServer;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/examples/read_snapshots.py, the Python reader of offer-snapshots, run as a catalog team would run it:
 * Debian's python3 with python3-confluent-kafka and python3-avro (.ci/run installs them), against a real
 * broker and Stockflow's registry served over HTTP as the demo serves it. It must see the offers the lookup
 * API answers, and none that is delisted.
 */
class ReadSnapshotsPythonIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Path SCRIPT = Path.of("docs", "examples", "read_snapshots.py");
    /** Debian's interpreter, which the Debian packages install into (not another python3 on the PATH). */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldReadTheSameOffersAsTheLookupApi() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 3);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of());
             SchemaRegistryServer registry = new SchemaRegistryServer(
                     InMemorySchemaRegistry.forScope(topics.prefix()), 0)) {
            // Given: two offers, one of them with a price, and a third delisted after its stock
            topics.send(new StockUpdate("e1", "brand-1", "SKU-1", "berlin", 5, T0));
            topics.send(new StockUpdate("e2", "brand-1", "SKU-1", "hamburg", 2, T0.plusSeconds(1)));
            topics.send(new PriceUpdate("p1", "brand-1", "SKU-1", "zalando-de", "EUR", 1999L, 1499L, T0));
            topics.send(new StockUpdate("e3", "brand-2", "BOOTS/44", "berlin", 1, T0));
            topics.send(new StockUpdate("e4", "brand-2", "GONE-1", "berlin", 3, T0));
            topics.send(new OfferDelisted("d1", "brand-2", "GONE-1", T0.plusSeconds(5)));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> topics.latestSnapshots().keySet(),
                            keys -> keys.equals(Set.of("brand-1:SKU-1", "brand-2:BOOTS/44")));

            // When
            final JsonNode offers = json.readTree(runScript(KAFKA.bootstrapServers(), registry.url(),
                    topics.snapshotTopic()));

            // Then: the same offers, field for field, as the lookup API's JSON
            final List<String> keys = new ArrayList<>();
            offers.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("brand-1:SKU-1", "brand-2:BOOTS/44");
            assertThat(offers.get("brand-1:SKU-1")).isEqualTo(lookup(instance, "/offers/brand-1/SKU-1"));
            assertThat(offers.get("brand-2:BOOTS/44")).isEqualTo(lookup(instance, "/offers/brand-2/BOOTS%2F44"));
            assertThat(offers.at("/brand-1:SKU-1/totalQuantity").asLong()).isEqualTo(7);
        }
    }

    private JsonNode lookup(final StockflowInstance instance, final String path) throws Exception {
        return json.readTree(instance.get(path).body());
    }

    private static String runScript(final String bootstrapServers, final String registryUrl, final String topic)
            throws IOException, InterruptedException {
        final Process python = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--bootstrap-servers", bootstrapServers,
                "--schema-registry-url", registryUrl, "--topic", topic).redirectErrorStream(false).start();
        python.getOutputStream().close();
        final byte[] stdout = python.getInputStream().readAllBytes();
        final String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("the script ended").isTrue();
        assertThat(python.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
