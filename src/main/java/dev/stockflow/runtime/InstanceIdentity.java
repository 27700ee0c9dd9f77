package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Who this instance is to the consumer group, so that a restarted instance is recognised as itself.
 *
 * <p>A static member ({@code group.instance.id}) that comes back within the session timeout gets its tasks
 * back at once and the other instances see no rebalance; a dynamic one sits out the dead member's session
 * (45 s by default) first. So Stockflow joins as a static member whenever the instance has a stable
 * identity, in this order: a {@code group.instance.id} the user set; {@code application.server} (unique per
 * instance already, because lookups are routed by it); this host's name and the fixed {@code http.port}.
 * An instance on a random HTTP port ({@code http.port=0}) has no stable identity and stays dynamic, as does
 * one with {@code static.membership=false}.
 *
 * <p>Two live instances must never share an identity: the broker fences the older one
 * ({@code FencedInstanceIdException}) and its stream threads die.
 */
public final class InstanceIdentity {

    /** Kafka accepts these characters in a group.instance.id; others are replaced by '_'. */
    private static final String NOT_ALLOWED = "[^A-Za-z0-9._-]";
    private static final int MAX_LENGTH = 249;

    private InstanceIdentity() {
    }

    /** The group.instance.id to join with, or empty for a dynamic member. */
    public static Optional<String> groupInstanceId(final StockflowConfig config) {
        final Optional<String> explicit = userGroupInstanceId(config);
        if (explicit.isPresent()) {
            return explicit;
        }
        if (!config.getBoolean(StockflowConfig.STATIC_MEMBERSHIP_CONFIG)) {
            return Optional.empty();
        }
        return stableName(config).map(name -> sanitised(config.getString(StockflowConfig.APPLICATION_ID_CONFIG)
                + "-" + name));
    }

    /** A group.instance.id the user set, plain or with a Kafka Streams consumer prefix. */
    static Optional<String> userGroupInstanceId(final StockflowConfig config) {
        return config.kafkaClientSettings().entrySet().stream()
                .filter(setting -> setting.getKey().endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .map(setting -> String.valueOf(setting.getValue()))
                .filter(value -> !value.isBlank())
                .findFirst();
    }

    private static Optional<String> stableName(final StockflowConfig config) {
        final String server = config.getString(StockflowConfig.APPLICATION_SERVER_CONFIG);
        if (server != null && !server.isBlank()) {
            return Optional.of(server);
        }
        final int port = config.getInt(StockflowConfig.HTTP_PORT_CONFIG);
        return port == 0 ? Optional.empty() : hostName().map(host -> host + ":" + port);
    }

    private static Optional<String> hostName() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (final UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank());
        }
    }

    static String sanitised(final String id) {
        final String allowed = id.replaceAll(NOT_ALLOWED, "_");
        return allowed.length() <= MAX_LENGTH ? allowed : allowed.substring(0, MAX_LENGTH);
    }
}
