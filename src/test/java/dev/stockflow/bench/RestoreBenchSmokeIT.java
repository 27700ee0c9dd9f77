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
 * Keeps the restore benchmark working: runs it end to end on a small state, exactly as {@code bench/restore}
 * does, in its own JVM, and checks that it saw a restoration and wrote a complete result. Says nothing about
 * speed.
 */
class RestoreBenchSmokeIT {

    private static final Path BENCH_CLASSES = Path.of("target", "bench-classes");
    private static final Path OUTPUT = Path.of("target", "bench-restore-smoke");
    private static final long TIMEOUT_MINUTES = 5;
    private static final int MAX_PROBLEM_LINES = 40;
    /** Large enough that the restoration lasts several of the harness's 50 ms polls on a fast machine. */
    private static final int OFFER_LOCATIONS = 200_000;

    @Test
    void shouldWatchARestorationAndReportIt() throws Exception {
        // Given
        final List<String> command = harness("--offer-locations", Integer.toString(OFFER_LOCATIONS),
                "--app-heap", "384m", "--broker-heap", "512m", "--output", OUTPUT.toString());
        final Path results = OUTPUT.resolve("restore");
        Files.createDirectories(OUTPUT);
        Files.deleteIfExists(results.resolve("restore.json"));

        // When
        final Process bench = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(OUTPUT.resolve("harness.log").toFile()).start();
        final boolean ended = bench.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            bench.destroyForcibly();
        }

        // Then
        assertThat(ended).as("the harness ended within " + TIMEOUT_MINUTES + " minutes").isTrue();
        assertThat(bench.exitValue()).as("exit code; from " + OUTPUT.resolve("harness.log") + ":%n%s", problems())
                .isZero();
        final JsonNode result = new ObjectMapper().readTree(results.resolve("restore.json").toFile());
        assertThat(result.at("/failures").size()).isZero();
        final JsonNode point = result.at("/points/0");
        assertThat(point.at("/offerLocations").asInt()).isEqualTo(OFFER_LOCATIONS);
        assertThat(point.at("/restoredRecords").asLong()).as("about one changelog record per offer")
                .isBetween((long) OFFER_LOCATIONS / 3, (long) OFFER_LOCATIONS);
        assertThat(point.at("/changelogOffsets").asLong())
                .isGreaterThanOrEqualTo(point.at("/restoredRecords").asLong());
        assertThat(point.at("/restoreSeconds").asDouble()).isPositive();
        assertThat(point.at("/recordsPerSecond").asDouble()).isPositive();
        assertThat(Files.readAllLines(results.resolve("restore-" + OFFER_LOCATIONS + ".csv")))
                .first().asString().startsWith("seconds,restoredRecords,remainingRecords");
    }

    /** What the harness logged as going wrong, so that a failure explains itself in CI. */
    private static String problems() throws IOException {
        final List<String> lines = new ArrayList<>();
        try (Stream<String> log = Files.lines(OUTPUT.resolve("harness.log"))) {
            log.filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by") || line.contains("Exception"))
                    .limit(MAX_PROBLEM_LINES).forEach(lines::add);
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** The restore benchmark on this JVM's test classpath, as bench/restore starts it. */
    private static List<String> harness(final String... args) throws IOException {
        if (!Files.isDirectory(BENCH_CLASSES)) {
            throw new IOException(BENCH_CLASSES + " is missing: the bench-compile step of the build did not run");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(BENCH_CLASSES.toAbsolutePath() + File.pathSeparator + System.getProperty("java.class.path"));
        command.add("dev.stockflow.bench.RestoreBench"); // compiled after the tests, into bench-classes
        command.addAll(List.of(args));
        return command;
    }
}
