package dev.stockflow.bench.chaos;

import dev.stockflow.workload.WorkloadSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos suite ({@code bench/chaos}): a real broker and Stockflow processes, killed with SIGKILL while
 * they work through a paced input, and a {@code read_committed} check of what they committed against the
 * reference model. Prints a table and writes {@code result.json}; exits 0 only when every check passed, 1
 * when one did not, 2 for a bad option. See docs/reliability.md.
 */
@Command(name = "bench/chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kill Stockflow and its broker while they work; check nothing was lost or written twice.",
            "Without --short: the full run (20 kills, 5 broker restarts, 1,000,000 events; about half an hour).",
            "See docs/reliability.md."})
public final class Chaos implements Callable<Integer> {

    @Option(names = "--short", description = "The short run CI makes: 3 kills, 1 broker restart, 50,000 events, "
            + "session.timeout.ms=6000 (a few minutes).")
    boolean quick;

    @Option(names = "--mode", defaultValue = "eos",
            description = "eos, alos (the at-least-once control), failover or scale-out (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--events", description = "Input events at least, preload included.")
    Long events;

    @Option(names = "--preload", description = "Events produced before Stockflow starts.")
    Long preload;

    @Option(names = "--rate", description = "Events per second produced during the run.")
    Double rate;

    @Option(names = "--offers", defaultValue = "10000", description = "Offers in the workload (default ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions per input topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "7", description = "Workload and fault seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--order-share", defaultValue = "0.1",
            description = "Share of order lines among the events, as in generate and the demo "
                    + "(default ${DEFAULT-VALUE}).")
    double orderShare;

    @Option(names = "--kills", description = "SIGKILLs of Stockflow.")
    Integer kills;

    @Option(names = "--broker-restarts", description = "SIGKILLs and restarts of the broker.")
    Integer brokerRestarts;

    @Option(names = "--commit-interval-ms", description = "Kafka Streams' commit.interval.ms (long, so that kills "
            + "land inside transactions).")
    Long commitIntervalMs;

    @Option(names = "--session-timeout-ms", description = "The consumers' session.timeout.ms; 0 for Kafka's default.")
    Integer sessionTimeoutMs;

    @Option(names = "--app-heap", defaultValue = "512m", description = "-Xmx of each Stockflow JVM (default ${DEFAULT-VALUE}).")
    String appHeap;

    @Option(names = "--broker-heap", defaultValue = "1g", description = "-Xmx of the broker JVM (default ${DEFAULT-VALUE}).")
    String brokerHeap;

    @Option(names = "--node-budget", description = "Events the checker may try per offer before it gives up on it "
            + "(default 2,000,000; 100,000 for alos, whose records are expected not to be explained).")
    Long nodeBudget;

    @Option(names = "--recovery-timeout-s", defaultValue = "300",
            description = "Seconds Stockflow may take to work again after a fault (default ${DEFAULT-VALUE}).")
    long recoveryTimeoutSeconds;

    @Option(names = "--jar", defaultValue = "target/stockflow.jar",
            description = "The runnable Stockflow jar (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--app-setting", paramLabel = "KEY=VALUE",
            description = "A further setting of every Stockflow instance (repeatable), e.g. "
                    + "kafka.enable.transactional.statestores=true.")
    Map<String, String> appSettings = new LinkedHashMap<>();

    @Option(names = "--output", description = "Where everything of the run goes (default target/chaos/<mode>[-short]).")
    Path output;

    public static void main(final String[] args) {
        // The harness's own clients (producer, admin) lose the broker it kills on purpose and reconnect by
        // themselves: their warnings about it are expected and would bury the harness's own lines.
        Configurator.setLevel(Map.of("org.apache.kafka.clients", Level.ERROR,
                "org.apache.kafka.clients.NetworkClient", Level.ERROR));
        System.exit(new CommandLine(new Chaos()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(orderShare >= 0 && orderShare <= WorkloadSettings.MAX_ORDER_SHARE)) {
            // Checked before the broker starts: a refused workload must not leave a broker process behind.
            System.err.println("bench/chaos: --order-share must be between 0 and "
                    + WorkloadSettings.MAX_ORDER_SHARE + ", was " + orderShare);
            return 2;
        }
        final ChaosSettings settings = settings();
        if (!Files.isRegularFile(settings.jar())) {
            throw new CommandLine.ParameterException(new CommandLine(this), settings.jar()
                    + " is missing: build it with mvn -DskipTests package (bench/chaos does)");
        }
        final ChaosResult result = ChaosRun.execute(settings);
        final String table = new ChaosReport(result).write(settings.output());
        // The table is this command's output.
        System.out.println();
        System.out.print(table);
        System.out.println("Results: " + settings.output().resolve("result.json"));
        return result.passed() ? 0 : 1;
    }

    private ChaosSettings settings() {
        final ChaosMode chosen = ChaosMode.byId(mode);
        final Integer session = sessionTimeoutMs != null ? sessionTimeoutMs : quick ? Integer.valueOf(6000) : null;
        return new ChaosSettings(chosen, quick,
                pick(events, 50_000L, 1_000_000L), pick(preload, 15_000L, 200_000L), pick(rate, 400.0, 800.0),
                offers, partitions, seed, orderShare, pick(kills, 3, 20), pick(brokerRestarts, 1, 5),
                pick(commitIntervalMs, 2_000L, 3_000L), session == null || session == 0 ? null : session,
                appHeap, brokerHeap, nodeBudget != null ? nodeBudget : chosen.exactlyOnce() ? 2_000_000L : 100_000L,
                Duration.ofSeconds(recoveryTimeoutSeconds),
                output != null ? output : Path.of("target", "chaos", chosen.id() + (quick ? "-short" : "")), jar,
                appSettings);
    }

    private <T> T pick(final T given, final T shortRun, final T fullRun) {
        return given != null ? given : quick ? shortRun : fullRun;
    }
}
