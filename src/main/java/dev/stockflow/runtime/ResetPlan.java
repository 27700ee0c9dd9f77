package dev.stockflow.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@code reset} does, worked out before anything is changed, so that a dry run shows exactly what a real
 * run would do.
 *
 * @param applicationId  the application (and its consumer group)
 * @param internalTopics the application's internal topics to delete (its changelogs and repartition topics)
 * @param offsets        per input partition, where the group's committed offset moves
 * @param missingInputs  input topics that do not exist (nothing to move there)
 * @param toDatetime     the instant the offsets move to, or null for the beginning
 * @param stateDirectory the local state directory to delete
 * @param stateDirectoryExists whether it exists now
 */
public record ResetPlan(String applicationId, List<String> internalTopics, List<OffsetMove> offsets,
                        List<String> missingInputs, Instant toDatetime, Path stateDirectory,
                        boolean stateDirectoryExists) {

    public ResetPlan {
        internalTopics = List.copyOf(internalTopics);
        offsets = List.copyOf(offsets);
        missingInputs = List.copyOf(missingInputs);
    }

    /** The new committed offsets, for the admin client. */
    Map<TopicPartition, Long> targets() {
        return offsets.stream().collect(Collectors.toMap(OffsetMove::partition, OffsetMove::target));
    }

    /**
     * One input partition's committed offset, before and after.
     *
     * @param partition the input partition
     * @param current   the committed offset now; empty when the group has none there
     * @param target    the offset it moves to
     * @param atEnd     whether the target is the end of the partition because no record is at or after
     *                  {@code --to-datetime}
     */
    public record OffsetMove(TopicPartition partition, OptionalLong current, long target, boolean atEnd) {
    }
}
