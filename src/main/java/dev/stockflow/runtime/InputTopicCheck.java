package dev.stockflow.runtime;

import dev.stockflow.offer.Input;
import dev.stockflow.topology.TopologySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Start-up check of the input topics (every {@link Input}: stock, prices, delistings and order lines): all
 * must exist and have the same partition count, because all events of an offer must land in the same task,
 * the one that holds its state (they are partitioned by offer key with Kafka's default partitioner, so equal
 * partition counts put a key on the same partition number).
 */
public final class InputTopicCheck {

    private InputTopicCheck() {
    }

    /**
     * @param partitionCounts partition count per existing topic; topics that do not exist are absent
     * @throws IllegalStateException naming the missing topics, or the differing partition counts
     */
    public static void verify(final TopologySettings settings, final Map<String, Integer> partitionCounts) {
        final List<String> missing = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final Input input : Input.values()) {
            final String topic = settings.topicOf(input);
            final Integer count = partitionCounts.get(topic);
            if (count == null) {
                missing.add(topic);
            } else {
                counts.put(topic, count);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Input topic(s) missing: " + String.join(", ", missing)
                    + ". Create them with the same partition count (e.g. 'stockflow feed' creates them).");
        }
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("Input topics must have the same partition count, because they are "
                    + "co-partitioned by offer key; found " + counts.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "))
                    + ". Recreate or expand them to one count.");
        }
    }
}
