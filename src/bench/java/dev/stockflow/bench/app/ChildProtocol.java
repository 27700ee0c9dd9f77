package dev.stockflow.bench.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The lines an application under benchmark prints on stdout for the harness, which reads nothing else
 * there (logs go to stderr):
 * <pre>
 *   READY &lt;epoch ms&gt;            processing can start (Kafka Streams RUNNING, or partitions assigned)
 *   DONE &lt;epoch ms&gt; &lt;json&gt;     every input record is handled, at that time; the app's own counters
 *   CLOSED                       the app closed cleanly (its last offsets are committed)
 * </pre>
 * The application then waits for its stdin to close before it exits, so that the harness can read its
 * CPU time and peak memory while the process is still there.
 */
public final class ChildProtocol {

    public static final String READY = "READY";
    public static final String DONE = "DONE";
    public static final String CLOSED = "CLOSED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProtocol() {
    }

    static void ready(final long epochMillis) {
        say(READY + " " + epochMillis);
    }

    static void done(final long epochMillis, final Map<String, Object> counters) {
        try {
            say(DONE + " " + epochMillis + " " + JSON.writeValueAsString(counters));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write counters as JSON", e);
        }
    }

    static void closed() {
        say(CLOSED);
    }

    // stdout is the protocol channel to the harness, not a log.
    private static synchronized void say(final String line) {
        System.out.println(line);
        System.out.flush();
    }
}
