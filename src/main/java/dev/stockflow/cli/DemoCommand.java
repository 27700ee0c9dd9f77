package dev.stockflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.config.HttpSecuritySettings;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.OfferKey;
import dev.stockflow.runtime.EmbeddedKafkaBroker;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.runtime.RegistryClients;
import dev.stockflow.runtime.StockflowProcessor;
import dev.stockflow.runtime.TopicProvisioner;
import dev.stockflow.runtime.WorkloadRunner;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryServer;
import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import dev.stockflow.workload.WorkloadSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stockflow demo}: everything on one machine with nothing installed. A real Apache Kafka KRaft
 * broker in this JVM, an in-process schema registry, the processor, the workload generator at a modest
 * rate and the HTTP API; a summary line every few seconds; Ctrl-C stops it all and removes its data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run everything on this machine: a real Kafka broker (KRaft), an in-process schema",
            "registry, the processor, a realistic feed and the HTTP API. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    /** The demo's state is thrown away, so a long wait for a clean close buys nothing; Ctrl-C stays quick. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int KAFKA_PORT = 9092;
    private static final int REGISTRY_PORT = 8081;

    @Mixin
    ConfigOption config;

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--events",
            description = "Stop after this many events, with a final summary (default: run until Ctrl-C).")
    Long events;

    @Option(names = "--rate", defaultValue = "1000", description = "Events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--summary-every", defaultValue = "5",
            description = "Seconds between summary lines (default ${DEFAULT-VALUE}).")
    int summarySeconds;

    @Spec
    CommandSpec spec;

    /** Closed first to last when the demo stops; guarded by {@code this}. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean stopping;
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        workload.check(spec.commandLine());
        WorkloadOptions.require(spec.commandLine(), events == null || events >= 1,
                "--events must be at least 1, was " + events);
        WorkloadOptions.require(spec.commandLine(), rate > 0 && Double.isFinite(rate),
                "--rate must be more than 0, was " + rate);
        WorkloadOptions.require(spec.commandLine(), summarySeconds >= 1,
                "--summary-every must be at least 1 second, was " + summarySeconds);
        final PrintWriter out = spec.commandLine().getOut();
        final Thread shutdown = new Thread(this::stopFromSignal, "stockflow-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            return runDemo(out);
        } finally {
            closeAll();
            if (!Thread.currentThread().equals(shutdown)) {
                removeHook(shutdown);
            }
            finished.countDown();
        }
    }

    private int runDemo(final PrintWriter out) throws Exception {
        quietInternalLogs();
        out.println("Starting a Kafka broker (Apache Kafka KRaft, in this process)...");
        out.flush();
        final EmbeddedKafkaBroker broker = closeLast(EmbeddedKafkaBroker.start(preferred(KAFKA_PORT), Map.of()));
        final String scope = "stockflow-demo-" + UUID.randomUUID();
        final SchemaRegistryServer registryServer = closeLast(
                new SchemaRegistryServer(InMemorySchemaRegistry.forScope(scope), preferred(REGISTRY_PORT)));
        // Not under the OS temp directory, which may be cleaned under a running store.
        final Path cache = Files.createDirectories(Path.of(System.getProperty("user.home"), ".cache"));
        final Path stateDir = Files.createTempDirectory(cache, "stockflow-demo-state");
        closeLast(() -> deleteRecursively(stateDir));

        final StockflowConfig settings = config.load(demoOverrides(broker, scope, stateDir));
        TopicProvisioner.using(settings, provisioner ->
                provisioner.createMissingInputs(settings.getInt(StockflowConfig.TOPIC_PARTITIONS_CONFIG)));
        final StockflowProcessor processor = StockflowProcessor.start(settings);
        closeFirst(() -> processor.close(CLOSE_TIMEOUT));
        awaitRunning(processor);

        final SchemaRegistryClient registry = RegistryClients.create(settings);
        final InputProducer producer = closeFirst(new InputProducer(settings, registry));
        DemoShowcase.send(producer, System.currentTimeMillis());
        final long limit = events == null ? Long.MAX_VALUE : events;
        final WorkloadSettings shape = workload.settings(Long.MAX_VALUE, rate);
        final WorkloadRunner runner = new WorkloadRunner(new WorkloadGenerator(shape), producer, limit, rate);
        final Thread feeder = new Thread(runner, "stockflow-demo-feed");
        feeder.setDaemon(true);
        closeFirst(runner::stop);
        feeder.start();

        final int port = processor.httpPort();
        if (!awaitShowcase(port)) {
            spec.commandLine().getErr().println("stockflow demo: the example offer " + DemoShowcase.OFFER_KEY
                    + " is not served after " + STARTUP_TIMEOUT.toSeconds() + " s; the lookups below may answer 404");
        }
        printExamples(out, port, DemoShowcase.OFFER_KEY, firstOfferKey(shape));
        printFeedHint(out, broker.bootstrapServers(), registryServer.url());
        return summarise(out, processor, runner, feeder);
    }

    private Map<String, Object> demoOverrides(final EmbeddedKafkaBroker broker, final String registryScope,
                                              final Path stateDir) {
        final Map<String, Object> overrides = new HashMap<>();
        overrides.put(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        overrides.put(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + registryScope);
        overrides.put(StockflowConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(StockflowConfig.APPLICATION_ID_CONFIG, "stockflow-demo");
        // The demo's own lookups and printed curl commands speak plain HTTP on this machine.
        for (final String secured : List.of(HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG,
                HttpSecuritySettings.TRUSTSTORE_LOCATION_CONFIG, HttpSecuritySettings.TOKENS_FILE_CONFIG)) {
            overrides.put(secured, "");
        }
        final int port = config.load(Map.of()).httpPort();
        if (!isFree(port)) {
            spec.commandLine().getErr().println("Port " + port + " is in use; the HTTP API takes a free port instead"
                    + " (set STOCKFLOW_HTTP_PORT to choose one).");
            overrides.put(StockflowConfig.HTTP_PORT_CONFIG, 0);
        }
        return overrides;
    }

    private int summarise(final PrintWriter out, final StockflowProcessor processor, final WorkloadRunner runner,
                          final Thread feeder) throws InterruptedException {
        final DemoSummary summary = new DemoSummary(processor.metrics().registry());
        final long started = System.nanoTime();
        while (true) {
            final boolean feederDone = !feeder.isAlive();
            if (feederDone && summary.eventsProcessed() >= runner.sent() + DemoShowcase.EVENTS) {
                out.println("Done: all " + runner.sent() + " events processed.");
                out.println(summary.totals(System.nanoTime() - started));
                out.flush();
                return ExitCodes.OK;
            }
            if (finished.await(summarySeconds, TimeUnit.SECONDS)) {
                return ExitCodes.OK;
            }
            out.printf("[%4ds] %s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), summary.line());
            out.flush();
        }
    }

    private void printExamples(final PrintWriter out, final int port, final String offerKey, final String hotOffer) {
        out.println();
        out.println("Stockflow is running. Watch it live on its status page (refreshes itself every second):");
        out.println("  http://localhost:" + port + "/");
        out.println("Try:");
        out.println("  curl -s http://localhost:" + port + offerPath(offerKey));
        out.println("  curl -s http://localhost:" + port + "/metrics | grep '^stockflow_'");
        out.println("  curl -s http://localhost:" + port + "/health/ready");
        // Not as a curl of its own: the feed delists its offers now and then, and a printed command must work.
        out.println("The synthetic feed's hottest offer, " + hotOffer + ", changes several times a second;");
        out.println("look it up the same way (" + offerPath(hotOffer) + "), though the feed delists it now and then.");
        out.println();
        out.flush();
    }

    private static void printFeedHint(final PrintWriter out, final String bootstrap, final String registryUrl) {
        out.println("Kafka is at " + bootstrap + " and a schema registry at " + registryUrl + "; to feed your own");
        out.println("files from another terminal:");
        out.println("  STOCKFLOW_BOOTSTRAP_SERVERS=" + bootstrap + " STOCKFLOW_SCHEMA_REGISTRY_URL=" + registryUrl
                + " ./stockflow feed FILE...");
        out.println("Press Ctrl-C to stop.");
        out.println();
        out.flush();
    }

    /**
     * The demo's broker is an implementation detail: its transient errors while transactions start up
     * (retried by the clients) would only bury the summary. Production logging is left as configured.
     */
    private static void quietInternalLogs() {
        Configurator.setLevel("kafka", Level.FATAL);
        Configurator.setLevel("state.change.logger", Level.FATAL);
        Configurator.setLevel("org.apache.kafka.clients.producer.internals.Sender", Level.ERROR);
        Configurator.setLevel("org.apache.kafka.streams.StreamsConfig", Level.ERROR);
    }

    /** The well-known port when it is free, else 0 (any free port). */
    private static int preferred(final int port) {
        return isFree(port) ? port : 0;
    }

    /** The offer of the workload's first valid event: the generator is seeded, so it is known in advance. */
    private static String firstOfferKey(final WorkloadSettings shape) {
        final WorkloadGenerator preview = new WorkloadGenerator(shape);
        while (true) {
            final GeneratedEvent event = preview.next();
            if (!event.isBad()) {
                return event.key();
            }
        }
    }

    private static void awaitRunning(final StockflowProcessor processor) throws InterruptedException {
        final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (processor.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || processor.streams().state().hasCompletedShutdown()) {
                throw new IllegalStateException(
                        "the processor did not start (state " + processor.streams().state() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Waits until the example offer is served, so the printed commands work when they are shown. */
    /** True once the offer is served, false when it is not within the start-up timeout. */
    /** Waits until a lookup of the example offer shows all of its events, so the printed lookups show them too. */
    private static boolean awaitShowcase(final int port) throws InterruptedException {
        final URI uri = URI.create("http://localhost:" + port + offerPath(DemoShowcase.OFFER_KEY));
        final HttpClient client = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                final HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && DemoShowcase.isShownIn(JSON.readTree(answer.body()))) {
                    return true;
                }
            } catch (final IOException e) {
                // not serving yet
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return false;
    }

    private static String offerPath(final String offerKey) {
        return "/offers/" + encode(OfferKey.partnerId(offerKey)) + "/" + encode(OfferKey.sku(offerKey));
    }

    private static String encode(final String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isFree(final int port) {
        if (port == 0) {
            return true;
        }
        try {
            new ServerSocket(port).close();
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private void stopFromSignal() {
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("Stopping...");
        spec.commandLine().getOut().flush();
        closeAll();
        finished.countDown();
    }

    /** Registers something to close before everything registered so far (what depends on the rest). */
    private synchronized <T extends AutoCloseable> T closeFirst(final T resource) {
        return register(resource, 0);
    }

    /** Registers something to close after everything registered so far (what the rest depends on). */
    private synchronized <T extends AutoCloseable> T closeLast(final T resource) {
        return register(resource, resources.size());
    }

    private <T extends AutoCloseable> T register(final T resource, final int position) {
        if (stopping) {
            // Ctrl-C came while this was starting: it must not outlive the demo.
            closeQuietly(resource);
            throw new IllegalStateException("stopping");
        }
        resources.add(position, resource);
        return resource;
    }

    /** Closes in order: feed, producer, processor, then the registry, the broker and the data. */
    private synchronized void closeAll() {
        stopping = true;
        resources.forEach(this::closeQuietly);
        resources.clear();
    }

    private void closeQuietly(final AutoCloseable resource) {
        try {
            resource.close();
        } catch (final Exception e) {
            spec.commandLine().getErr().println("While stopping: " + e);
        }
    }

    private static void removeHook(final Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException e) {
            // already shutting down
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
