package dev.stockflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process as Linux accounts them in {@code /proc/<pid>}: user plus system time
 * of all its threads ({@code stat}), and its resident set now and at its peak ({@code VmRSS},
 * {@code VmHWM} in {@code status}).
 *
 * @param cpuSeconds    user + system CPU seconds since the process started
 * @param peakRssBytes  the highest resident set size so far
 * @param rssBytes      the resident set size now
 */
record ProcessSample(double cpuSeconds, long peakRssBytes, long rssBytes) {

    private static final int UTIME_AFTER_COMMAND = 11;
    private static final int STIME_AFTER_COMMAND = 12;
    private static final double TICKS_PER_SECOND = clockTicks();

    static ProcessSample of(final long pid) {
        final Path proc = Path.of("/proc", Long.toString(pid));
        final String stat = read(proc.resolve("stat"));
        // The command name may contain spaces and parentheses; the fields after its closing one do not.
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        final long ticks = Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[STIME_AFTER_COMMAND]);
        final String status = read(proc.resolve("status"));
        return new ProcessSample(ticks / TICKS_PER_SECOND, kilobytes(status, "VmHWM:") * 1024,
                kilobytes(status, "VmRSS:") * 1024);
    }

    /** Whether CPU and memory can be read this way here (Linux only). */
    static boolean isSupported() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    private static long kilobytes(final String status, final String field) {
        for (final String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        return 0;
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (has the process ended?)", e);
        }
    }

    /** {@code getconf CLK_TCK}; 100 on every common Linux when it cannot be asked. */
    private static double clockTicks() {
        try {
            final Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            final String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (final IOException | NumberFormatException e) {
            return 100;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
