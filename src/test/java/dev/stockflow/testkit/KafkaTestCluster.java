package dev.stockflow.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.stockflow.runtime.SingleNodeBrokerSettings;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A one-node Kafka cluster (combined broker and controller) for integration tests, built on Apache
 * Kafka's own test kit and configured like the demo broker.
 *
 * <p>As a JUnit 5 extension it starts before the test class and stops after it:
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaTestCluster KAFKA = new KafkaTestCluster();
 * }</pre>
 * or it can be driven by hand with {@link #start()} and {@link #close()}. Data lives under
 * {@code target/kafka-test/} and is deleted on close.
 */
public final class KafkaTestCluster implements TestCluster, BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Path BASE_DIRECTORY = Path.of("target", "kafka-test");
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private KafkaClusterTestKit cluster;
    private Admin admin;

    /** Formats and starts the cluster and waits until its broker serves clients. */
    public KafkaTestCluster start() throws Exception {
        if (cluster != null) {
            throw new IllegalStateException("Kafka test cluster already started");
        }
        final KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes());
        SingleNodeBrokerSettings.devCluster().forEach(builder::setConfigProp);
        cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            admin = cluster.admin();
        } catch (final Exception e) {
            close();
            throw e;
        }
        return this;
    }

    @Override
    public String bootstrapServers() {
        return started().bootstrapServers();
    }

    /** The cluster has no security: clients need nothing but its address. */
    @Override
    public Map<String, Object> clientSettings() {
        return Map.of();
    }

    /**
     * Creates a topic with one replica and waits until the broker describes it with all its partitions:
     * the controller accepting it is not enough for a client that looks it up right after.
     */
    @Override
    public void createTopic(final String name, final int partitions, final Map<String, String> configs)
        throws InterruptedException, ExecutionException, TimeoutException {
        started();
        final NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        org.awaitility.Awaitility.await("topic " + name + " visible").atMost(ADMIN_TIMEOUT)
                .ignoreExceptions()
                .until(() -> admin.describeTopics(List.of(name)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name).partitions().size()
                        == partitions);
    }

    /** Stops the cluster and deletes its data. Does nothing if it is not running. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(ADMIN_TIMEOUT);
            admin = null;
        }
        if (cluster != null) {
            final KafkaClusterTestKit stopping = cluster;
            cluster = null;
            stop(stopping);
        }
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        close();
    }

    private static TestKitNodes nodes() {
        return new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
            .setBaseDirectory(BASE_DIRECTORY.resolve("cluster-" + UUID.randomUUID()).toAbsolutePath())
            .build();
    }

    private static void stop(final KafkaClusterTestKit stopping) {
        try {
            stopping.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the Kafka test cluster", e);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not stop the Kafka test cluster", e);
        }
    }

    private KafkaClusterTestKit started() {
        if (cluster == null) {
            throw new IllegalStateException("Kafka test cluster is not running");
        }
        return cluster;
    }
}
