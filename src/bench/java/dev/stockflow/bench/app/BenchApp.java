package dev.stockflow.bench.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of an application under benchmark, run by the harness in a JVM of its own so that its
 * CPU time and memory are its own: {@code passthrough}, {@code stockflow} or {@code peer}, followed by
 * {@link AppSettings}. Speaks {@link ChildProtocol} on stdout; stops when stdin closes.
 */
public final class BenchApp {

    public static final String PASSTHROUGH = "passthrough";
    public static final String STOCKFLOW = "stockflow";
    public static final String PEER = "peer";

    private static final Logger LOG = LoggerFactory.getLogger(BenchApp.class);
    private static final long POLL_MS = 5;

    private BenchApp() {
    }

    public static void main(final String[] args) {
        final AppSettings settings = AppSettings.parse(args);
        final CountDownLatch stdinClosed = watchStdin();
        try {
            run(settings, stdinClosed);
            stdinClosed.await();
            System.exit(0);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        } catch (final RuntimeException e) {
            LOG.error("The {} application failed", settings.kind(), e);
            System.exit(1);
        }
    }

    private static void run(final AppSettings settings, final CountDownLatch stdinClosed)
            throws InterruptedException {
        try (BenchmarkedApp app = start(settings)) {
            long since;
            while ((since = app.runningSince()) == 0) {
                if (stdinClosed.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            ChildProtocol.ready(since);
            final long expected = settings.expected();
            long completed;
            while ((completed = app.completedAt(expected)) < 0) {
                if (stdinClosed.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            ChildProtocol.done(completed, app.counters());
        }
        ChildProtocol.closed();
    }

    private static BenchmarkedApp start(final AppSettings settings) {
        return switch (settings.kind()) {
            case PASSTHROUGH -> new PassthroughApp(settings);
            case STOCKFLOW -> new StockflowApp(settings);
            case PEER -> new PeerApp(settings);
            default -> throw new IllegalArgumentException("unknown application " + settings.kind());
        };
    }

    /** Counts down when stdin ends: the harness closed it, or died. */
    private static CountDownLatch watchStdin() {
        final CountDownLatch closed = new CountDownLatch(1);
        final Thread watcher = new Thread(() -> {
            try {
                drain(System.in);
            } catch (final IOException e) {
                LOG.debug("stdin failed", e);
            }
            closed.countDown();
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return closed;
    }

    private static void drain(final InputStream input) throws IOException {
        final byte[] buffer = new byte[256];
        while (input.read(buffer) >= 0) {
            // Only the end of input matters.
        }
    }
}
