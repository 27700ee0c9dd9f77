package dev.stockflow.runtime;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.http.HttpApi;
import dev.stockflow.http.HttpSecurity;
import dev.stockflow.metrics.MetricsRegistry;
import dev.stockflow.metrics.StockflowMetrics;
import dev.stockflow.offer.Input;
import dev.stockflow.query.OfferQueries;
import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreProgressLog;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.restore.RestoreTracker;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryErrors;
import dev.stockflow.serde.SchemaRegistryException;
import dev.stockflow.status.ConsumerLag;
import dev.stockflow.status.MeterTotals;
import dev.stockflow.status.RestorationFigures;
import dev.stockflow.status.RestorationSource;
import dev.stockflow.status.StatusSampler;
import dev.stockflow.status.StatusSources;
import dev.stockflow.topology.OfferTopology;
import dev.stockflow.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Stockflow instance: topics checked and created, the topology running in Kafka Streams,
 * metrics bound and sampled for the status page, state restoration tracked, and the HTTP API serving lookups,
 * health, metrics and the status page.
 */
public final class StockflowProcessor implements AutoCloseable {

    /** Long enough for Kafka Streams to commit and flush its state on a normal stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(StockflowProcessor.class);

    private final SchemaRegistryClient registry;
    private final MetricsRegistry metrics;
    private final KafkaStreams streams;
    private final HttpApi http;
    private final RestoreTracker restore;
    private final RestoreProgressLog restoreLog;
    private final StatusSampler status;
    private final CountDownLatch terminated;
    private final StreamThreadFailureHandler failures;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StockflowProcessor(final SchemaRegistryClient registry, final MetricsRegistry metrics,
                               final KafkaStreams streams, final HttpApi http, final RestoreTracker restore,
                               final StatusSampler status,
                               final CountDownLatch terminated, final StreamThreadFailureHandler failures,
                               final CloseOptions.GroupMembershipOperation onClose) {
        this.registry = registry;
        this.metrics = metrics;
        this.streams = streams;
        this.http = http;
        this.restore = restore;
        this.restoreLog = RestoreProgressLog.start(restore::status);
        this.status = status;
        this.terminated = terminated;
        this.failures = failures;
        this.onClose = onClose;
    }

    /** Checks the topics and the snapshot schema, then starts processing and the HTTP API. */
    public static StockflowProcessor start(final StockflowConfig config) {
        config.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "the processor needs Kafka");
        config.require(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "the processor needs a schema registry");
        LOG.info("Starting Stockflow with {}", ConfigLoader.describe(config));
        final TopologySettings settings = config.topologySettings();
        // Before anything talks to Kafka: a keystore or token file that cannot be used is a configuration error.
        final HttpSecurity security = HttpSecurities.from(config);
        try {
            TopicProvisioner.using(config, TopicProvisioner::prepareForProcessing);
            return start(config, settings, security);
        } catch (final RuntimeException e) {
            security.close();
            throw e;
        }
    }

    private static StockflowProcessor start(final StockflowConfig config, final TopologySettings settings,
                                            final HttpSecurity security) {
        final SchemaRegistryClient registry = RegistryClients.create(config);
        final MetricsRegistry metrics = new MetricsRegistry();
        try {
            return start(config, settings, registry, metrics, security);
        } catch (final RuntimeException e) {
            metrics.close();
            registry.close();
            throw e;
        }
    }

    private static StockflowProcessor start(final StockflowConfig config, final TopologySettings settings,
                                            final SchemaRegistryClient registry, final MetricsRegistry metrics,
                                            final HttpSecurity security) {
        requireSnapshotSchema(registry, settings);
        final int port = httpPort(config);
        final HostInfo self = selfHost(config, port);
        final StockflowMetrics listener = new StockflowMetrics(metrics.registry(), settings);
        final KafkaStreams streams = new KafkaStreams(OfferTopology.build(settings, registry, listener),
                StreamsProperties.of(config, listener, self));
        final StreamThreadFailureHandler failures = new StreamThreadFailureHandler(KafkaAccess.of(config));
        final CountDownLatch terminated = watch(streams, failures);
        // Before start(): Kafka Streams takes the restore listener only then. Never Kafka's restore metrics
        // (RestoreTracker says why).
        final RestoreTracker restore = new RestoreTracker();
        streams.setGlobalStateRestoreListener(restore);
        metrics.bind(streams);
        metrics.bindRestore(restore::status);
        final StatusSampler status = statusSampler(settings, metrics, listener, streams, self, restore);
        try {
            final HttpApi http = new HttpApi(port, new OfferQueries(streams, self, settings.rules()),
                    () -> streams.state().name(), restore::status, metrics::scrape, status::report, security);
            streams.start();
            LOG.info("Stockflow started; {} on port {}, reachable for other instances as {}; status page at "
                    + "{}://localhost:{}/{}", security.tls() ? "HTTPS" : "HTTP", http.port(), self, security.scheme(),
                    http.port(), security.tokens() == null ? "" : " (bearer tokens required)");
            return new StockflowProcessor(registry, metrics, streams, http, restore, status, terminated, failures,
                    membershipOnClose());
        } catch (final IOException e) {
            status.close();
            streams.close(Duration.ZERO);
            throw new UncheckedIOException("Cannot open the HTTP port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces a stream thread that fails, unless Kafka refused it a permission (see
     * {@link StreamThreadFailureHandler}), and logs Kafka Streams' state changes.
     *
     * @return counted down when Kafka Streams stops for good (closed, or failed past recovery)
     */
    private static CountDownLatch watch(final KafkaStreams streams, final StreamThreadFailureHandler failures) {
        final CountDownLatch terminated = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(failures);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                terminated.countDown();
            }
        });
        return terminated;
    }

    /**
     * The status page's figures, sampled once a second on a thread of their own from Stockflow's counters and the
     * Kafka clients' metrics (consumer lag), never on a stream thread.
     */
    private static StatusSampler statusSampler(final TopologySettings settings, final MetricsRegistry metrics,
                                               final StockflowMetrics listener, final KafkaStreams streams,
                                               final HostInfo self, final RestoreTracker restore) {
        final RestorationSource restoration = () -> Optional.of(restorationOf(restore.status()));
        return new StatusSampler(new StatusSources(self.host() + ":" + self.port(), () -> streams.state().name(),
                new MeterTotals(metrics.registry(), listener, settings.topicOf(Input.ORDER)),
                new ConsumerLag(streams::metrics, settings.inputTopicNames()), restoration)).start();
    }

    /** The restore tracker's figures as the status page shows them: the store partitions still restoring. */
    private static RestorationFigures restorationOf(final RestoreStatus status) {
        return new RestorationFigures(status.restoring(), (int) status.currentPartitions().stream()
                .filter(PartitionProgress::restoring).count(), status.restoredRecords(), status.remainingRecords(),
                status.recordsPerSecond(), status.etaSeconds());
    }

    /** Fails at start, not on the first snapshot, when the snapshot schema can be neither found nor registered. */
    private static void requireSnapshotSchema(final SchemaRegistryClient registry, final TopologySettings settings) {
        try {
            OfferTopology.snapshotFormat(registry, settings).schemaId(settings.snapshotSubject());
        } catch (final SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryErrors.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryErrors.SCHEMA_NOT_FOUND) {
                throw new ConfigException("The OfferSnapshot schema is not registered under "
                        + settings.snapshotSubject() + " and auto.register.schemas is false: register it "
                        + "(schemas/OfferSnapshot.avsc) or set auto.register.schemas=true.");
            }
            throw e;
        }
    }

    /** The configured port, or a free one for {@code http.port=0}, known before Kafka Streams needs it. */
    private static int httpPort(final StockflowConfig config) {
        if (config.httpPort() != 0) {
            return config.httpPort();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port for the HTTP API", e);
        }
    }

    /**
     * Where other instances reach this one: {@code application.server}, or {@code localhost:<http.port>}
     * for a single instance, so that lookups always go through key metadata (and answer 503, not 404,
     * for a key whose partition is still being restored).
     */
    private static HostInfo selfHost(final StockflowConfig config, final int port) {
        final String server = config.getString(StockflowConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.isBlank() ? new HostInfo("localhost", port)
                : HostInfo.buildFromEndpoint(server);
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

    /** Where the restoration of this instance's state stores stands. */
    public RestoreStatus restoreStatus() {
        return restore.status();
    }

    /**
     * Blocks until Kafka Streams stops for good (closed, or failed past recovery).
     *
     * @return true when it failed (state ERROR)
     */
    public boolean awaitTermination() throws InterruptedException {
        terminated.await();
        return streams.state() == KafkaStreams.State.ERROR;
    }

    /** Why Kafka Streams failed, in one line, when Stockflow knows: a permission Kafka refused. */
    public Optional<String> failure() {
        return failures.denial();
    }

    /**
     * Every member leaves the consumer group when it stops cleanly, static members included, so that its
     * partitions move to the other instances at once and a stopped application has no members left (which is
     * what {@code reset} waits for). Static membership still spares the rebalance where it matters most: after
     * a crash, the instance comes back under the same id before its session expires.
     */
    private static CloseOptions.GroupMembershipOperation membershipOnClose() {
        return CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    /** Stops the HTTP API, then closes Kafka Streams cleanly (committing and flushing state). */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /** Like {@link #close()} with a bound on the wait for Kafka Streams; closing twice does nothing. */
    public void close(final Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping Stockflow");
        http.close();
        restoreLog.close();
        status.close();
        if (!streams.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(timeout))) {
            LOG.warn("Kafka Streams did not close within {}", timeout);
        }
        metrics.close();
        registry.close();
    }
}
