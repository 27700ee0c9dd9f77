package dev.stockflow.bench.chaos;

import dev.stockflow.bench.Cluster;
import dev.stockflow.bench.broker.BrokerHome;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.Input;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryServer;
import dev.stockflow.workload.WorkloadSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * Everything a chaos run works with: the killable broker, a schema registry the Stockflow processes reach
 * over HTTP, the topics, the input producer, and the Stockflow instances with their fixed identities. All
 * files of the run (broker data and log, each instance's state, config and logs, the figures) are under
 * one directory, emptied at the start.
 */
final class ChaosLab implements AutoCloseable {

    static final String SNAPSHOT_TOPIC = "chaos-offer-snapshots";
    static final String DLQ_TOPIC = "chaos-dlq";
    /** Share of delistings in the workload: twice the default, for more delisting and relisting. */
    private static final double DELISTING_SHARE = 0.02;
    /**
     * The snapshot and dead-letter topics keep every record for the check. Snapshots carry event-time
     * timestamps, so a compacted topic could roll and clean segments at once and remove the intermediate
     * snapshots the check needs (docs/reliability.md); a delete policy without limits removes nothing.
     */
    private static final Map<String, String> KEEP_EVERYTHING = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    private static final String LOG4J = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Added to Stockflow's own logging configuration by the chaos suite: Kafka Streams' state updater
                 says when restoration starts, which is when a restarted instance is back at work. -->
            <Configuration status="WARN">
              <Loggers>
                <Logger name="org.apache.kafka.streams.processor.internals.DefaultStateUpdater" level="INFO"/>
              </Loggers>
            </Configuration>
            """;

    private final ChaosSettings settings;
    private final Path directory;
    private final KillableBroker broker;
    private final SchemaRegistryServer registry;
    private final Cluster cluster;
    private final PacedProducer producer;
    private final List<AppInstance> instances = new ArrayList<>();
    /** Stockflow processes do not watch the harness: should it be stopped (Ctrl-C), they go with it. */
    private final Thread onExit = new Thread(() -> instances.forEach(AppInstance::killIfAlive), "chaos-exit");

    private ChaosLab(final ChaosSettings settings, final Path directory, final KillableBroker broker,
                     final SchemaRegistryServer registry, final Cluster cluster) {
        this.settings = settings;
        this.directory = directory;
        this.broker = broker;
        this.registry = registry;
        this.cluster = cluster;
        this.producer = new PacedProducer(broker.bootstrapServers(), registry.url(), registry.registry(),
                workload(settings));
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts the broker and the registry and creates the topics. */
    static ChaosLab open(final ChaosSettings settings) throws IOException {
        final Path directory = settings.output().toAbsolutePath();
        if (Files.exists(directory)) {
            Utils.delete(directory.toFile());
        }
        Files.createDirectories(directory);
        final KillableBroker broker = new KillableBroker(BrokerHome.allocate(directory.resolve("broker")),
                settings.brokerHeap(), directory.resolve("broker.log"));
        broker.start();
        final SchemaRegistryServer registry = new SchemaRegistryServer(
                InMemorySchemaRegistry.forScope("chaos-" + settings.mode().id()), 0);
        final Cluster cluster = new Cluster(broker.bootstrapServers());
        cluster.createTopics(inputTopics(), settings.partitions(), Map.of());
        cluster.createTopics(List.of(SNAPSHOT_TOPIC, DLQ_TOPIC), settings.partitions(), KEEP_EVERYTHING);
        Files.writeString(directory.resolve("log4j2-chaos.xml"), LOG4J, StandardCharsets.UTF_8);
        return new ChaosLab(settings, directory, broker, registry, cluster);
    }

    /** The generate workload without bad records; its event clock reaches now when the preload is sent. */
    private static WorkloadSettings workload(final ChaosSettings settings) {
        final Duration preloadSpan = Duration.ofMillis((long) (settings.preload() * 1000 / settings.rate()));
        return WorkloadSettings.builder().seed(settings.seed()).offers(settings.offers())
                .eventsPerSecond(settings.rate()).start(Instant.now().minus(preloadSpan))
                .badShare(0).delistingShare(DELISTING_SHARE).orderShare(settings.orderShare()).build();
    }

    static List<String> inputTopics() {
        return Arrays.stream(Input.values()).map(Input::defaultTopic).toList();
    }

    ChaosSettings settings() {
        return settings;
    }

    Path directory() {
        return directory;
    }

    KillableBroker broker() {
        return broker;
    }

    Cluster cluster() {
        return cluster;
    }

    PacedProducer producer() {
        return producer;
    }

    InMemorySchemaRegistry registry() {
        return registry.registry();
    }

    Progress progress() {
        return new Progress(cluster, settings.applicationId(), inputTopics());
    }

    /** A new Stockflow instance (not started) with its own state directory, HTTP port and address. */
    AppInstance newInstance(final String name) {
        final Path home = directory.resolve("instances").resolve(name);
        try {
            Files.createDirectories(home);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot create " + home, e);
        }
        final int port = freePort();
        final AppInstance instance = new AppInstance(name, home, settings, instanceSettings(home, port), port,
                directory.resolve("log4j2-chaos.xml"));
        instances.add(instance);
        return instance;
    }

    private Map<String, String> instanceSettings(final Path home, final int port) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        config.put(StockflowConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        config.put(StockflowConfig.PROCESSING_GUARANTEE_CONFIG, settings.mode().guarantee());
        config.put(StockflowConfig.STATE_DIR_CONFIG, home.resolve("state").toString());
        config.put(StockflowConfig.HTTP_PORT_CONFIG, Integer.toString(port));
        config.put(StockflowConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
        config.put(StockflowConfig.NUM_STREAM_THREADS_CONFIG, "1");
        config.put(StockflowConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(settings.mode().standbyReplicas()));
        config.put(StockflowConfig.TOPIC_SNAPSHOT_CONFIG, SNAPSHOT_TOPIC);
        config.put(StockflowConfig.TOPIC_DLQ_CONFIG, DLQ_TOPIC);
        config.put("kafka.commit.interval.ms", Long.toString(settings.commitIntervalMs()));
        if (settings.sessionTimeoutMs() != null) {
            config.put("kafka.session.timeout.ms", Integer.toString(settings.sessionTimeoutMs()));
        }
        config.putAll(settings.appSettings());
        if (settings.mode() == ChaosMode.SCALE_OUT) {
            // Kafka Streams' shortest probing interval: a new instance takes over tasks within a minute.
            config.put("kafka.probing.rebalance.interval.ms", "60000");
        }
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port for a Stockflow instance", e);
        }
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(onExit);
        instances.forEach(AppInstance::close);
        producer.close();
        registry.close();
        cluster.close();
        broker.close();
    }
}
