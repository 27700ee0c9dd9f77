package dev.stockflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The admin operations of the harnesses on their broker: topics, end offsets, a group's committed offsets
 * and members, open transactions. The admin client reconnects by itself, also to a broker started again.
 */
public final class Cluster implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final String bootstrapServers;

    public Cluster(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopics(final Collection<String> names, final int partitions, final Map<String, String> configs) {
        final List<NewTopic> topics = new ArrayList<>();
        for (final String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1).configs(configs));
        }
        await(admin.createTopics(topics).all());
        awaitLeaders(names);
    }

    /** Waits until every partition answers for its offsets, so producers and consumers start without retries. */
    private void awaitLeaders(final Collection<String> names) {
        final long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS);
        while (true) {
            try {
                endOffsets(names);
                return;
            } catch (final IllegalStateException e) {
                final boolean notYet = e.getCause() instanceof UnknownTopicOrPartitionException
                        || e.getCause() instanceof LeaderNotAvailableException;
                if (!notYet || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for partition leaders", e);
        }
    }

    /** Deletes the topics whose names match; returns how many. */
    int deleteTopics(final Predicate<String> names) {
        final Set<String> existing = await(admin.listTopics().names());
        final List<String> doomed = existing.stream().filter(names).toList();
        if (!doomed.isEmpty()) {
            try {
                await(admin.deleteTopics(doomed).all());
            } catch (final IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return doomed.size();
    }

    void deleteGroup(final String group) {
        try {
            await(admin.deleteConsumerGroups(List.of(group)).all());
        } catch (final IllegalStateException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException || e.getCause() instanceof GroupNotEmptyException)) {
                throw e;
            }
        }
    }

    /** The end offset of every partition of the topics, as a read_committed consumer sees it. */
    public Map<TopicPartition, Long> endOffsets(final Collection<String> topics) {
        final Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (final Map.Entry<String, KafkaFuture<TopicDescription>> topic : descriptions.entrySet()) {
            await(topic.getValue()).partitions().forEach(partition ->
                    request.put(new TopicPartition(topic.getKey(), partition.partition()), OffsetSpec.latest()));
        }
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                await(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Whether the group has committed, for every given partition, at least the given offset. */
    public boolean hasCommitted(final String group, final Map<TopicPartition, Long> targets) {
        final Map<TopicPartition, Long> committed = committedOffsets(group);
        for (final Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (target.getValue() > committed.getOrDefault(target.getKey(), 0L)) {
                return false;
            }
        }
        return true;
    }

    /** The group's committed offset of every partition it has committed. */
    public Map<TopicPartition, Long> committedOffsets(final String group) {
        final Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /**
     * The input the group has not committed yet: per partition of the topics, the end offset minus the
     * committed one (the whole partition when nothing is committed).
     */
    public Map<TopicPartition, Long> lag(final String group, final Collection<String> topics) {
        final Map<TopicPartition, Long> committed = committedOffsets(group);
        final Map<TopicPartition, Long> lag = new HashMap<>();
        endOffsets(topics).forEach((partition, end) ->
                lag.put(partition, Math.max(0, end - committed.getOrDefault(partition, 0L))));
        return lag;
    }

    /** The transactional ids with a transaction open right now (begun, neither committed nor aborted yet). */
    public List<String> openTransactions(final String transactionalIdPrefix) {
        final List<String> open = new ArrayList<>();
        for (final TransactionListing listing : await(admin.listTransactions().all())) {
            if (listing.transactionalId().startsWith(transactionalIdPrefix)
                    && listing.state() == TransactionState.ONGOING) {
                open.add(listing.transactionalId());
            }
        }
        return open;
    }

    /** The input partitions assigned to each member of the group, by the member's client id. */
    public Map<String, Set<TopicPartition>> assignments(final String group) {
        final Map<String, Set<TopicPartition>> assignments = new HashMap<>();
        await(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members()
                .forEach(member -> assignments.put(member.clientId(), member.assignment().topicPartitions()));
        return assignments;
    }

    private static <T> T await(final KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
