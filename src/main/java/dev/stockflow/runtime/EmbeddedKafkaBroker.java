package dev.stockflow.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one node) running in this
 * JVM on Kafka's own server code, for the demo (and, in a child JVM, the benchmark and the chaos suite).
 *
 * <p>{@link #start} puts its data in a fresh temporary directory that {@link #close()} deletes, so every
 * start is a brand-new cluster. {@link #startKeepingData} runs it on a given directory and fixed ports and
 * leaves the data there, so that the chaos suite can kill it and start the same cluster again. Not for
 * production: one replica, no security.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {


    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Written by the formatter: a directory holding it belongs to a formatted node. */
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final String bootstrapServers;
    private final boolean deleteOnClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(final KafkaRaftServer server, final Path dataDirectory, final int port,
                                final boolean deleteOnClose) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.bootstrapServers = HOST + ":" + port;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a broker on a free port with the {@linkplain SingleNodeBrokerSettings dev-cluster settings}. */
    public static EmbeddedKafkaBroker start() {
        return start(0, Map.of());
    }

    /**
     * Starts a broker and returns once it accepts clients.
     *
     * @param port the client port, or 0 to pick a free one
     * @param overrides broker configs that replace or extend the dev-cluster settings
     */
    public static EmbeddedKafkaBroker start(final int port, final Map<String, String> overrides) {
        final Path dataDirectory = createDataDirectory();
        try {
            final int[] freePorts = freePorts(port == 0 ? 2 : 1);
            final int clientPort = port == 0 ? freePorts[1] : port;
            return launch(dataDirectory, clientPort, freePorts[0], overrides, true);
        } catch (final RuntimeException e) {
            deleteQuietly(dataDirectory);
            throw e;
        }
    }

    /**
     * Starts a broker on {@code dataDirectory}, formatting it first only when it holds no formatted node yet,
     * and leaves the data there on {@link #close()}: started again on the same directory and ports (after a
     * clean stop or a kill), it is the same cluster with its topics, committed offsets and transactions.
     * The controller port is fixed too, because the node finds its controller quorum by it.
     *
     * @param port           the client port
     * @param controllerPort the KRaft controller port
     * @param overrides      broker configs that replace or extend the dev-cluster settings
     */
    public static EmbeddedKafkaBroker startKeepingData(final Path dataDirectory, final int port,
                                                       final int controllerPort, final Map<String, String> overrides) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create the Kafka data directory " + dataDirectory, e);
        }
        return launch(dataDirectory, port, controllerPort, overrides, false);
    }

    private static EmbeddedKafkaBroker launch(final Path dataDirectory, final int clientPort, final int controllerPort,
                                              final Map<String, String> overrides, final boolean deleteOnClose) {
        final long startedAt = System.nanoTime();
        final KafkaRaftServer server = newServer(dataDirectory, clientPort, controllerPort, overrides);
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDirectory, clientPort, deleteOnClose);
        broker.startServer();
        log.info("Kafka broker ready at {} in {} ms",
            broker.bootstrapServers, (System.nanoTime() - startedAt) / 1_000_000);
        return broker;
    }

    private static KafkaRaftServer newServer(final Path dataDirectory, final int clientPort, final int controllerPort,
                                             final Map<String, String> overrides) {
        final Map<String, String> settings = brokerConfig(dataDirectory, clientPort, controllerPort, overrides);
        final KafkaConfig config = new KafkaConfig(settings, false);
        if (!Files.exists(dataDirectory.resolve(META_PROPERTIES))) {
            formatStorage(dataDirectory);
        }
        return new KafkaRaftServer(config, Time.SYSTEM);
    }

    /** Returns once the broker is registered with its controller and unfenced, i.e. serves clients. */
    private void startServer() {
        try {
            server.startup();
        } catch (final RuntimeException e) {
            // A half-started server still holds ports, threads and file locks.
            Utils.swallow(log, Level.WARN, "stopping a Kafka broker that failed to start", this::stopServer);
            throw e;
        }
    }

    private void stopServer() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The {@code bootstrap.servers} value for clients of this broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the broker keeps its logs and metadata; gone after {@link #close()} unless the data is kept. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the broker and deletes its data, unless it was started by {@link #startKeepingData}. Safe to call
     * more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopServer();
        } finally {
            if (deleteOnClose) {
                deleteQuietly(dataDirectory);
            }
        }
        log.info("Kafka broker at {} stopped", bootstrapServers);
    }


    private static Map<String, String> brokerConfig(final Path dataDirectory, final int clientPort,
                                                    final int controllerPort, final Map<String, String> overrides) {
        final Map<String, String> config = new HashMap<>(SingleNodeBrokerSettings.devCluster());
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
            + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        config.put("listener.security.protocol.map",
            CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("log.dirs", dataDirectory.toString());
        config.putAll(overrides);
        return config;
    }

    /** What {@code kafka-storage.sh format} does: a new cluster id and meta.properties, plus the bootstrap metadata. */
    private static void formatStorage(final Path dataDirectory) {
        final Formatter formatter = new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .addDirectory(dataDirectory.toString())
            .setMetadataLogDirectory(dataDirectory.toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setReleaseVersion(MetadataVersion.latestProduction());
        try {
            formatter.run();
        } catch (final Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDirectory, e);
        }
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("stockflow-kafka-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create a data directory for the Kafka broker", e);
        }
    }

    /**
     * Distinct ports nobody listens on right now (held open together, so they differ). Another process could
     * take one before the broker binds it; that is rare enough for a dev or test broker, and the start then
     * fails loudly.
     */
    public static int[] freePorts(final int count) {
        final ServerSocket[] sockets = new ServerSocket[count];
        try {
            final int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port for the Kafka broker", e);
        } finally {
            for (final ServerSocket socket : sockets) {
                Utils.closeQuietly(socket, "port probe");
            }
        }
    }


    private static void deleteQuietly(final Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (final IOException e) {
            log.warn("Could not delete Kafka data directory {}", directory, e);
        }
    }
}
