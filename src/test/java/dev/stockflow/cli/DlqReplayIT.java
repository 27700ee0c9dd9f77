package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stockflow.Stockflow;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryException;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.StockflowInstance;
import dev.stockflow.testkit.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code stockflow dlq replay} against a real broker and a real processor. */
class DlqReplayIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Instant T0 = Instant.now().minus(Duration.ofDays(1));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
            new ByteArraySerializer(), new ByteArraySerializer());

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void shouldApplyDeadLettersOnceTheirSchemaIsKnownCountSupersededOnesStaleAndSendNothingTwice() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2);
             StockflowInstance instance = StockflowInstance.start(topics, Map.of())) {
            // Given: stock updates written with a schema the registry does not know yet, so dead-lettered
            topics.send(new StockUpdate("warm", "acme", "WARM-1", "berlin", 1, T0));
            await().atMost(TIMEOUT).until(() -> topics.latestSnapshots().containsKey("acme:WARM-1"));
            final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(topics.prefix());
            final int unknownId = nextSchemaId(registry);
            final Schema newerSchema = stockUpdateWithNote();
            produce(topics.stockTopic(), "acme:NEW-1", encode(newerSchema, unknownId, "n1", "NEW-1", 5), T0);
            produce(topics.stockTopic(), "acme:NEW-2", encode(newerSchema, unknownId, "n2", "NEW-2", 3), T0);
            produce(topics.stockTopic(), "acme:OLD-1", encode(newerSchema, unknownId, "o1", "OLD-1", 8), T0);
            assertThat(topics.deadLetters(3)).hasSize(3)
                    .allMatch(letter -> "undecodable".equals(header(letter, DeadLetterHeaders.CODE)));
            // ... a newer update of OLD-1 supersedes its dead letter meanwhile
            topics.send(new StockUpdate("o2", "acme", "OLD-1", "berlin", 2, T0.plusSeconds(60)));
            // ... and the schema is registered, and the processor has seen it (it re-asks about an unknown id
            // after a few seconds: probes, older than the --from below, show when it has)
            assertThat(registry.register(topics.stockTopic() + "-value", newerSchema)).isEqualTo(unknownId);
            awaitDecodable(topics, newerSchema, unknownId);

            // When
            final int code = Stockflow.execute("dlq", "replay", "--config", configFile(topics),
                    "--from", T0.minus(Duration.ofHours(1)).toString());

            // Then: the two new offers are applied, the superseded update is a stale no-op
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).containsPattern("  undecodable\\s+3\\s+\\d+")
                    .contains("skipped, ").contains("not selected by --code, --source-topic, --from or --to");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                final Map<String, OfferSnapshot> latest = topics.latestSnapshots();
                // Asserted present first: untilAsserted polls again on an assertion error, not on a null
                assertThat(latest).containsKeys("acme:NEW-1", "acme:NEW-2");
                assertThat(latest.get("acme:NEW-1").getTotalQuantity()).isEqualTo(5);
                assertThat(latest.get("acme:NEW-2").getTotalQuantity()).isEqualTo(3);
                assertThat(instance.get("/metrics").body()).contains("stockflow_events_total{outcome=\"stale\",topic=\""
                        + topics.stockTopic() + "\"} 1.0");
            });
            assertThat(latestQuantity(topics, "acme:OLD-1")).isEqualTo(2);
            assertThat(instance.get("/offers/acme/NEW-1").statusCode()).isEqualTo(200);
            final List<ConsumerRecord<byte[], byte[]>> replays = replaysOn(topics.stockTopic());
            assertThat(replays).hasSize(3);
            assertThat(replays).allSatisfy(replay -> {
                assertThat(replay.timestamp()).isEqualTo(T0.toEpochMilli());
                assertThat(header(replay, DeadLetterHeaders.REPLAY_OF)).startsWith(topics.dlqTopic() + "/");
                assertThat(replay.headers().lastHeader(DeadLetterHeaders.CODE)).isNull();
            });

            // When: the same replay again
            final int before = console.out().length();
            final int again = Stockflow.execute("dlq", "replay", "--config", configFile(topics),
                    "--from", T0.minus(Duration.ofHours(1)).toString());

            // Then: nothing is sent twice
            assertThat(again).isEqualTo(ExitCodes.OK);
            assertThat(console.out().substring(before)).containsPattern("  total\\s+0\\s+\\d+")
                    .contains("from where the last replay stopped");
            assertThat(replaysOn(topics.stockTopic())).hasSize(3);
        }
    }

    @Test
    void shouldSendARecordThatFailsAgainBackToTheDeadLetterTopicWithoutGoingRound() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1);
             StockflowInstance ignored = StockflowInstance.start(topics, Map.of())) {
            // Given: a stock update that breaks a rule
            topics.send(new StockUpdate("bad", "acme", "BAD-1", "berlin", -3, T0));
            final ConsumerRecord<byte[], byte[]> original = topics.deadLetters(1).get(0);
            assertThat(header(original, DeadLetterHeaders.CODE)).isEqualTo("invalid");

            // When
            final int code = Stockflow.execute("dlq", "replay", "--config", configFile(topics));

            // Then: sent once (the run reads up to the end offsets it took at start, so never its own copy), it fails
            // again and comes back with fresh dead-letter headers and the mark of its replay
            assertThat(code).as(console.err()).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).containsPattern("  invalid\\s+1\\s+0");
            final List<ConsumerRecord<byte[], byte[]>> letters = topics.deadLetters(2);
            assertThat(letters).hasSize(2);
            final ConsumerRecord<byte[], byte[]> again = letters.get(1);
            final ConsumerRecord<byte[], byte[]> replay = replaysOn(topics.stockTopic()).get(0);
            assertThat(again.value()).isEqualTo(original.value());
            assertThat(again.headers().headers(DeadLetterHeaders.CODE)).hasSize(1);
            assertThat(header(again, DeadLetterHeaders.CODE)).isEqualTo("invalid");
            assertThat(header(again, DeadLetterHeaders.REPLAY_OF)).isEqualTo(topics.dlqTopic() + "/"
                    + original.partition() + "/" + original.offset());
            assertThat(header(again, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(replay.offset()));

            // When: the next, explicit replay
            final int before = console.out().length();
            final int second = Stockflow.execute("dlq", "replay", "--config", configFile(topics));

            // Then: the copy is replayed once, fails once more, and that copy waits for a later run
            assertThat(second).isEqualTo(ExitCodes.OK);
            assertThat(console.out().substring(before)).containsPattern("  invalid\\s+1\\s+0")
                    .contains("of the replayed, 1 had failed in an earlier replay");
            assertThat(topics.deadLetters(3)).hasSize(3);
            assertThat(replaysOn(topics.stockTopic())).hasSize(2);

            // When: a replay that leaves failed replays out
            final int skipping = console.out().length();
            final int third = Stockflow.execute("dlq", "replay", "--config", configFile(topics), "--skip-replayed");

            // Then: nothing is sent
            assertThat(third).isEqualTo(ExitCodes.OK);
            assertThat(console.out().substring(skipping)).containsPattern("  invalid\\s+0\\s+1")
                    .contains("skipped, 1: replays that failed again (--skip-replayed).");
            assertThat(replaysOn(topics.stockTopic())).hasSize(2);
        }
    }

    @Test
    void shouldChangeNothingOnADryRunAndReplayOnlyWhatTheFiltersSelect() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1);
             StockflowInstance ignored = StockflowInstance.start(topics, Map.of())) {
            // Given: an undecodable stock update and an empty price update, dead-lettered
            produce(topics.stockTopic(), "acme:A-1", new byte[] {9, 9}, T0);
            produce(topics.priceTopic(), "acme:A-1", new byte[0], T0);
            assertThat(topics.deadLetters(2)).hasSize(2);

            // When
            final int dryRun = Stockflow.execute("dlq", "replay", "--config", configFile(topics), "--dry-run");

            // Then
            assertThat(dryRun).isEqualTo(ExitCodes.OK);
            assertThat(console.out()).containsPattern("  total\\s+2\\s+0")
                    .contains("Dry run: nothing was sent and the progress was not moved.");
            assertThat(replaysOn(topics.stockTopic())).isEmpty();
            assertThat(replaysOn(topics.priceTopic())).isEmpty();

            // When
            final int before = console.out().length();
            final int code = Stockflow.execute("dlq", "replay", "--config", configFile(topics), "--code", "empty",
                    "--source-topic", topics.priceTopic());

            // Then: the first replay starts at the beginning (the dry run kept no progress); only the empty one goes
            assertThat(code).isEqualTo(ExitCodes.OK);
            assertThat(console.out().substring(before)).contains("from the beginning (no replay before)")
                    .containsPattern("  empty\\s+1\\s+0").containsPattern("  undecodable\\s+0\\s+1");
            assertThat(replaysOn(topics.priceTopic())).hasSize(1);
            assertThat(replaysOn(topics.stockTopic())).isEmpty();

            // And: what was skipped is behind the progress, and --rescan reaches it again
            final int rescanStart = console.out().length();
            assertThat(Stockflow.execute("dlq", "replay", "--config", configFile(topics), "--dry-run", "--rescan",
                    "--code", "undecodable")).isEqualTo(ExitCodes.OK);
            assertThat(console.out().substring(rescanStart)).containsPattern("  undecodable\\s+1\\s+0");
        }
    }

    /** Sends probes with the schema id, older than any real record, until the processor decodes one. */
    private void awaitDecodable(final TestTopics topics, final Schema schema, final int id) {
        final AtomicInteger probes = new AtomicInteger();
        final Instant probeTime = T0.minus(Duration.ofDays(10));
        await("the processor decodes schema " + id).atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            final String sku = "PROBE-" + probes.incrementAndGet();
            produce(topics.stockTopic(), "acme:" + sku, encode(schema, id, "probe-" + sku, sku, 1, probeTime),
                    probeTime);
            return topics.latestSnapshots().keySet().stream().anyMatch(key -> key.startsWith("acme:PROBE-"));
        });
    }

    private void produce(final String topic, final String key, final byte[] value, final Instant timestamp)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    /** The next id the in-memory registry will assign: ids are handed out 1, 2, 3... */
    private static int nextSchemaId(final InMemorySchemaRegistry registry) {
        int id = 1;
        while (true) {
            try {
                registry.schemaById(id);
                id++;
            } catch (final SchemaRegistryException e) {
                return id;
            }
        }
    }

    /** StockUpdate with one more optional field: a newer version of the schema, which the registry lacks. */
    private static Schema stockUpdateWithNote() {
        final Schema original = StockUpdate.getClassSchema();
        final List<Schema.Field> fields = new ArrayList<>();
        original.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("note", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "A note from the partner.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(original.getName(), original.getDoc(), original.getNamespace(), false, fields);
    }

    private static byte[] encode(final Schema schema, final int id, final String eventId, final String sku,
                                 final int quantity) throws IOException {
        return encode(schema, id, eventId, sku, quantity, T0);
    }

    private static byte[] encode(final Schema schema, final int id, final String eventId, final String sku,
                                 final int quantity, final Instant occurredAt) throws IOException {
        final GenericRecord record = new GenericData.Record(schema);
        record.put("eventId", eventId);
        record.put("partnerId", "acme");
        record.put("sku", sku);
        record.put("locationId", "berlin");
        record.put("quantity", quantity);
        record.put("occurredAt", occurredAt.toEpochMilli());
        record.put("note", "from the new app");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static long latestQuantity(final TestTopics topics, final String key) {
        return topics.latestSnapshots().get(key).getTotalQuantity();
    }

    /** The records of the topic that a replay sent (they carry stockflow.replay.of), read_committed. */
    private static List<ConsumerRecord<byte[], byte[]>> replaysOn(final String topic) {
        final List<ConsumerRecord<byte[], byte[]>> replays = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-it-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.headers().lastHeader(DeadLetterHeaders.REPLAY_OF) != null) {
                        replays.add(record);
                    }
                });
            }
        }
        return replays;
    }

    private String configFile(final TestTopics topics) throws IOException {
        final Map<String, Object> settings = new LinkedHashMap<>(topics.settings());
        settings.put(StockflowConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        return Files.writeString(dir.resolve("stockflow.properties"), settings.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("\n"))).toString();
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return DeadLetterHeaders.read(record.headers(), name);
    }
}
