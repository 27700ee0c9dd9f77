package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stockflow command against a real broker: feeding files, and the errors a user meets first. */
class CommandLineIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void shouldFeedGoodLinesReportBadOnesAndLetTheProcessorSnapshotThem() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given
            final Path feed = Files.writeString(dir.resolve("partner.jsonl"), String.join("\n",
                    "{\"type\":\"stock\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"locationId\":\"berlin\",\"quantity\":4,"
                            + "\"occurredAt\":\"2026-01-05T10:00:00Z\"}",
                    "{\"type\":\"stock\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"locationId\":\"berlin\",\"quantity\":-1,"
                            + "\"occurredAt\":\"2026-01-05T11:00:00Z\"}",
                    "not json",
                    "{\"type\":\"price\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"channel\":\"zalando-de\","
                            + "\"currency\":\"EUR\",\"regularPrice\":1999,\"occurredAt\":1767607200000}",
                    "{\"type\":\"stock\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"locationId\":\"berlin\",\"quantity\":4,"
                            + "\"occurredAt\":\"2026-01-05T10:00:00Z\"}"));
            final Path csv = Files.writeString(dir.resolve("store.csv"),
                    "partnerId,sku,locationId,quantity,occurredAt\nacme,A-1,store-1,2,2026-01-05T12:00:00Z\n");

            // When
            final int code = Stockflow.execute("feed", "--config", configFile(topics).toString(), feed.toString(),
                    csv.toString());

            // Then: the bad lines are named, the good ones produced, the exit code says something was bad
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertThat(console.err()).contains(feed + ":2: ").contains("quantity")
                    .contains(feed + ":3: ");
            assertThat(console.out()).contains("Produced 4 records");
            try (StockflowInstance ignored = StockflowInstance.start(topics, Map.of())) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    final OfferSnapshot snapshot = topics.latestSnapshots().get("acme:A-1");
                    assertThat(snapshot).isNotNull();
                    assertThat(snapshot.getTotalQuantity()).isEqualTo(6);
                    assertThat(snapshot.getPrices()).hasSize(1);
                });
            }
        }
    }

    @Test
    void shouldRefuseAFeedFileOfUnknownFormat() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given
            final Path feed = Files.writeString(dir.resolve("partner.xml"), "<stock/>");

            // When
            final int code = Stockflow.execute("feed", "--config", configFile(topics).toString(), feed.toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).contains(".jsonl").contains(".csv");
        }
    }

    @Test
    void shouldNameMissingInputTopicsWhenRunStarts() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given
            final Path config = configFile(topics, "topic.price-updates=no-such-prices\n");

            // When
            final int code = Stockflow.execute("run", "--config", config.toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertThat(console.err()).contains("missing: no-such-prices");
        }
    }

    @Test
    void shouldRefuseInputTopicsThatAreNotCoPartitioned() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given
            final String other = topics.prefix() + "-three-partitions";
            KAFKA.createTopic(other, 3, Map.of());
            final Path config = configFile(topics, "topic.offer-delistings=" + other + "\n");

            // When
            final int code = Stockflow.execute("run", "--config", config.toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertThat(console.err()).contains("same partition count").contains(other + "=3");
        }
    }

    @Test
    void shouldExitWithUsageCodeNamingABadSetting() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given
            final Path config = configFile(topics, "http.port=http\n");

            // When
            final int code = Stockflow.execute("run", "--config", config.toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).contains("http.port").hasLineCount(1);
        }
    }

    private Path configFile(final TestTopics topics) throws IOException {
        return configFile(topics, "");
    }

    private Path configFile(final TestTopics topics, final String extra) throws IOException {
        final String settings = topics.settings().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve("stockflow.properties"), settings + "\n" + StockflowConfig.STATE_DIR_CONFIG
                + "=" + dir.resolve("state") + "\n" + extra);
    }

}
