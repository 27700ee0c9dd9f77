package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.topology.OfferTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reset}: rebuilds the application from its input topics, as Kafka's own
 * {@code kafka-streams-application-reset} does, plus the local state. It moves the consumer group's committed
 * input offsets (to the beginning, or to the first record at or after an instant), deletes the application's
 * internal topics ({@code <application.id>-...-changelog} and {@code -repartition}), and deletes the local state
 * directory. Offsets go first: if an instance joined the group meanwhile, the broker refuses the move and nothing
 * is destroyed yet.
 */
public final class ApplicationReset implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationReset.class);
    private static final long TIMEOUT_SECONDS = 60;
    /**
     * How long the group is watched after static members were removed: two heartbeats at Kafka's default
     * {@code heartbeat.interval.ms} (3 s). A member that was in fact running learns of its removal on its next
     * heartbeat and joins again within that time, and then the reset refuses.
     */
    private static final long REJOIN_WATCH_MILLIS = 6_000;

    private final Admin admin;
    private final StockflowConfig config;
    private final String applicationId;
    private final KafkaAccess access;

    private ApplicationReset(final Admin admin, final StockflowConfig config) {
        this.admin = admin;
        this.config = config;
        this.applicationId = config.getString(StockflowConfig.APPLICATION_ID_CONFIG);
        this.access = KafkaAccess.of(config);
    }

    /**
     * @throws ResetRefusedException the configuration asks Kafka Streams for another group protocol than the
     *                               classic one, whose groups this reset does not handle
     */
    public static ApplicationReset connect(final StockflowConfig config) {
        final Object protocol = config.kafkaClientSettings().get(StreamsConfig.GROUP_PROTOCOL_CONFIG);
        if (protocol != null && !"classic".equalsIgnoreCase(protocol.toString().strip())) {
            throw new ResetRefusedException(StreamsConfig.GROUP_PROTOCOL_CONFIG + "=" + protocol + " is set: reset "
                    + "works on the classic consumer group protocol (Kafka Streams' default) only. Nothing was "
                    + "changed.");
        }
        return new ApplicationReset(Admin.create(KafkaClientSettings.admin(config)), config);
    }

    /** Who is in the application's consumer group now. */
    public GroupMembership membership() {
        try {
            return GroupMembership.describe(admin, applicationId);
        } catch (final IllegalStateException e) {
            throw access.onGroup(e, AclOperation.DESCRIBE, applicationId, AclOperation.READ)
                    .<RuntimeException>map(denied -> denied).orElse(e);
        }
    }

    /**
     * Works out the reset without changing anything.
     *
     * @param toDatetime where the input offsets move to: the first record at or after it (the end of a partition
     *                   without one); null for the beginning
     */
    public ResetPlan plan(final Instant toDatetime) {
        final List<String> inputs = config.topologySettings().inputTopicNames();
        final Map<String, Integer> partitionCounts = new TopicProvisioner(admin, config.topologySettings(),
                (short) -1, access).partitionCounts(inputs, AclOperation.READ);
        final List<TopicPartition> partitions = new ArrayList<>();
        partitionCounts.forEach((topic, count) -> {
            for (int partition = 0; partition < count; partition++) {
                partitions.add(new TopicPartition(topic, partition));
            }
        });
        final List<String> missing = inputs.stream().filter(topic -> !partitionCounts.containsKey(topic)).toList();
        final Path stateDirectory = ApplicationStateDirectory.of(config);
        return new ResetPlan(applicationId, internalTopics(), moves(partitions, toDatetime), missing, toDatetime,
                stateDirectory, Files.exists(stateDirectory));
    }

    /**
     * Removes the group's static members (stopped instances waiting out their session), then watches the group
     * for a few seconds: a member that was running after all joins again, and the caller sees it active.
     */
    public GroupMembership removeStaticMembers(final GroupMembership membership) {
        final List<MemberToRemove> members = membership.staticInstanceIds().stream().map(MemberToRemove::new).toList();
        LOG.info("Removing static members {} from the consumer group {}", membership.staticInstanceIds(),
                applicationId);
        await("removing static members from " + applicationId, () -> admin.removeMembersFromConsumerGroup(
                applicationId, new RemoveMembersFromConsumerGroupOptions(members)).all());
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJOIN_WATCH_MILLIS);
        GroupMembership now = membership();
        while (!now.active() && System.nanoTime() < deadline) {
            pause(500);
            now = membership();
        }
        return now;
    }

    /**
     * Does what the plan says. The caller has checked that the group is not active; the broker checks it again when
     * the offsets move.
     */
    public void execute(final ResetPlan plan) {
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        plan.targets().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        if (!offsets.isEmpty()) {
            final AlterConsumerGroupOffsetsResult moved = admin.alterConsumerGroupOffsets(applicationId, offsets);
            try {
                await("moving the committed offsets of " + applicationId, moved::all);
            } catch (final IllegalStateException e) {
                throw topicRefused(moved, offsets.keySet()).<RuntimeException>map(denied -> denied).orElse(e);
            }
            LOG.info("Moved the committed offsets of {} on {} input partitions", applicationId, offsets.size());
        }
        if (!plan.internalTopics().isEmpty()) {
            await("deleting " + plan.internalTopics(), () -> admin.deleteTopics(plan.internalTopics()).all());
            awaitDeleted(plan.internalTopics());
            LOG.info("Deleted the internal topics {}", plan.internalTopics());
        }
        ApplicationStateDirectory.delete(plan.stateDirectory());
        LOG.info("Deleted the local state directory {}", plan.stateDirectory());
    }

    /**
     * Kafka refuses an offset move per partition, and the failure of the whole names none: the first refusal, as one
     * line. Committing offsets for a topic takes Read on it, as a consumer's commit does.
     */
    private Optional<KafkaAccessDeniedException> topicRefused(final AlterConsumerGroupOffsetsResult moved,
                                                              final Collection<TopicPartition> partitions) {
        for (final TopicPartition partition : partitions) {
            try {
                moved.partitionResult(partition).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    return access.onTopic(e.getCause(), AclOperation.READ, partition.topic(),
                            AclOperation.READ);
                }
            } catch (final TimeoutException e) {
                return Optional.empty();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The application's internal topics: named {@code <application.id>-...-changelog} or {@code -repartition}.
     * Kafka lists only the topics the principal may describe, so without Delete (which includes Describe) on them
     * the list would be empty and the reset would leave them; the changelog Stockflow knows is asked about first.
     */
    private List<String> internalTopics() {
        new TopicProvisioner(admin, config.topologySettings(), (short) -1, access)
                .partitionCounts(List.of(applicationId + "-" + OfferTopology.STORE_NAME + "-changelog"),
                        AclOperation.DELETE);
        final Collection<String> names = await("listing topics", () -> admin.listTopics().names());
        return names.stream()
                .filter(name -> name.startsWith(applicationId + "-"))
                .filter(name -> name.endsWith("-changelog") || name.endsWith("-repartition"))
                .sorted().toList();
    }

    private List<ResetPlan.OffsetMove> moves(final List<TopicPartition> partitions, final Instant toDatetime) {
        final Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = await("reading the committed offsets of " + applicationId,
                    () -> admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        } catch (final IllegalStateException e) {
            throw access.onGroup(e, AclOperation.DESCRIBE, applicationId, AclOperation.READ)
                    .<RuntimeException>map(denied -> denied).orElse(e);
        }
        final Map<TopicPartition, Long> targets = offsets(partitions,
                toDatetime == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(toDatetime.toEpochMilli()));
        final Map<TopicPartition, Long> ends = toDatetime == null ? Map.of() : offsets(partitions, OffsetSpec.latest());
        final List<ResetPlan.OffsetMove> moves = new ArrayList<>();
        for (final TopicPartition partition : partitions) {
            final OffsetAndMetadata current = committed.get(partition);
            final long target = targets.get(partition);
            moves.add(new ResetPlan.OffsetMove(partition,
                    current == null ? OptionalLong.empty() : OptionalLong.of(current.offset()),
                    target >= 0 ? target : ends.get(partition), target < 0));
        }
        moves.sort(Comparator.comparing((ResetPlan.OffsetMove move) -> move.partition().topic())
                .thenComparingInt(move -> move.partition().partition()));
        return moves;
    }

    /** The offsets the spec names (-1 for a timestamp no record is at or after), as a read_committed reader sees. */
    private Map<TopicPartition, Long> offsets(final List<TopicPartition> partitions, final OffsetSpec spec) {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        final Map<TopicPartition, ListOffsetsResultInfo> answers = await("listing offsets", () -> admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Deleted topics disappear from the metadata a moment later; a restart must not find the old ones. */
    private void awaitDeleted(final List<String> topics) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (await("listing topics", () -> admin.listTopics().names()).stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The deleted topics " + topics + " are still listed after "
                        + TIMEOUT_SECONDS + " s");
            }
            pause(100);
        }
    }

    private static void pause(final long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static <T> T await(final String what, final KafkaFutureSupplier<T> call) {
        try {
            return call.get().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Failed " + what + ": " + Optional.ofNullable(e.getCause())
                    .map(Throwable::getMessage).orElse(e.toString()), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s " + what
                    + "; check bootstrap.servers", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    /** A call that returns the future of an admin operation. */
    @FunctionalInterface
    private interface KafkaFutureSupplier<T> {
        KafkaFuture<T> get();
    }
}
