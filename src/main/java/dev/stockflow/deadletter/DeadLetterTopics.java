package dev.stockflow.deadletter;

import dev.stockflow.offer.Input;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The topics Kafka Streams' error handlers need to know: where dead letters go, which topic holds the
 * snapshots, and which input each source topic carries.
 *
 * @param dlqTopic      the dead-letter topic
 * @param snapshotTopic the snapshot topic (a snapshot the broker refuses is the only production error
 *                      that is dead-lettered; any other is Kafka's to handle)
 * @param inputTopics   the topic of every input
 */
public record DeadLetterTopics(String dlqTopic, String snapshotTopic, Map<Input, String> inputTopics) {

    public DeadLetterTopics {
        inputTopics = Collections.unmodifiableMap(new EnumMap<>(inputTopics));
    }

    /** Which input the topic carries, or null when it is not an input topic. */
    public Input inputOf(final String topic) {
        for (final Map.Entry<Input, String> input : inputTopics.entrySet()) {
            if (input.getValue().equals(topic)) {
                return input.getKey();
            }
        }
        return null;
    }
}
