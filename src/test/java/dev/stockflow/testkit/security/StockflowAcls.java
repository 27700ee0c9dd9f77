package dev.stockflow.testkit.security;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.testkit.TestTopics;
import dev.stockflow.topology.TopologySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs docs/kubernetes.md ("Kafka ACLs") documents for each Stockflow command, as bindings for one principal
 * and one application's names, so that tests grant exactly what the documentation says and can take one away.
 *
 * @param principal     e.g. {@code User:stockflow}
 * @param applicationId the application's {@code application.id}: its group, and the prefix of its internal topics
 *                      and transactional ids
 * @param inputs        the three input topics
 * @param snapshotTopic the output topic
 * @param dlqTopic      the dead-letter topic
 */
public record StockflowAcls(String principal, String applicationId, List<String> inputs, String snapshotTopic,
                            String dlqTopic) {

    /** One ACL of a set, with the words a test names it by: {@code Write on topic offer-snapshots}. */
    public record Acl(String label, AclBinding binding) {

        /** What follows the principal in {@code kafka-acls.sh --add} to grant it. */
        public String kafkaAclsArguments() {
            final ResourcePattern resource = binding.pattern();
            return "--operation " + words(binding.entry().operation())
                    + (resource.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "")
                    + " --" + resource.resourceType().name().toLowerCase(Locale.ROOT).replace('_', '-') + " "
                    + resource.name();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The ACLs of the principal for the application and topics of one test. */
    public static StockflowAcls of(final String principal, final TestTopics topics) {
        return new StockflowAcls(principal, (String) topics.settings().get(StockflowConfig.APPLICATION_ID_CONFIG),
                List.of(topics.stockTopic(), topics.priceTopic(), topics.delistingTopic(), topics.orderTopic()),
                topics.snapshotTopic(),
                topics.dlqTopic());
    }

    /** The ACLs of the principal for an application with Stockflow's default names. */
    public static StockflowAcls withDefaultNames(final String principal) {
        return new StockflowAcls(principal, StockflowConfig.APPLICATION_ID_DEFAULT,
                TopologySettings.DEFAULTS.inputTopicNames(), TopologySettings.DEFAULT_SNAPSHOT_TOPIC,
                TopologySettings.DEFAULT_DLQ_TOPIC);
    }

    /**
     * {@code stockflow run}: read the inputs (which Stockflow also describes, for the partition check), write and
     * create the output and dead-letter topics, create, read and write the internal topics (the changelog), read the
     * consumer group, and under exactly-once write its transactional ids.
     */
    public List<Acl> run(final boolean exactlyOnce) {
        final List<Acl> acls = new ArrayList<>();
        inputs.forEach(topic -> acls.add(topic(AclOperation.READ, topic)));
        for (final String output : List.of(snapshotTopic, dlqTopic)) {
            acls.add(topic(AclOperation.WRITE, output));
            acls.add(topic(AclOperation.CREATE, output));
        }
        for (final AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE)) {
            acls.add(acl(operation, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED));
        }
        acls.add(acl(AclOperation.READ, ResourceType.GROUP, applicationId, PatternType.LITERAL));
        if (exactlyOnce) {
            acls.add(acl(AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, applicationId + "-",
                    PatternType.PREFIXED));
        }
        return acls;
    }

    /** Optional for {@code run}: lets Stockflow check that the snapshot topic is compacted (it warns without). */
    public Acl snapshotTopicConfigs() {
        return topic(AclOperation.DESCRIBE_CONFIGS, snapshotTopic);
    }

    /** {@code stockflow feed} into existing input topics: write them (which includes describing them). */
    public List<Acl> feed() {
        return inputs.stream().map(topic -> topic(AclOperation.WRITE, topic)).toList();
    }

    /** {@code stockflow feed} when it should create missing input topics too. */
    public List<Acl> feedCreatingTopics() {
        final List<Acl> acls = new ArrayList<>(feed());
        inputs.forEach(topic -> acls.add(topic(AclOperation.CREATE, topic)));
        return acls;
    }

    /**
     * {@code stockflow reset}: read the group (describe it, read its offsets, move them), read the inputs (moving a
     * group's offsets on a topic takes Read on it, as a consumer's commit does), and delete the internal topics
     * (which includes describing them: without it, Kafka would not even list them).
     */
    public List<Acl> reset() {
        final List<Acl> acls = new ArrayList<>();
        acls.add(acl(AclOperation.READ, ResourceType.GROUP, applicationId, PatternType.LITERAL));
        inputs.forEach(topic -> acls.add(topic(AclOperation.READ, topic)));
        acls.add(acl(AclOperation.DELETE, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED));
        return acls;
    }

    /** Describe on an input topic, which docs/kubernetes.md once listed for reset instead of Read. */
    public Acl describeInput(final int index) {
        return topic(AclOperation.DESCRIBE, inputs.get(index));
    }

    /**
     * {@code stockflow dlq replay}: read the dead-letter topic, write the inputs, keep its progress in its group and
     * commit both in the transactions of its transactional id.
     */
    public List<Acl> dlqReplay() {
        final String replay = applicationId + "-dlq-replay";
        final List<Acl> acls = new ArrayList<>();
        acls.add(topic(AclOperation.READ, dlqTopic));
        inputs.forEach(topic -> acls.add(topic(AclOperation.WRITE, topic)));
        acls.add(acl(AclOperation.READ, ResourceType.GROUP, replay, PatternType.LITERAL));
        acls.add(acl(AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, replay, PatternType.LITERAL));
        return acls;
    }

    private Acl topic(final AclOperation operation, final String topic) {
        return acl(operation, ResourceType.TOPIC, topic, PatternType.LITERAL);
    }

    private Acl acl(final AclOperation operation, final ResourceType type, final String name,
                    final PatternType pattern) {
        final String label = words(operation) + " on " + words(type) + (pattern == PatternType.PREFIXED
                ? "s prefixed " : " ") + name;
        return new Acl(label, new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
    }

    /** {@code DESCRIBE_CONFIGS} as kafka-acls spells it: {@code DescribeConfigs}. */
    private static String words(final AclOperation operation) {
        final StringBuilder words = new StringBuilder();
        for (final String part : operation.name().split("_")) {
            words.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return words.toString();
    }

    /** {@code TRANSACTIONAL_ID} as {@code transactional id}. */
    private static String words(final ResourceType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
