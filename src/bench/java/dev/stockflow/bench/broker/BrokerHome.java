package dev.stockflow.bench.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a broker that is killed and started again lives: its data directory and its two ports. A broker
 * started again on the same home is the same cluster, reached at the same {@code bootstrap.servers}, so
 * its clients reconnect on their own, as they would to a restarted production broker.
 *
 * @param dataDirectory  the broker's log and metadata directory, kept between starts
 * @param port           the client port
 * @param controllerPort the KRaft controller port
 */
public record BrokerHome(Path dataDirectory, int port, int controllerPort) {

    /**
     * A home in {@code dataDirectory} on two ports free right now. Another process could take one while the
     * broker is down; that is rare enough for a test broker, and its next start then fails loudly.
     */
    public static BrokerHome allocate(final Path dataDirectory) {
        try (ServerSocket client = new ServerSocket(0); ServerSocket controller = new ServerSocket(0)) {
            return new BrokerHome(dataDirectory.toAbsolutePath(), client.getLocalPort(), controller.getLocalPort());
        } catch (final IOException e) {
            throw new UncheckedIOException("No free ports for a Kafka broker", e);
        }
    }

    /** The arguments {@link BrokerMain} takes for this home. */
    List<String> arguments() {
        return List.of(dataDirectory.toString(), Integer.toString(port), Integer.toString(controllerPort));
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }
}
