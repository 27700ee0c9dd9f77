package dev.stockflow.bench.broker;

import dev.stockflow.runtime.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own process for {@link BrokerProcess}: {@code [port]}, 0 or
 * absent for a free one, on a fresh data directory; or {@code <dataDirectory> <port> <controllerPort>} to
 * keep the data there, so that a broker killed and started again with the same arguments is the same
 * cluster ({@link BrokerHome}). Prints {@code BOOTSTRAP=host:port} on stdout when ready and stops on SIGTERM or
 * when stdin closes (so the broker does not outlive a parent that dies without cleaning up).
 */
public final class BrokerMain {

    /** The line prefix printed once the broker accepts clients; read by {@link BrokerProcess}. */
    static final String READY_PREFIX = "BOOTSTRAP=";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {
    }

    public static void main(final String[] args) {
        try {
            final EmbeddedKafkaBroker broker = start(args);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
            // The parent process reads this line from stdout; it is a protocol, not a log message.
            System.out.println(READY_PREFIX + broker.bootstrapServers());
            System.out.flush();
            drain(System.in);
            broker.close();
            System.exit(0);
        } catch (final IOException | RuntimeException e) {
            // Exit explicitly: Kafka threads left over from a failed start would keep the JVM alive.
            LOG.error("Kafka broker process failed", e);
            System.exit(1);
        }
    }

    private static EmbeddedKafkaBroker start(final String[] args) {
        if (args.length == 3) {
            return EmbeddedKafkaBroker.startKeepingData(Path.of(args[0]), Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Map.of());
        }
        return EmbeddedKafkaBroker.start(args.length > 0 ? Integer.parseInt(args[0]) : 0, Map.of());
    }

    private static void drain(final InputStream input) throws IOException {
        final byte[] buffer = new byte[256];
        while (input.read(buffer) >= 0) {
            // Ignore the content: only the end of input matters.
        }
    }
}
