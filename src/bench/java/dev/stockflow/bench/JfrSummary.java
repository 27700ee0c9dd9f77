package dev.stockflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a profiled run went, from its flight recording: the samples of threads running
 * Java code, plus those of threads in native code of a library that works there (RocksDB, compression;
 * a thread waiting in a native call such as {@code epoll_wait} or a blocking read is idle, not busy),
 * counted by the method on top of the stack (self time), by every method on the stack (total time), by
 * thread, and by the library that was running (the first frame from the top outside the JDK), plus the
 * garbage collector's pauses. Also runnable on its own: {@code JfrSummary FILE.jfr}.
 */
final class JfrSummary {

    private static final int TOP = 25;
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    private static final String STOCKFLOW_PACKAGE = "dev.stockflow.";
    private static final String HARNESS_PACKAGE = "dev.stockflow.bench.";
    private static final List<String> NATIVE_WORK = List.of("org.rocksdb.", "net.jpountz.", "com.github.luben.",
            "org.xerial.snappy.");

    /** The summary, ready for the report. */
    record Summary(long samples, Map<String, Long> byLibrary, Map<String, Long> byThread, Map<String, Long> selfTop,
                   Map<String, Long> totalTop, Map<String, Long> stockflowTotalTop, long gcPauses,
                   double gcPauseSeconds) {
    }

    private long samples;
    private final Map<String, Long> byLibrary = new HashMap<>();
    private final Map<String, Long> byThread = new HashMap<>();
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> total = new HashMap<>();
    private long gcPauses;
    private Duration gcPauseTime = Duration.ZERO;

    static Summary of(final Path recording) {
        final JfrSummary summary = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                summary.accept(file.readEvent());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the flight recording " + recording, e);
        }
        return summary.toSummary();
    }

    private void accept(final RecordedEvent event) {
        final String type = event.getEventType().getName();
        if ("jdk.ExecutionSample".equals(type) || "jdk.NativeMethodSample".equals(type) && isNativeWork(event)) {
            sample(event);
        } else if ("jdk.GarbageCollection".equals(type)) {
            gcPauses++;
            gcPauseTime = gcPauseTime.plus(event.getDuration("sumOfPauses"));
        }
    }

    private static boolean isNativeWork(final RecordedEvent event) {
        final RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return false;
        }
        final String top = stack.getFrames().get(0).getMethod().getType().getName();
        return NATIVE_WORK.stream().anyMatch(top::startsWith);
    }

    private void sample(final RecordedEvent event) {
        final RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        final String thread = event.getThread("sampledThread") == null ? "?"
                : event.getThread("sampledThread").getJavaName();
        byThread.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1L, Long::sum);
        final List<RecordedFrame> frames = stack.getFrames();
        self.merge(method(frames.get(0)), 1L, Long::sum);
        byLibrary.merge(library(frames), 1L, Long::sum);
        final Set<String> onStack = new HashSet<>();
        for (final RecordedFrame frame : frames) {
            if (onStack.add(method(frame))) {
                total.merge(method(frame), 1L, Long::sum);
            }
        }
    }

    private static String method(final RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The library running: the first frame from the top that is not the JDK's. */
    private static String library(final List<RecordedFrame> frames) {
        for (final RecordedFrame frame : frames) {
            final String type = frame.getMethod().getType().getName();
            if (JDK_PACKAGES.stream().noneMatch(type::startsWith)) {
                return libraryOf(type);
            }
        }
        return "JDK (" + libraryOf(frames.get(0).getMethod().getType().getName()) + ")";
    }

    private static String libraryOf(final String type) {
        final String[] parts = type.split("\\.");
        if (type.startsWith("org.apache.kafka.") && parts.length > 3) {
            return String.join(".", parts[0], parts[1], parts[2], parts[3]);
        }
        if (type.startsWith("dev.stockflow.") && parts.length > 2) {
            return String.join(".", parts[0], parts[1], parts[2]);
        }
        return parts.length > 2 ? String.join(".", parts[0], parts[1], parts[2]) : type;
    }

    private Summary toSummary() {
        final Map<String, Long> stockflow = new HashMap<>();
        total.forEach((method, count) -> {
            if (method.startsWith(STOCKFLOW_PACKAGE) && !method.startsWith(HARNESS_PACKAGE)) {
                stockflow.put(method, count);
            }
        });
        return new Summary(samples, top(byLibrary, TOP), top(byThread, TOP), top(self, TOP), top(total, TOP * 2),
                top(stockflow, TOP), gcPauses, gcPauseTime.toNanos() / 1e9);
    }

    private static Map<String, Long> top(final Map<String, Long> counts, final int limit) {
        final Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /** Prints the summary of a flight recording. */
    public static void main(final String[] args) {
        // This is a command-line tool: its output is the summary.
        System.out.print(describe(of(Path.of(args[0]))));
    }

    /** The summary as text, counts as shares of all samples. */
    static String describe(final Summary summary) {
        final StringBuilder text = new StringBuilder();
        text.append("Samples: ").append(summary.samples()).append("; GC: ").append(summary.gcPauses())
                .append(" collections, ").append(String.format("%.2f", summary.gcPauseSeconds()))
                .append(" s of pauses\n");
        section(text, "By library (first non-JDK frame from the top)", summary.byLibrary(), summary.samples());
        section(text, "By thread", summary.byThread(), summary.samples());
        section(text, "Self (top of stack)", summary.selfTop(), summary.samples());
        section(text, "Total (anywhere on the stack)", summary.totalTop(), summary.samples());
        section(text, "Stockflow's own methods, total", summary.stockflowTotalTop(), summary.samples());
        return text.toString();
    }

    private static void section(final StringBuilder text, final String title, final Map<String, Long> counts,
                                final long samples) {
        text.append('\n').append(title).append(":\n");
        counts.forEach((name, count) -> text.append(String.format("  %5.1f%%  %s%n", 100.0 * count / samples, name)));
    }
}
