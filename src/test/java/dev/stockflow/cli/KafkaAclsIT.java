package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.runtime.TopicProvisioner;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.LogCapture;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import dev.stockflow.testkit.security.KafkaIdentity;
import dev.stockflow.testkit.security.SecuredKafkaBroker;
import dev.stockflow.testkit.security.StockflowAcls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code stockflow feed} and {@code stockflow run} on a broker that requires SASL_SSL (SCRAM-SHA-512) or mutual TLS
 * and enforces ACLs, as a principal that holds exactly the ACLs docs/kubernetes.md documents, and nothing else.
 */
class KafkaAclsIT {

    @RegisterExtension
    static final SecuredKafkaBroker KAFKA = new SecuredKafkaBroker();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Recent: the broker's retention (7 days) would delete records stamped long ago, even before they are read. */
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    /** How the principal logs in. */
    enum Login { SCRAM, MUTUAL_TLS }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"exactly_once_v2, SCRAM", "exactly_once_v2, MUTUAL_TLS", "at_least_once, SCRAM",
        "at_least_once, MUTUAL_TLS"})
    void shouldFeedAndProcessWithOnlyTheDocumentedAcls(final String guarantee, final Login login) throws Exception {
        final KafkaIdentity user = user(guarantee, login);
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: a principal with the documented ACLs of run and feed, and nothing else
            final StockflowAcls acls = StockflowAcls.of(user.principal(), topics);
            final List<StockflowAcls.Acl> granted = new ArrayList<>(acls.run("exactly_once_v2".equals(guarantee)));
            granted.addAll(acls.feed());
            KAFKA.grant(granted.stream().map(StockflowAcls.Acl::binding).toList());
            final Path config = configFile(topics, user, guarantee);
            topics.sendRaw(topics.stockTopic(), "acme:A-9".getBytes(StandardCharsets.UTF_8), new byte[] {9});

            // When: the partner file is fed and the processor runs, both as that principal
            final int fed = Stockflow.execute("feed", "--config", config.toString(), partnerFile().toString());
            try (LogCapture provisioner = LogCapture.of(TopicProvisioner.class);
                 StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(user, guarantee))) {

                // Then: snapshots and a dead letter, read by the super user
                assertThat(fed).as(console.err()).isEqualTo(ExitCodes.OK);
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    final Map<String, OfferSnapshot> latest = topics.latestSnapshots();
                    assertThat(latest).containsOnlyKeys("acme:A-1");
                    assertThat(latest.get("acme:A-1").getTotalQuantity()).isEqualTo(4);
                    assertThat(latest.get("acme:A-1").getPrices()).hasSize(1);
                });
                assertThat(topics.deadLetters(1)).hasSize(1);
                // And: without the optional DescribeConfigs, one warning names it, and processing goes on
                assertThat(provisioner.messages()).filteredOn(message -> message.contains("Kafka denied"))
                        .singleElement().asString().contains("Kafka denied DESCRIBE_CONFIGS on topic "
                                + topics.snapshotTopic() + " to " + user.principal());
            }

            // And: a new instance restores the state from the changelog and goes on
            topics.send(new StockUpdate("e9", "acme", "A-1", "hamburg", 2, T0.plusSeconds(60)));
            try (StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(user, guarantee))) {
                await().atMost(TIMEOUT).untilAsserted(() ->
                        assertThat(topics.latestSnapshots().get("acme:A-1").getTotalQuantity()).isEqualTo(6));
            }
        }
    }

    @Test
    void shouldReplayDeadLettersAndResetWithTheDocumentedOperatorAcls() throws Exception {
        final KafkaIdentity processor = KAFKA.scramUser("stockflow-processor");
        final KafkaIdentity operator = KAFKA.certificateUser("CN=stockflow-operator,O=Stockflow Test");
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: the processor dead-lettered a record, and is stopped
            final StockflowAcls acls = StockflowAcls.of(processor.principal(), topics);
            KAFKA.grant(acls.run(true).stream().map(StockflowAcls.Acl::binding).toList());
            topics.send(new StockUpdate("e1", "acme", "A-1", "berlin", 4, T0));
            topics.sendRaw(topics.stockTopic(), "acme:A-9".getBytes(StandardCharsets.UTF_8), new byte[] {9});
            try (StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(processor,
                    "exactly_once_v2"))) {
                await().atMost(TIMEOUT).until(() -> topics.latestSnapshots().containsKey("acme:A-1"));
                assertThat(topics.deadLetters(1)).hasSize(1);
            }
            // ... and an operator
            final StockflowAcls operatorAcls = StockflowAcls.of(operator.principal(), topics);
            final Path config = Files.writeString(configFile(topics, operator, "exactly_once_v2"),
                    StockflowConfig.STATE_DIR_CONFIG + "=" + dir.resolve("state") + "\n", StandardOpenOption.APPEND);

            // When: each command runs with exactly its documented ACLs
            KAFKA.grant(operatorAcls.dlqReplay().stream().map(StockflowAcls.Acl::binding).toList());
            final int replayed = Stockflow.execute("dlq", "replay", "--config", config.toString());
            KAFKA.revokeAll(operator.principal());
            KAFKA.grant(operatorAcls.reset().stream().map(StockflowAcls.Acl::binding).toList());
            final int reset = Stockflow.execute("reset", "--config", config.toString(), "--yes");

            // Then: the dead letter went back to its topic, and the changelog is gone
            assertThat(replayed).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).containsPattern("  total\\s+1\\s+0");
            assertThat(reset).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("Reset done");
            assertThat(KAFKA.admin().listTopics().names().get(30, TimeUnit.SECONDS))
                    .noneMatch(topic -> topic.startsWith(acls.applicationId() + "-"));
        }
    }

    @Test
    void shouldRefuseAClientWithoutCertificateOnTheMutualTlsListener() {
        // Given: a client that trusts the broker but shows no certificate of its own
        final KafkaIdentity withCertificate = KAFKA.certificateUser("CN=stockflow-no-certificate");
        final Map<String, Object> config = new HashMap<>(withCertificate.kafkaConfig());
        config.keySet().removeIf(key -> key.startsWith("ssl.keystore") || "ssl.key.password".equals(key));

        // When / Then
        try (Admin client = Admin.create(config)) {
            assertThatThrownBy(() -> client.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void shouldRefuseAWrongScramPassword() throws Exception {
        // Given
        final KafkaIdentity user = KAFKA.scramUser("stockflow-wrong-password");
        final Map<String, Object> config = new HashMap<>(user.kafkaConfig());
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"stockflow-wrong-password\" password=\"not-it\";");

        // When / Then
        try (Admin client = Admin.create(config)) {
            assertThatThrownBy(() -> client.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaIdentity user(final String guarantee, final Login login) throws Exception {
        final String name = "stockflow-" + guarantee.replace('_', '-');
        return login == Login.SCRAM ? KAFKA.scramUser(name)
                : KAFKA.certificateUser("CN=" + name + ",O=Stockflow Test");
    }

    private static Map<String, Object> instanceSettings(final KafkaIdentity user, final String guarantee) {
        final Map<String, Object> settings = new HashMap<>(user.kafkaConfig());
        settings.put(StockflowConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        // Each instance has a new identity (its HTTP port): as a dynamic member it leaves the group when it stops,
        // and the next one need not wait for its session to expire.
        settings.put(StockflowConfig.STATIC_MEMBERSHIP_CONFIG, false);
        return settings;
    }

    /** A stock record and a price for one offer; stock for another, then its delisting: every input topic. */
    private Path partnerFile() throws Exception {
        return Files.writeString(dir.resolve("partner.jsonl"), String.join("\n",
                "{\"type\":\"stock\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"locationId\":\"berlin\",\"quantity\":4,"
                        + "\"occurredAt\":\"" + T0 + "\"}",
                "{\"type\":\"price\",\"partnerId\":\"acme\",\"sku\":\"A-1\",\"channel\":\"zalando-de\","
                        + "\"currency\":\"EUR\",\"regularPrice\":1999,\"occurredAt\":\"" + T0 + "\"}",
                "{\"type\":\"stock\",\"partnerId\":\"acme\",\"sku\":\"A-2\",\"locationId\":\"berlin\",\"quantity\":3,"
                        + "\"occurredAt\":\"" + T0 + "\"}",
                "{\"type\":\"delist\",\"partnerId\":\"acme\",\"sku\":\"A-2\",\"occurredAt\":\"" + T0.plusSeconds(30)
                        + "\"}"));
    }

    /** The test's topics and registry, and the principal's connection: as an operator writes it. */
    private Path configFile(final TestTopics topics, final KafkaIdentity user, final String guarantee)
            throws Exception {
        final String settings = topics.settings().entrySet().stream()
                .filter(entry -> !StockflowConfig.BOOTSTRAP_SERVERS_CONFIG.equals(entry.getKey()))
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve("stockflow.properties"), settings + "\n" + user.propertiesText()
                + StockflowConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee + "\n");
    }
}
