package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.topology.TopologySettings;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Turns Kafka's authorization failures into one line naming the resource, the operation, the principal and the
 * grant that fixes it (a {@link KafkaAccessDeniedException}), instead of a stack trace or a retry.
 *
 * <p>Kafka's exceptions name the topics or the group they concern, but never the operation that was denied. For
 * Stockflow's own calls the caller says what it was doing; inside Kafka Streams the operation follows from the topic's
 * role (Streams only reads the inputs and only writes the outputs) or, for the internal topics, from whether the
 * producer, the topic creation or a consumer failed.
 */
public final class KafkaAccess {

    /** Kafka Streams classes, named as text: the build keeps Streams' internals out of Stockflow's imports. */
    private static final String TOPIC_CREATION = "org.apache.kafka.streams.processor.internals.InternalTopicManager";
    private static final List<String> PRODUCING = List.of(
            "org.apache.kafka.streams.processor.internals.RecordCollector",
            "org.apache.kafka.streams.processor.internals.StreamsProducer", "org.apache.kafka.clients.producer.");

    private final String principal;
    private final String bootstrapServers;
    private final String applicationId;
    private final TopologySettings topics;

    KafkaAccess(final String principal, final String bootstrapServers, final String applicationId,
                final TopologySettings topics) {
        this.principal = principal;
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.topics = topics;
    }

    public static KafkaAccess of(final StockflowConfig config) {
        return new KafkaAccess(ClientPrincipal.of(config.kafkaClientSettings()), config.bootstrapServers(),
                config.getString(StockflowConfig.APPLICATION_ID_CONFIG), config.topologySettings());
    }

    /** The authorization failure among the failure and its causes, if there is one. */
    public static Optional<AuthorizationException> authorizationFailureIn(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException denied) {
                return Optional.of(denied);
            }
        }
        return Optional.empty();
    }

    /**
     * For a call of Stockflow's own on one topic.
     *
     * @param doing  the operation the call needs, e.g. DESCRIBE for describing the topic
     * @param needed what Stockflow needs on the topic in the end, which includes {@code doing} (READ includes
     *               DESCRIBE); the grant asks for it, so that the next call does not fail in turn
     */
    public Optional<KafkaAccessDeniedException> onTopic(final Throwable failure, final AclOperation doing,
                                                        final String topic, final AclOperation needed) {
        return authorizationFailureIn(failure).map(denied -> denied(denied, doing, "topic " + topic,
                topicGrant(needed, topic)));
    }

    /** As {@link #onTopic}, for a call on the consumer group {@code group}. */
    public Optional<KafkaAccessDeniedException> onGroup(final Throwable failure, final AclOperation doing,
                                                        final String group, final AclOperation needed) {
        return authorizationFailureIn(failure).filter(GroupAuthorizationException.class::isInstance)
                .map(denied -> denied(denied, doing, "group " + group,
                        AclGrant.literal(needed, ResourceType.GROUP, group)));
    }

    /**
     * For {@code dlq replay}, which reads the dead-letter topic, writes the input topics, and keeps its progress in
     * the group {@code replayId} through transactions of the transactional id {@code replayId}.
     */
    public Optional<KafkaAccessDeniedException> inReplay(final Throwable failure, final String dlqTopic,
                                                         final String replayId) {
        return authorizationFailureIn(failure).map(denied -> inReplay(denied, dlqTopic, replayId));
    }

    private KafkaAccessDeniedException inReplay(final AuthorizationException denied, final String dlqTopic,
                                                final String replayId) {
        if (denied instanceof TopicAuthorizationException topic) {
            // It only ever reads the dead-letter topic and only ever writes the inputs.
            final String named = topic.unauthorizedTopics().stream().sorted().findFirst().orElse(dlqTopic);
            final AclOperation operation = named.equals(dlqTopic) ? AclOperation.READ : AclOperation.WRITE;
            return denied(denied, operation, "topic " + named, AclGrant.literal(operation, ResourceType.TOPIC, named));
        }
        if (denied instanceof GroupAuthorizationException) {
            return denied(denied, AclOperation.READ, "group " + replayId,
                    AclGrant.literal(AclOperation.READ, ResourceType.GROUP, replayId));
        }
        if (denied instanceof TransactionalIdAuthorizationException) {
            final AclGrant grant = AclGrant.literal(AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, replayId);
            return denied(denied, AclOperation.WRITE, grant.resource(), grant);
        }
        return new KafkaAccessDeniedException("Kafka denied " + principal + " an operation: " + denied.getMessage(),
                denied);
    }

    /** For a stream thread's failure: the denial it comes from, if it comes from one. */
    public Optional<KafkaAccessDeniedException> inStreams(final Throwable failure) {
        return authorizationFailureIn(failure).map(denied -> inStreams(failure, denied));
    }

    private KafkaAccessDeniedException inStreams(final Throwable failure, final AuthorizationException denied) {
        if (denied instanceof TopicAuthorizationException topic) {
            return topicInStreams(failure, topic);
        }
        if (denied instanceof GroupAuthorizationException group) {
            final String id = group.groupId() != null ? group.groupId() : applicationId;
            return denied(denied, AclOperation.READ, "group " + id,
                    AclGrant.literal(AclOperation.READ, ResourceType.GROUP, id));
        }
        if (denied instanceof TransactionalIdAuthorizationException) {
            final AclGrant grant = AclGrant.prefixed(AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID,
                    applicationId + "-");
            return denied(denied, AclOperation.WRITE, grant.resource(), grant);
        }
        if (denied instanceof ClusterAuthorizationException) {
            // An idempotent producer needs Write on some topic, or IdempotentWrite on the cluster.
            final AclGrant grant = AclGrant.literal(AclOperation.IDEMPOTENT_WRITE, ResourceType.CLUSTER, "");
            return denied(denied, AclOperation.IDEMPOTENT_WRITE, grant.resource(), grant);
        }
        return new KafkaAccessDeniedException("Kafka denied " + principal + " an operation: " + denied.getMessage(),
                denied);
    }

    private KafkaAccessDeniedException topicInStreams(final Throwable failure,
                                                      final TopicAuthorizationException denied) {
        final Optional<String> named = denied.unauthorizedTopics().stream().sorted().findFirst();
        if (named.isPresent() && topics.inputTopicNames().contains(named.get())) {
            return denied(denied, AclOperation.READ, "topic " + named.get(), topicGrant(AclOperation.READ,
                    named.get()));
        }
        if (named.isPresent() && List.of(topics.snapshotTopic(), topics.dlqTopic()).contains(named.get())) {
            return denied(denied, AclOperation.WRITE, "topic " + named.get(), topicGrant(AclOperation.WRITE,
                    named.get()));
        }
        // Kafka Streams' internal topics: it creates them (without naming the topic when refused), writes them
        // from the producer and reads them from its consumers.
        final AclOperation operation = raisedIn(failure, List.of(TOPIC_CREATION)) ? AclOperation.CREATE
                : raisedIn(failure, PRODUCING) ? AclOperation.WRITE : AclOperation.READ;
        final AclGrant grant = AclGrant.prefixed(operation, ResourceType.TOPIC, applicationId + "-");
        return denied(denied, operation, named.map(topic -> "topic " + topic).orElse(grant.resource()), grant);
    }

    /** Whether a frame of the failure or of one of its causes belongs to a class named with one of the prefixes. */
    private static boolean raisedIn(final Throwable failure, final List<String> classPrefixes) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (final StackTraceElement frame : cause.getStackTrace()) {
                if (classPrefixes.stream().anyMatch(frame.getClassName()::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A grant on a topic: Stockflow's internal topics are granted by their prefix, all of them at once. */
    private AclGrant topicGrant(final AclOperation operation, final String topic) {
        return topic.startsWith(applicationId + "-")
                ? AclGrant.prefixed(operation, ResourceType.TOPIC, applicationId + "-")
                : AclGrant.literal(operation, ResourceType.TOPIC, topic);
    }

    private KafkaAccessDeniedException denied(final AuthorizationException cause, final AclOperation doing,
                                              final String resource, final AclGrant grant) {
        final String includes = grant.operation() == doing ? ""
                : " (Stockflow needs " + grant.operation() + " there, which includes " + doing + ")";
        return new KafkaAccessDeniedException("Kafka denied " + doing + " on " + resource + " to " + principal
                + includes + "; grant it: kafka-acls.sh --bootstrap-server " + bootstrapServers + " --add "
                + "--allow-principal '" + principal + "' " + grant.kafkaAclsArguments(), cause);
    }
}
