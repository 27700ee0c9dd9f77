package dev.stockflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: runs it end to end on a tiny input (one repetition of every
 * case, a few seconds of the latency run) exactly as {@code bench/run} does, in its own JVM, and checks
 * that it wrote a complete result whose correctness check passed. Says nothing about speed.
 */
class BenchSmokeIT {

    private static final Path BENCH_CLASSES = Path.of("target", "bench-classes");
    private static final Path OUTPUT = Path.of("target", "bench-smoke");
    private static final long TIMEOUT_MINUTES = 5;
    private static final int MAX_PROBLEM_LINES = 40;
    private static final List<String> CASES = List.of("passthrough", "stockflow-eos", "stockflow-eos-orders",
            "stockflow-alos", "peer");

    @Test
    void shouldMeasureEveryCaseAndCheckItsOutputOnATinyInput() throws Exception {
        // Given
        final List<String> command = harness("--events", "10000", "--repeat", "1", "--warmup", "0",
                "--latency-rate", "2000", "--latency-seconds", "3", "--latency-warmup-seconds", "2", "--skip-scale",
                "--skip-profile",
                "--app-heap", "384m", "--broker-heap", "512m", "--output", OUTPUT.toString());
        Files.createDirectories(OUTPUT);
        Files.deleteIfExists(OUTPUT.resolve("result.json"));

        // When
        final Process bench = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(OUTPUT.resolve("harness.log").toFile()).start();
        final boolean ended = bench.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }

        // Then
        assertThat(ended).as("the harness ended within " + TIMEOUT_MINUTES + " minutes").isTrue();
        assertThat(bench.exitValue()).as("exit code (0: every run finished and every output was right); from "
                + OUTPUT.resolve("harness.log") + ":%n%s", problems()).isZero();
        final JsonNode result = new ObjectMapper().readTree(OUTPUT.resolve("result.json").toFile());
        assertThat(result.at("/workload/records").asLong()).isEqualTo(10_000);
        assertThat(result.at("/workload/byTopic/order").isMissingNode()).as("no orders in the default data set")
                .isTrue();
        assertThat(result.at("/workloadWithOrders/records").asLong()).isEqualTo(10_000);
        assertThat(result.at("/workloadWithOrders/byTopic/order").asLong()).as("order lines, about 10%")
                .isBetween(500L, 1_500L);
        for (final String benchCase : CASES) {
            final JsonNode figures = result.at("/cases/" + benchCase);
            assertThat(figures.at("/repetitions").asInt()).as(benchCase).isEqualTo(1);
            assertThat(figures.at("/correct").asBoolean()).as(benchCase + " correct").isTrue();
            assertThat(figures.at("/eventsPerSecond/median").asDouble()).as(benchCase).isPositive();
            assertThat(figures.at("/appCpuSeconds/median").asDouble()).as(benchCase).isPositive();
            assertThat(figures.at("/brokerCpuSeconds/median").isNumber()).as(benchCase).isTrue();
            assertThat(figures.at("/appPeakRssMiB/median").asDouble()).as(benchCase).isPositive();
            assertThat(figures.at("/recordsWritten/median").asDouble()).as(benchCase).isPositive();
        }
        assertThat(result.at("/cases/stockflow-eos/runs/0/check/valueMismatches").asLong()).isZero();
        assertThat(result.at("/cases/stockflow-eos/runs/0/check/missing").asLong()).isZero();
        assertThat(result.at("/correctness/passed").asBoolean()).isTrue();
        assertThat(result.at("/ratios/stockflowEosToPassthrough").isNumber()).isTrue();
        assertThat(result.at("/ratios/stockflowEosToPeer").isNumber()).isTrue();
        assertThat(result.at("/ratios/stockflowEosWithOrdersToWithout").isNumber()).isTrue();
        assertThat(result.at("/latency/snapshots").asLong()).isPositive();
        assertThat(result.at("/latency/p99Ms").isNumber()).isTrue();
        assertThat(result.at("/targets").size()).isGreaterThan(3);
        assertThat(result.at("/failures").size()).isZero();
    }

    /** What the harness logged as going wrong, and its own report, so that a failure explains itself in CI. */
    private static String problems() throws IOException {
        final List<String> lines = new ArrayList<>();
        try (Stream<String> log = Files.lines(OUTPUT.resolve("harness.log"))) {
            log.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Caused by")
                    || line.contains("FAILED")).limit(MAX_PROBLEM_LINES).forEach(lines::add);
        }
        for (final String report : List.of("mismatches.txt", "result.txt")) {
            final Path file = OUTPUT.resolve(report);
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file).stream().limit(MAX_PROBLEM_LINES).toList());
            }
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** The harness on this JVM's test classpath, as bench/run starts it. */
    private static List<String> harness(final String... args) throws IOException {
        if (!Files.isDirectory(BENCH_CLASSES)) {
            throw new IOException(BENCH_CLASSES + " is missing: the bench-compile step of the build did not run");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(BENCH_CLASSES.toAbsolutePath() + File.pathSeparator + System.getProperty("java.class.path"));
        command.add("dev.stockflow.bench.Bench");
        command.addAll(List.of(args));
        return command;
    }
}
