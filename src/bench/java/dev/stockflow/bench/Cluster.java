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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The admin operations of the harness on its broker: topics, end offsets, a group's committed offsets. */
final class Cluster implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final String bootstrapServers;

    Cluster(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    void createTopics(final Collection<String> names, final int partitions, final Map<String, String> configs) {
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
    Map<TopicPartition, Long> endOffsets(final Collection<String> topics) {
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
    boolean hasCommitted(final String group, final Map<TopicPartition, Long> targets) {
        final Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        for (final Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            final OffsetAndMetadata offset = committed.get(target.getKey());
            if (target.getValue() > 0 && (offset == null || offset.offset() < target.getValue())) {
                return false;
            }
        }
        return true;
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
