package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryClients;
import dev.stockflow.serde.WireFormatSerde;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestClients;
import dev.stockflow.testkit.TestTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code stockflow reset} against a real broker and real processors. */
class ResetIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Instant T0 = Instant.now().minus(Duration.ofDays(1));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void shouldRebuildTheSameFinalSnapshotsAfterAResetAndARestart() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given: an instance processed a feed and was stopped
            final Map<String, OfferSnapshot> before = processAndStop(topics, false);
            final Map<TopicPartition, Long> resetMark = snapshotEndOffsets(topics);

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then: offsets at the beginning, changelog and local state gone
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("Reset done").contains(changelog(topics));
            assertThat(committedOffsets(topics).values()).isNotEmpty().allMatch(offset -> offset == 0L);
            assertThat(topicNames()).doesNotContain(changelog(topics));
            assertThat(applicationStateDir(topics)).doesNotExist();

            // And: a restarted instance emits the snapshots again and converges to the same final snapshots
            try (StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(false))) {
                await().atMost(TIMEOUT).untilAsserted(() ->
                        assertThat(snapshotsSince(topics, resetMark)).isEqualTo(before));
            }
        }
    }

    @Test
    void shouldRefuseWhileAnInstanceRuns() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1);
             StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(false))) {
            // Given
            topics.send(new StockUpdate("e1", "acme", "A-1", "berlin", 4, T0));
            await().atMost(TIMEOUT).until(() -> topics.latestSnapshots().containsKey("acme:A-1"));

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).contains("consumer group '" + appId(topics) + "' is active")
                    .contains("stop every instance").contains("Nothing was changed");
            assertThat(topicNames()).contains(changelog(topics));
            assertThat(committedOffsets(topics).values()).contains(1L);
        }
    }

    @Test
    void shouldChangeNothingOnADryRun() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2)) {
            // Given
            processAndStop(topics, false);
            final Map<TopicPartition, Long> offsets = committedOffsets(topics);

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--dry-run");

            // Then: the plan is printed, and offsets, topics and state are as they were
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("Dry run: a reset of application '" + appId(topics) + "' would:")
                    .contains(changelog(topics)).contains(topics.stockTopic() + "-0: ").contains(" -> 0")
                    .contains(applicationStateDir(topics).toString()).contains("Dry run: nothing was changed.");
            assertThat(committedOffsets(topics)).isEqualTo(offsets);
            assertThat(offsets.values()).anyMatch(offset -> offset > 0);
            assertThat(topicNames()).contains(changelog(topics));
            assertThat(applicationStateDir(topics)).isDirectory();
        }
    }

    @Test
    void shouldResetAnApplicationThatNeverRan() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given: input, but no instance ever ran: no group, no internal topic, no state
            topics.send(new StockUpdate("e1", "acme", "A-1", "berlin", 4, T0));

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains(topics.stockTopic() + "-0: none -> 0")
                    .contains("delete 0 internal topics").contains("(it does not exist here)").contains("Reset done");
            assertThat(committedOffsets(topics).values()).containsOnly(0L);
        }
    }

    @Test
    void shouldRefuseWithoutATerminalUnlessYesIsGiven() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given
            processAndStop(topics, false);
            final Map<TopicPartition, Long> offsets = committedOffsets(topics);

            // When: no terminal in a test JVM, and no --yes
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString());

            // Then
            assertThat(code).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).contains("no terminal").contains("--yes").hasLineCount(1);
            assertThat(committedOffsets(topics)).isEqualTo(offsets);
            assertThat(topicNames()).contains(changelog(topics));
        }
    }

    @Test
    void shouldAskOnTheTerminalAndResetOnlyOnYes() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given
            processAndStop(topics, false);
            final Map<TopicPartition, Long> offsets = committedOffsets(topics);
            final FakeTerminal declining = new FakeTerminal(true, "n");
            final FakeTerminal accepting = new FakeTerminal(true, " YES ");

            // When
            final int declined = new CommandLine(new ResetCommand(declining)).execute("--config",
                    configFile(topics).toString());

            // Then
            assertThat(declined).isEqualTo(ExitCodes.FAILURE);
            assertThat(declining.prompts()).containsExactly("Reset application '" + appId(topics)
                    + "'? Type yes to go on: ");
            assertThat(console.err()).contains("not confirmed; nothing was changed");
            assertThat(committedOffsets(topics)).isEqualTo(offsets);
            assertThat(topicNames()).contains(changelog(topics));

            // When
            final int accepted = new CommandLine(new ResetCommand(accepting)).execute("--config",
                    configFile(topics).toString());

            // Then
            assertThat(accepted).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(committedOffsets(topics).values()).allMatch(offset -> offset == 0L);
        }
    }

    @Test
    void shouldResetRightAfterAStaticMemberStoppedCleanly() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given: an instance with a static membership id, stopped cleanly: it leaves the group
            processAndStop(topics, true);

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(committedOffsets(topics).values()).allMatch(offset -> offset == 0L);
        }
    }

    @Test
    void shouldNameStaticMembersOfKilledInstancesAndRemoveThemWhenForced() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given: an instance's progress, and a static member that vanished without leaving, as a killed
            // instance does (a classic consumer with a group.instance.id does not leave the group on close)
            processAndStop(topics, true);
            leaveAStaticMemberBehind(topics, appId(topics) + "-localhost-killed");

            // When
            final int refused = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes");

            // Then
            assertThat(refused).isEqualTo(ExitCodes.USAGE);
            assertThat(console.err()).contains("static member, group.instance.id " + appId(topics) + "-localhost")
                    .contains("session.timeout.ms, 45 s by default").contains("--force-remove-static-members");

            // When
            final int forced = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes",
                    "--force-remove-static-members");

            // Then
            assertThat(forced).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).contains("Removing the static members").contains("Reset done");
            assertThat(committedOffsets(topics).values()).allMatch(offset -> offset == 0L);
        }
    }

    @Test
    void shouldMoveOffsetsToTheFirstRecordAtOrAfterTheDatetimeOrToTheEnd() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given: stock updates at T0, T0+1h and T0+2h, a price at T0 only, no delisting
            for (int hour = 0; hour < 3; hour++) {
                topics.send(new StockUpdate("e" + hour, "acme", "A-1", "berlin", hour + 1,
                        T0.plus(Duration.ofHours(hour))));
            }
            topics.send(new PriceUpdate("p1", "acme", "A-1", "zalando-de", "EUR", 1999L, null, T0));
            try (StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(false))) {
                await().atMost(TIMEOUT).until(() -> committedOffsets(topics)
                        .getOrDefault(new TopicPartition(topics.stockTopic(), 0), 0L) == 3L);
            }

            // When
            final int code = Stockflow.execute("reset", "--config", configFile(topics).toString(), "--yes",
                    "--to-datetime", T0.plus(Duration.ofMinutes(30)).toString());

            // Then
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(committedOffsets(topics)).containsEntry(new TopicPartition(topics.stockTopic(), 0), 1L)
                    .containsEntry(new TopicPartition(topics.priceTopic(), 0), 1L)
                    .containsEntry(new TopicPartition(topics.delistingTopic(), 0), 0L);
            assertThat(console.out()).contains("the first record at or after " + T0.plus(Duration.ofMinutes(30)))
                    .contains(topics.priceTopic() + "-0: 1 -> 1 (the end: no record at or after that time)");
        }
    }

    /** Runs an instance over a small feed until its snapshots are final, stops it, and returns them. */
    private Map<String, OfferSnapshot> processAndStop(final TestTopics topics, final boolean staticMember)
            throws Exception {
        try (StockflowInstance ignored = StockflowInstance.start(topics, instanceSettings(staticMember))) {
            for (int i = 0; i < 6; i++) {
                topics.send(new StockUpdate("s" + i, "acme", "SKU-" + i, "berlin", i + 1, T0));
                topics.send(new StockUpdate("h" + i, "acme", "SKU-" + i, "hamburg", 2, T0.plusSeconds(i)));
                topics.send(new PriceUpdate("p" + i, "acme", "SKU-" + i, "zalando-de", "EUR", 1999L + i, 1499L,
                        T0.plusSeconds(10)));
            }
            topics.send(new StockUpdate("s0", "acme", "SKU-0", "berlin", 1, T0)); // a redelivery
            topics.send(new StockUpdate("late", "acme", "SKU-1", "berlin", 99, T0.minusSeconds(60))); // stale
            topics.send(new OfferDelisted("d5", "acme", "SKU-5", T0.plusSeconds(60)));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                final Map<String, OfferSnapshot> latest = topics.latestSnapshots();
                assertThat(latest).containsOnlyKeys("acme:SKU-0", "acme:SKU-1", "acme:SKU-2", "acme:SKU-3",
                        "acme:SKU-4");
                assertThat(latest.values()).allMatch(snapshot -> snapshot.getPrices().size() == 1);
                assertThat(latest.get("acme:SKU-4").getTotalQuantity()).isEqualTo(7);
            });
            return topics.latestSnapshots();
        }
    }

    private Map<String, Object> instanceSettings(final boolean staticMember) {
        return Map.of(StockflowConfig.STATE_DIR_CONFIG, dir.resolve("state").toString(),
                StockflowConfig.STATIC_MEMBERSHIP_CONFIG, staticMember);
    }

    private Path configFile(final TestTopics topics) throws IOException {
        final Map<String, Object> settings = new LinkedHashMap<>(topics.settings());
        settings.put(StockflowConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        return Files.writeString(dir.resolve("stockflow.properties"), settings.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n")));
    }

    private Path applicationStateDir(final TestTopics topics) {
        return dir.resolve("state").resolve(appId(topics)).toAbsolutePath();
    }

    private static String appId(final TestTopics topics) {
        return (String) topics.settings().get(StockflowConfig.APPLICATION_ID_CONFIG);
    }

    private static String changelog(final TestTopics topics) {
        return appId(topics) + "-offer-state-changelog";
    }

    private static Set<String> topicNames() throws Exception {
        try (Admin admin = TestClients.admin(KAFKA.bootstrapServers())) {
            return admin.listTopics().names().get();
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(final TestTopics topics) throws Exception {
        try (Admin admin = TestClients.admin(KAFKA.bootstrapServers())) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId(topics))
                    .partitionsToOffsetAndMetadata().get();
            final Map<TopicPartition, Long> plain = new HashMap<>();
            offsets.forEach((partition, offset) -> plain.put(partition, offset.offset()));
            return plain;
        }
    }

    private static Map<TopicPartition, Long> snapshotEndOffsets(final TestTopics topics) {
        try (KafkaConsumer<String, byte[]> consumer = snapshotConsumer()) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topics.snapshotTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** The snapshots written after the mark, read_committed, last one per key (a tombstone removes the key). */
    private static Map<String, OfferSnapshot> snapshotsSince(final TestTopics topics,
                                                             final Map<TopicPartition, Long> mark) {
        final Map<String, OfferSnapshot> latest = new LinkedHashMap<>();
        try (SchemaRegistryClient registry = SchemaRegistryClients.create("mock://" + topics.prefix());
             KafkaConsumer<String, byte[]> consumer = snapshotConsumer()) {
            final Deserializer<OfferSnapshot> decoder = WireFormatSerde.deserializer(WireFormatSerde.wireFormat(OfferSnapshot.class,
                    registry, false));
            consumer.assign(mark.keySet());
            mark.forEach(consumer::seek);
            final Map<TopicPartition, Long> end = consumer.endOffsets(mark.keySet());
            while (mark.keySet().stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    final OfferSnapshot snapshot = decoder.deserialize(record.topic(), record.value());
                    if (snapshot == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), snapshot);
                    }
                }
            }
        }
        return latest;
    }

    private static void leaveAStaticMemberBehind(final TestTopics topics, final String instanceId) {
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, appId(topics),
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            member.subscribe(List.of(topics.stockTopic()));
            await().atMost(TIMEOUT).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
        }
    }

    private static KafkaConsumer<String, byte[]> snapshotConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reset-it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
