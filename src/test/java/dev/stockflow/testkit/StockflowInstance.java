package dev.stockflow.testkit;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.runtime.StockflowProcessor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;

/** A real Stockflow processor started in the test JVM against a test cluster, with HTTP helpers. */
public final class StockflowInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StockflowProcessor processor;

    private StockflowInstance(final StockflowProcessor processor) {
        this.processor = processor;
    }

    /** Starts an instance and waits until Kafka Streams is RUNNING. */
    public static StockflowInstance start(final TestTopics topics, final Map<String, Object> extra) throws IOException {
        final StockflowInstance instance = launch(topics, extra);
        Awaitility.await("Kafka Streams RUNNING").atMost(Duration.ofSeconds(60))
                .until(() -> instance.processor.streams().state() == KafkaStreams.State.RUNNING);
        return instance;
    }

    /**
     * Starts an instance without waiting for Kafka Streams to run, with a state directory of its own: a new
     * instance of the same application restores its stores from the changelogs.
     */
    public static StockflowInstance launch(final TestTopics topics, final Map<String, Object> extra)
            throws IOException {
        final int port = freePort();
        final Map<String, Object> settings = new HashMap<>(topics.settings());
        settings.put(StockflowConfig.HTTP_PORT_CONFIG, port);
        settings.put(StockflowConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
        settings.put(StockflowConfig.STATE_DIR_CONFIG,
                Files.createDirectories(Path.of("target", "it-state", topics.prefix() + "-" + port)).toString());
        settings.put("commit.interval.ms", 100);
        settings.putAll(extra);
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), settings);
        return new StockflowInstance(StockflowProcessor.start(config));
    }

    public KafkaStreams streams() {
        return processor.streams();
    }

    public int port() {
        return processor.httpPort();
    }

    /** Why Kafka Streams failed, when Stockflow knows (see {@link StockflowProcessor#failure()}). */
    public Optional<String> failure() {
        return processor.failure();
    }

    public RestoreStatus restoreStatus() {
        return processor.restoreStatus();
    }

    /** GET on this instance's HTTP API. */
    public HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processor.close();
    }
}
