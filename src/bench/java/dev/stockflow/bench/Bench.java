package dev.stockflow.bench;

import dev.stockflow.workload.WorkloadSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness ({@code bench/run}): where Stockflow stands against the physical limit (a plain
 * passthrough) and against a typical Kafka Streams DSL implementation of the same rules, all on one
 * preloaded input, on one machine, in one run. Prints a table and writes {@code result.json}. Exits 0
 * when every run finished and every output was right, 1 otherwise.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark Stockflow against a passthrough and a Kafka Streams DSL peer.",
            "Starts its own Kafka broker (a child JVM), preloads the generate workload, runs each case in",
            "its own JVM, checks every output against the reference model. See docs/benchmark.md."})
public final class Bench implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "5000000", description = "Events to preload (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs per case (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per input topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--offers", defaultValue = "10000", description = "Offers in the workload (default ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Discarded warm-up rounds (a passthrough and a Stockflow EOS run each) before measuring "
                    + "(default ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--cases", split = ",",
            defaultValue = "passthrough,stockflow-eos,stockflow-eos-orders,stockflow-alos,peer",
            description = "Cases to run (default ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--order-share", defaultValue = "0.1",
            description = "Share of order lines among the events of the second data set, the one "
                    + "stockflow-eos-orders runs over (default ${DEFAULT-VALUE}).")
    double orderShare;

    @Option(names = "--skip-peer", description = "Leave out the DSL peer (the slowest case).")
    boolean skipPeer;

    @Option(names = "--peer-guarantee", defaultValue = "exactly_once_v2",
            description = "Processing guarantee of the peer (default ${DEFAULT-VALUE}).")
    String peerGuarantee;

    @Option(names = "--skip-latency", description = "Leave out the latency run.")
    boolean skipLatency;

    @Option(names = "--latency-rate", defaultValue = "50000",
            description = "Input rate of the latency run, events/s (default ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "60",
            description = "Measured seconds of the latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    // A fresh JVM on a small machine handles a fraction of the rate while its code is compiled; the backlog of
    // those first seconds is not what "steady" means, so it must drain before measuring.
    @Option(names = "--latency-warmup-seconds", defaultValue = "60",
            description = "Unmeasured seconds before them, while the fresh application JVM warms up and any "
                    + "backlog of its first seconds drains (default ${DEFAULT-VALUE}).")
    int latencyWarmupSeconds;

    @Option(names = "--skip-scale", description = "Leave out the scale runs (Stockflow EOS at growing state sizes).")
    boolean skipScale;

    @Option(names = "--scale-points", split = ",", defaultValue = "100000,1000000,10000000",
            description = "Distinct offer-locations of the scale runs (default ${DEFAULT-VALUE}).")
    List<Integer> scalePoints;

    @Option(names = "--scale-events", description = "Workload events after the initial feed (default: --events).")
    Long scaleEvents;

    @Option(names = "--scale-repeat", description = "Runs per scale point (default: 1, as the 10M point alone "
            + "takes minutes).")
    Integer scaleRepeat;

    // Read by bench/run, which runs bench/jmh after the harness; declared here so that --help lists it.
    @Option(names = "--skip-jmh", description = "Leave out the JMH microbenchmarks that bench/run runs afterwards.")
    boolean skipJmh;

    @Option(names = "--skip-profile",
            description = "Leave out the extra Stockflow EOS run with a flight recording and its summary.")
    boolean skipProfile;

    @Option(names = "--app-heap", defaultValue = "512m",
            description = "-Xmx of each application JVM; 512m is what the Helm chart's defaults give (default ${DEFAULT-VALUE}).")
    String appHeap;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "-Xmx of the broker JVM (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--output", defaultValue = "target/bench", description = "Where results go (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--stockflow-set", paramLabel = "KEY=VALUE",
            description = "A Stockflow setting for its runs (repeatable), e.g. num.stream.threads=2.")
    Map<String, String> stockflowSettings = new LinkedHashMap<>();

    public static void main(final String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(orderShare > 0 && orderShare <= WorkloadSettings.MAX_ORDER_SHARE)) {
            System.err.println("bench/run: --order-share must be above 0 and at most "
                    + WorkloadSettings.MAX_ORDER_SHARE + ", was " + orderShare);
            return 2;
        }
        final Instant started = Instant.now();
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        final BenchOptions options = options();
        final BenchResults results = BenchRun.execute(options);
        final String table = new ResultReport(options, results, started, load).write();
        // The table is this command's output.
        System.out.println();
        System.out.print(table);
        System.out.println("\nResults: " + options.outputDirectory().resolve("result.json"));
        return results.allCorrect() ? 0 : 1;
    }

    private BenchOptions options() {
        final List<BenchCase> selected = new ArrayList<>();
        for (final String id : cases) {
            final BenchCase benchCase = BenchCase.byId(id.trim());
            if (!(skipPeer && benchCase == BenchCase.PEER)) {
                selected.add(benchCase);
            }
        }
        return new BenchOptions(events, repeat, partitions, offers, seed, warmupRuns, List.copyOf(selected),
                orderShare, peerGuarantee, !skipLatency, latencyRate, latencySeconds, latencyWarmupSeconds, !skipScale,
                List.copyOf(scalePoints), scaleEvents == null ? events : scaleEvents,
                scaleRepeat == null ? 1 : scaleRepeat, !skipProfile, appHeap, brokerHeap, output.toAbsolutePath(),
                Map.copyOf(stockflowSettings));
    }
}
