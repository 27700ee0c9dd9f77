package dev.stockflow.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what one start of a Stockflow process writes (its log), copies it to a file, and notes when the
 * instance was back at work: the first time it restored or processed.
 *
 * <p>Two kinds of lines say so. Stockflow logs each Kafka Streams state change ({@code Kafka Streams state
 * REBALANCING -> RUNNING}); RUNNING means every assigned task is restored and processing. Restoring
 * happens before that, inside REBALANCING, and only Kafka Streams' own state updater says when it starts
 * ({@code Stateful active task 0_1 was added to the state updater}), which the chaos suite's log settings
 * let through. The time of a line is when this reader got it: the console appender flushes every line.
 */
final class StateWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StateWatch.class);
    private static final Pattern STATE_CHANGE = Pattern.compile("Kafka Streams state (\\S+) -> (\\S+)");
    private static final String RESTORING = "active task";
    private static final String RESTORING_TAIL = "was added to the state updater";
    /** Stockflow's own line at the end of a changelog partition's restoration (restore.RestoreTracker). */
    private static final Pattern RESTORED = Pattern.compile("Restored store \\S+ from changelog partition \\S+: (\\d+) records");

    private final String label;
    private final Thread reader;
    private volatile String state = "CREATED";
    private volatile long firstActiveAt;
    private volatile long firstRunningAt;
    private volatile boolean ended;
    private final AtomicLong restoredRecords = new AtomicLong();

    private StateWatch(final InputStream output, final Path log, final String label) {
        this.label = label;
        this.reader = new Thread(() -> copy(output, log), label + "-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts reading the process output (stdout and stderr merged) into {@code log}.
     *
     * @param label the instance and its start, e.g. {@code a#3}
     */
    static StateWatch of(final Process process, final Path log, final String label) {
        return new StateWatch(process.getInputStream(), log, label);
    }

    private void copy(final InputStream output, final Path log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                note(line, System.currentTimeMillis());
                file.write(line);
                file.write('\n');
                file.flush();
            }
        } catch (final IOException e) {
            // Stopping or killing the process closes its output under the reader: the end, not a failure.
            LOG.debug("Stopped reading the output of {}", reader.getName(), e);
        } finally {
            ended = true;
        }
    }

    private void note(final String line, final long now) {
        final Matcher change = STATE_CHANGE.matcher(line);
        if (change.find()) {
            state = change.group(2);
            if ("RUNNING".equals(state)) {
                firstActiveAt = firstActiveAt == 0 ? now : firstActiveAt;
                firstRunningAt = firstRunningAt == 0 ? now : firstRunningAt;
            }
        } else if (line.contains(RESTORING) && line.contains(RESTORING_TAIL) && firstActiveAt == 0) {
            firstActiveAt = now;
        } else {
            final Matcher restored = RESTORED.matcher(line);
            if (restored.find()) {
                restoredRecords.addAndGet(Long.parseLong(restored.group(1)));
            }
        }
    }

    /** Changelog records this start of the instance has restored so far. */
    long restoredRecords() {
        return restoredRecords.get();
    }

    /** The last Kafka Streams state logged. */
    String state() {
        return state;
    }

    boolean isRunning() {
        return "RUNNING".equals(state);
    }

    /** When the instance first restored or processed (epoch ms); waits for it. */
    long awaitActive(final Duration timeout) {
        return await(() -> firstActiveAt, timeout, "restoring or processing");
    }

    /** When Kafka Streams was first RUNNING (epoch ms); waits for it. */
    long awaitRunning(final Duration timeout) {
        return await(() -> firstRunningAt, timeout, "RUNNING");
    }

    private long await(final LongSupplier time, final Duration timeout, final String what) {
        return Pause.until(time, timeout, () -> !ended,
                () -> label + " " + what + " (Kafka Streams state " + state + "; see its log)");
    }
}
