package dev.stockflow.bench;

import dev.stockflow.bench.broker.BrokerProcess;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryServer;
import dev.stockflow.workload.WorkloadSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark, start to end: a broker in its own JVM with a fresh data directory, a registry, the
 * preloaded input and its expected snapshots (and, for the cases with orders, the same workload with order
 * lines beside it), a discarded warm-up, the cases in turn (round-robin over the repetitions, so that a busy
 * moment of the machine does not fall on one case only), then the latency, profile and scale runs asked for.
 */
final class BenchRun {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);
    private static final Duration BROKER_START = Duration.ofMinutes(3);
    private static final int LOCATIONS_PER_OFFER = 3;

    private final BenchEnvironment env;
    private final CaseRunner runner;
    private final Preloader preloader;
    private final BenchResults results = new BenchResults();

    private BenchRun(final BenchEnvironment env) {
        this.env = env;
        this.runner = new CaseRunner(env);
        this.preloader = new Preloader(env.cluster(), env.registry().registry(), env.registryUrl());
    }

    /** Runs everything the options ask for and returns what was measured. */
    static BenchResults execute(final BenchOptions options) throws IOException, InterruptedException {
        Files.createDirectories(options.outputDirectory());
        Files.deleteIfExists(options.outputDirectory().resolve("mismatches.txt"));
        final Path work = Files.createTempDirectory("stockflow-bench-");
        try (BrokerProcess broker = BrokerProcess.start(options.brokerHeap(), BROKER_START);
             Cluster cluster = new Cluster(broker.bootstrapServers());
             SchemaRegistryServer registry = new SchemaRegistryServer(InMemorySchemaRegistry.forScope("bench"), 0)) {
            final BenchRun run = new BenchRun(new BenchEnvironment(options, broker, cluster, registry, work));
            run.runAll();
            return run.results;
        } finally {
            Utils.delete(work.toFile());
        }
    }

    private void runAll() throws InterruptedException {
        final BenchOptions options = env.options();
        final Dataset data = prepare("default", "", WorkloadSettings.builder().seed(options.seed())
                .offers(options.offers()), false, options.events());
        results.dataset(data);
        // The same workload with a share of order lines, for the cases that measure what orders cost.
        final Dataset withOrders = options.cases().stream().anyMatch(BenchCase::withOrders)
                ? prepare("orders", "orders-", WorkloadSettings.builder().seed(options.seed()).offers(options.offers())
                        .orderShare(options.orderShare()), false, options.events())
                : null;
        results.ordersDataset(withOrders);
        // Warm-up rounds, discarded: a plain and a transactional run bring the input into the page cache and
        // get the broker's code for both kinds of produce compiled, as in a broker that has been up for a while.
        for (int warmup = 1; warmup <= options.warmupRuns(); warmup++) {
            final String label = "warmup" + warmup;
            attempt(() -> runner.run(BenchCase.PASSTHROUGH, data, label, 0, null), "warm-up " + warmup);
            attempt(() -> runner.run(BenchCase.STOCKFLOW_EOS, data, label, 0, null), "warm-up " + warmup);
        }
        for (int repetition = 1; repetition <= options.repeat(); repetition++) {
            for (final BenchCase benchCase : options.cases()) {
                final int number = repetition;
                final Dataset input = benchCase.withOrders() ? withOrders : data;
                final RunResult result = attempt(() -> runner.run(benchCase, input, Integer.toString(number), number,
                        null), benchCase.id() + " run " + repetition);
                if (result != null) {
                    results.add(result);
                }
            }
        }
        if (options.latency()) {
            runLatency();
        }
        if (options.profile()) {
            runProfile(data);
        }
        if (options.scale()) {
            options.scalePoints().forEach(this::runScalePoint);
        }
    }

    private Dataset prepare(final String name, final String topicPrefix, final WorkloadSettings.Builder shape,
                            final boolean initialStock, final long steadyEvents) {
        final Workload workload = Workload.endingNow(shape, initialStock, steadyEvents);
        final Dataset loaded = preloader.preload(name, topicPrefix, workload, env.options().partitions());
        final long started = System.nanoTime();
        final ExpectedSnapshots.Expectation expectation = ExpectedSnapshots.compute(workload, RuleSettings.DEFAULTS,
                Runtime.getRuntime().maxMemory() / 3);
        LOG.info("Reference model: {} offers with a final snapshot, outcomes {}, in {} pass(es), {} s",
                expectation.snapshots().size(), expectation.outcomes(), expectation.passes(),
                (System.nanoTime() - started) / 1_000_000_000);
        return loaded.withExpectation(expectation);
    }

    private void runLatency() throws InterruptedException {
        try {
            results.latency(new LatencyCase(env).run());
        } catch (final RuntimeException e) {
            LOG.error("The latency run failed", e);
            results.failed("latency: " + e.getMessage());
        }
    }

    private void runProfile(final Dataset data) {
        final Path recording = env.directory("profile").resolve("stockflow-eos.jfr");
        final RunResult run = attempt(() -> runner.run(BenchCase.STOCKFLOW_EOS, data, "profiled", 0, recording),
                "profiled run");
        if (run != null) {
            final JfrSummary.Summary summary = JfrSummary.of(recording);
            writeText(env.directory("profile").resolve("profile.txt"), JfrSummary.describe(summary));
            results.profile(new BenchResults.Profile(run, summary, recording.toString()));
        }
    }

    private void runScalePoint(final int offerLocations) {
        final int offers = (offerLocations + LOCATIONS_PER_OFFER - 1) / LOCATIONS_PER_OFFER;
        final String name = "scale" + offerLocations;
        final WorkloadSettings.Builder shape = WorkloadSettings.builder().seed(env.options().seed()).offers(offers)
                .locationsPerOffer(LOCATIONS_PER_OFFER);
        try {
            final Dataset data = prepare(name, name + "-", shape, true, env.options().scaleEvents());
            final List<RunResult> runs = new ArrayList<>();
            for (int repetition = 1; repetition <= env.options().scaleRepeat(); repetition++) {
                final int number = repetition;
                final RunResult result = attempt(() -> runner.run(BenchCase.STOCKFLOW_EOS, data,
                        Integer.toString(number), number, null), name + " run " + repetition);
                if (result != null) {
                    runs.add(result);
                }
            }
            results.scale(new BenchResults.ScalePoint(offerLocations, data.withExpectation(null), runs));
            env.cluster().deleteTopics(topic -> topic.startsWith(name + "-"));
        } catch (final RuntimeException e) {
            LOG.error("The scale run at {} offer-locations failed", offerLocations, e);
            results.failed(name + ": " + e.getMessage());
        }
    }

    private RunResult attempt(final Supplier<RunResult> run, final String what) {
        try {
            return run.get();
        } catch (final RuntimeException e) {
            LOG.error("{} failed", what, e);
            results.failed(what + ": " + e.getMessage());
            return null;
        }
    }

    private static void writeText(final Path file, final String text) {
        try {
            Files.writeString(file, text);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
