package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.topology.TopologySettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks and creates Stockflow's topics through the Kafka admin client. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final TopologySettings topics;
    private final Optional<Short> replicationFactor;
    private final KafkaAccess access;

    public TopicProvisioner(final Admin admin, final TopologySettings topics, final short replicationFactor,
                            final KafkaAccess access) {
        this.admin = admin;
        this.topics = topics;
        this.replicationFactor = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        this.access = access;
    }

    /** Runs the action with a provisioner over a short-lived admin client built from the configuration. */
    public static void using(final StockflowConfig config, final Consumer<TopicProvisioner> action) {
        try (Admin admin = Admin.create(KafkaClientSettings.admin(config))) {
            action.accept(new TopicProvisioner(admin, config.topologySettings(),
                    config.getShort(StockflowConfig.TOPIC_REPLICATION_FACTOR_CONFIG), KafkaAccess.of(config)));
        }
    }

    /**
     * For {@code run}: the inputs must exist and be co-partitioned; missing outputs are created.
     *
     * @throws KafkaAccessDeniedException Kafka refused to describe a topic, or to create a missing output
     */
    public void prepareForProcessing() {
        final Map<String, Integer> inputs = partitionCounts(topics.inputTopicNames(), AclOperation.READ);
        InputTopicCheck.verify(topics, inputs);
        final int partitions = inputs.get(topics.inputTopicNames().get(0)); // verified: all inputs have it
        final List<NewTopic> outputs = new ArrayList<>();
        outputs.add(new NewTopic(topics.snapshotTopic(), Optional.of(partitions), replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        outputs.add(new NewTopic(topics.dlqTopic(), Optional.of(partitions), replicationFactor));
        createMissing(outputs, AclOperation.WRITE);
        warnUnlessCompacted(topics.snapshotTopic());
    }

    /** Consumers rely on the snapshot topic keeping the latest record per offer; say so when it does not. */
    private void warnUnlessCompacted(final String topic) {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            final String policy = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warn("Topic {} has cleanup.policy={}; snapshots need compact, or old offers disappear with "
                        + "retention", topic, policy);
            }
        } catch (final ExecutionException e) {
            LOG.warn("Cannot check the cleanup policy of {}: {}", topic, access.onTopic(e.getCause(),
                    AclOperation.DESCRIBE_CONFIGS, topic, AclOperation.DESCRIBE_CONFIGS)
                    .map(Throwable::getMessage).orElse(e.getCause().toString()));
        } catch (final TimeoutException e) {
            LOG.warn("Cannot check the cleanup policy of {}: {}", topic, e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For {@code feed}, {@code generate} and {@code demo}: creates the input topics that are missing,
     * with the partition count of the inputs that exist already (they must match), else {@code partitions}.
     */
    public void createMissingInputs(final int partitions) {
        final List<String> inputTopics = topics.inputTopicNames();
        final Map<String, Integer> existing = partitionCounts(inputTopics, AclOperation.WRITE);
        final int count = existing.values().stream().findFirst().orElse(partitions);
        if (count != partitions && existing.size() < inputTopics.size()) {
            LOG.info("Creating the missing input topics with {} partitions, like the existing {}", count,
                    existing.keySet());
        }
        final List<NewTopic> inputs = new ArrayList<>();
        for (final String topic : inputTopics) {
            inputs.add(new NewTopic(topic, Optional.of(count), replicationFactor));
        }
        createMissing(inputs, AclOperation.WRITE);
    }

    /**
     * Partition counts of the topics that exist; missing topics are absent from the map.
     *
     * @param needed what the command needs on these topics in the end (READ, WRITE...), named in the grant when
     *               Kafka refuses to describe them
     * @throws KafkaAccessDeniedException Kafka refused to describe a topic
     */
    public Map<String, Integer> partitionCounts(final Collection<String> names, final AclOperation needed) {
        final Map<String, Integer> counts = new HashMap<>();
        final Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
        for (final Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
            try {
                counts.put(entry.getKey(), entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).partitions().size());
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure(e, AclOperation.DESCRIBE, entry.getKey(), needed, "Cannot describe topic ");
                }
            } catch (final TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s describing "
                        + entry.getKey() + "; check bootstrap.servers", e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while describing topics", e);
            }
        }
        return counts;
    }

    /** A created topic reaches every broker's metadata a moment later; the next describe must find it. */
    private void awaitVisible(final List<String> names, final AclOperation needed) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!partitionCounts(names, needed).keySet().containsAll(names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Created topics " + names + " did not become visible within "
                        + TIMEOUT_SECONDS + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Creates the topics that do not exist yet, in one request, and reads each topic's answer: a refusal names it. */
    private void createMissing(final List<NewTopic> wanted, final AclOperation needed) {
        final Map<String, Integer> existing = partitionCounts(wanted.stream().map(NewTopic::name).toList(), needed);
        final List<NewTopic> missing = wanted.stream().filter(topic -> !existing.containsKey(topic.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            final Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
            for (final NewTopic topic : missing) {
                awaitCreated(topic, created.get(topic.name()));
            }
            awaitVisible(missing.stream().map(NewTopic::name).toList(), needed);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private void awaitCreated(final NewTopic topic, final KafkaFuture<Void> created) throws InterruptedException {
        try {
            created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Created topic {} ({} partitions, configs {})", topic.name(), topic.numPartitions(),
                    topic.configs());
        } catch (final ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure(e, AclOperation.CREATE, topic.name(), AclOperation.CREATE, "Cannot create topic ");
            }
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s creating topic "
                    + topic.name(), e);
        }
    }

    /** The one-line denial when Kafka refused the call, else what went wrong. */
    private RuntimeException failure(final ExecutionException e, final AclOperation doing, final String topic,
                                     final AclOperation needed, final String otherwise) {
        return access.onTopic(e.getCause(), doing, topic, needed).<RuntimeException>map(denied -> denied)
                .orElseGet(() -> new IllegalStateException(otherwise + topic + ": " + e.getCause(), e));
    }
}
