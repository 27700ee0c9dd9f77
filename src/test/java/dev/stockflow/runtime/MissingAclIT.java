package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.cli.ExitCodes;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.testkit.CommandThread;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.LogCapture;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import dev.stockflow.testkit.security.KafkaIdentity;
import dev.stockflow.testkit.security.SecuredKafkaBroker;
import dev.stockflow.testkit.security.StockflowAcls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each ACL of the documented set taken away in turn, on a broker that enforces ACLs: {@code run}, {@code feed},
 * {@code reset} and {@code dlq replay} stop with exit code 1 and print one line that names the operation Kafka
 * denied, the resource and the principal, with the {@code kafka-acls.sh} command that grants the missing ACL. No
 * retry loop, no stack trace on the command's output.
 *
 * <p>Each case uses topics and an application id of its own, so that Stockflow meets the topics and internal topics
 * as a new deployment does. The lines are also written to {@code target/missing-acl-errors.md} for the docs.
 */
class MissingAclIT {

    @RegisterExtension
    static final SecuredKafkaBroker KAFKA = new SecuredKafkaBroker();

    /** A stream thread that meets a refusal stops the instance within seconds; this only bounds a broken test. */
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Path REPORT = Path.of("target", "missing-acl-errors.md");
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    private static KafkaIdentity user;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @BeforeAll
    static void createUser() throws Exception {
        user = KAFKA.scramUser("stockflow");
        Files.writeString(REPORT, "| command | ACL removed | what Stockflow printed |\n|---|---|---|\n");
    }

    static Stream<Arguments> runAcls() {
        return labelled(StockflowAcls.withDefaultNames("User:stockflow").run(true));
    }

    static Stream<Arguments> feedAcls() {
        return labelled(StockflowAcls.withDefaultNames("User:stockflow").feed());
    }

    static Stream<Arguments> resetAcls() {
        return labelled(StockflowAcls.withDefaultNames("User:stockflow").reset());
    }

    static Stream<Arguments> dlqReplayAcls() {
        return labelled(StockflowAcls.withDefaultNames("User:stockflow").dlqReplay());
    }

    @ParameterizedTest(name = "run without {1}")
    @MethodSource("runAcls")
    void shouldStopRunWithOneLineNamingTheMissingAcl(final int index, final String label) throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: the documented ACLs of run under exactly-once but one, and records to process
            final List<StockflowAcls.Acl> acls = new ArrayList<>(StockflowAcls.of(user.principal(), topics).run(true));
            final StockflowAcls.Acl missing = acls.remove(index);
            grantOnly(acls);
            topics.send(new StockUpdate("e1", "acme", "A-1", "berlin", 4, T0));
            topics.sendRaw(topics.stockTopic(), "acme:A-9".getBytes(StandardCharsets.UTF_8), new byte[] {9});

            // When
            final int code;
            try (LogCapture failures = LogCapture.of(StreamThreadFailureHandler.class)) {
                code = CommandThread.execute(DEADLINE, "run", "--config", configFile(topics).toString());

                // Then: the stream threads (if it got that far) said it once in the log
                assertThat(failures.messages()).hasSizeLessThanOrEqualTo(1);
            }
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertOneLineNaming(missing, "run");
        }
    }

    @Test
    void shouldTurnLivenessDownWhenKafkaStreamsIsRefused() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: no Read on the consumer group
            final List<StockflowAcls.Acl> acls = new ArrayList<>(StockflowAcls.of(user.principal(), topics).run(true));
            acls.removeIf(acl -> acl.binding().pattern().resourceType() == ResourceType.GROUP);
            grantOnly(acls);

            // When
            try (StockflowInstance instance = StockflowInstance.launch(topics, user.kafkaConfig())) {

                // Then: Kafka Streams stops for good, and says why
                await().atMost(DEADLINE).until(() -> instance.streams().state() == KafkaStreams.State.ERROR);
                assertThat(instance.get("/health/live").statusCode()).isEqualTo(503);
                assertThat(instance.failure()).hasValueSatisfying(line -> assertThat(line)
                        .startsWith("Kafka denied READ on group " + topics.settings().get("application.id")));
            }
        }
    }

    @ParameterizedTest(name = "feed without {1}")
    @MethodSource("feedAcls")
    void shouldStopFeedWithOneLineNamingTheMissingAcl(final int index, final String label) throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: the documented ACLs of feed but one
            final List<StockflowAcls.Acl> acls = new ArrayList<>(StockflowAcls.of(user.principal(), topics).feed());
            final StockflowAcls.Acl missing = acls.remove(index);
            grantOnly(acls);
            final Path feed = Files.writeString(dir.resolve("partner.jsonl"), "{\"type\":\"stock\",\"partnerId\":"
                    + "\"acme\",\"sku\":\"A-1\",\"locationId\":\"berlin\",\"quantity\":4,\"occurredAt\":\"" + T0
                    + "\"}\n");

            // When
            final int code = Stockflow.execute("feed", "--config", configFile(topics).toString(), feed.toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertOneLineNaming(missing, "feed");
        }
    }

    @ParameterizedTest(name = "reset without {1}")
    @MethodSource("resetAcls")
    void shouldStopResetWithOneLineNamingTheMissingAcl(final int index, final String label) throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: the documented ACLs of reset but one
            final List<StockflowAcls.Acl> acls = new ArrayList<>(StockflowAcls.of(user.principal(), topics).reset());
            final StockflowAcls.Acl missing = acls.remove(index);
            grantOnly(acls);

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertOneLineNaming(missing, "reset");
        }
    }

    @ParameterizedTest(name = "dlq replay without {1}")
    @MethodSource("dlqReplayAcls")
    void shouldStopDlqReplayWithOneLineNamingTheMissingAcl(final int index, final String label) throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: the documented ACLs of dlq replay but one, and a dead letter from each input to send back
            final List<StockflowAcls.Acl> acls = new ArrayList<>(StockflowAcls.of(user.principal(), topics)
                    .dlqReplay());
            final StockflowAcls.Acl missing = acls.remove(index);
            grantOnly(acls);
            KAFKA.createTopic(topics.dlqTopic(), 2, Map.of());
            for (final String input : List.of(topics.stockTopic(), topics.priceTopic(), topics.delistingTopic(),
                    topics.orderTopic())) {
                topics.sendDeadLetter(input, "acme:A-1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1});
            }

            // When
            final int code = Stockflow.execute("dlq", "replay", "--config", configFile(topics).toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertOneLineNaming(missing, "dlq replay");
        }
    }

    @Test
    void shouldNameReadWhenResetMayOnlyDescribeAnInput() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: Describe instead of Read on the stock topic, as the documentation once said
            final StockflowAcls all = StockflowAcls.of(user.principal(), topics);
            final List<StockflowAcls.Acl> acls = new ArrayList<>(all.reset());
            final StockflowAcls.Acl missing = acls.remove(1);
            acls.add(all.describeInput(0));
            grantOnly(acls);

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then: the offsets cannot move, and nothing is deleted
            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertOneLineNaming(missing, "reset (with Describe on " + topics.stockTopic() + ")");
            assertThat(console.err()).contains("Kafka denied READ on topic " + topics.stockTopic());
        }
    }

    /** The only line on the command's error output names the refusal and the grant that removes it. */
    private void assertOneLineNaming(final StockflowAcls.Acl missing, final String command) throws IOException {
        final List<String> lines = console.err().lines().toList();
        assertThat(lines).as(console.err()).hasSize(1);
        final String line = lines.get(0);
        assertThat(line).startsWith("stockflow").contains(": Kafka denied ").contains(" to " + user.principal())
                .endsWith("; grant it: kafka-acls.sh --bootstrap-server " + user.bootstrapServers() + " --add "
                        + "--allow-principal '" + user.principal() + "' " + missing.kafkaAclsArguments());
        Files.writeString(REPORT, "| " + command + " | " + missing.label() + " | `" + line + "` |\n",
                StandardOpenOption.APPEND);
    }

    private static void grantOnly(final List<StockflowAcls.Acl> acls) throws Exception {
        KAFKA.revokeAll(user.principal());
        KAFKA.grant(acls.stream().map(StockflowAcls.Acl::binding).toList());
    }

    private Path configFile(final TestTopics topics) throws IOException {
        final String settings = topics.settings().entrySet().stream()
                .filter(entry -> !StockflowConfig.BOOTSTRAP_SERVERS_CONFIG.equals(entry.getKey()))
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n"));
        return Files.writeString(dir.resolve("stockflow.properties"), settings + "\n" + user.propertiesText()
                + StockflowConfig.STATE_DIR_CONFIG + "=" + dir.resolve("state") + "\n"
                + StockflowConfig.HTTP_PORT_CONFIG + "=0\ncommit.interval.ms=100\n");
    }

    private static Stream<Arguments> labelled(final List<StockflowAcls.Acl> acls) {
        return IntStream.range(0, acls.size()).mapToObj(i -> Arguments.of(i, acls.get(i).label()));
    }
}
