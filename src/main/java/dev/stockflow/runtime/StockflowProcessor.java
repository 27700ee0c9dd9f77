package dev.stockflow.runtime;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.http.HttpApi;
import dev.stockflow.metrics.MetricsRegistry;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.query.OfferQueries;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryClients;
import dev.stockflow.topology.OfferTopology;
import dev.stockflow.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Stockflow instance: topics checked and created, the topology running in Kafka Streams,
 * metrics bound, and the HTTP API serving lookups, health and metrics.
 */
public final class StockflowProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockflowProcessor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SchemaRegistryClient registry;
    private final MetricsRegistry metrics;
    private final KafkaStreams streams;
    private final HttpApi http;

    private StockflowProcessor(final SchemaRegistryClient registry, final MetricsRegistry metrics,
                               final KafkaStreams streams, final HttpApi http) {
        this.registry = registry;
        this.metrics = metrics;
        this.streams = streams;
        this.http = http;
    }

    /** Checks the topics, then starts processing and the HTTP API; returns once both are started. */
    public static StockflowProcessor start(final StockflowConfig config) {
        config.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "the processor needs Kafka");
        config.require(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "the processor needs a schema registry");
        LOG.info("Starting Stockflow with {}", ConfigLoader.describe(config));
        final TopologySettings settings = config.topologySettings();
        TopicProvisioner.using(config, TopicProvisioner::prepareForProcessing);

        final SchemaRegistryClient registry = SchemaRegistryClients.create(config.registrySettings());
        final MetricsRegistry metrics = new MetricsRegistry();
        final StockflowMetrics listener = new StockflowMetrics(metrics.registry(), settings);
        final KafkaStreams streams = new KafkaStreams(OfferTopology.build(settings, registry, listener),
                StreamsProperties.of(config, listener));
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
        metrics.bind(streams);

        final HttpApi http;
        try {
            http = new HttpApi(config.httpPort(),
                    new OfferQueries(streams, selfHost(config), settings.rules()),
                    () -> streams.state().name(), metrics::scrape);
        } catch (final IOException e) {
            metrics.close();
            registry.close();
            throw new UncheckedIOException("Cannot open the HTTP port " + config.httpPort() + ": " + e.getMessage(), e);
        }
        streams.start();
        LOG.info("Stockflow started; HTTP on port {}", http.port());
        return new StockflowProcessor(registry, metrics, streams, http);
    }

    private static HostInfo selfHost(final StockflowConfig config) {
        final String server = config.getString(StockflowConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public MetricsRegistry metrics() {
        return metrics;
    }

    /** Stops the HTTP API, then closes Kafka Streams cleanly (committing and flushing state). */
    @Override
    public void close() {
        LOG.info("Stopping Stockflow");
        http.close();
        final boolean closed = streams.close(CLOSE_TIMEOUT);
        if (!closed) {
            LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
        }
        metrics.close();
        registry.close();
    }
}
