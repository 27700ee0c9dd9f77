package dev.stockflow.restore;

/**
 * Where the restoration of one changelog partition into its store stands at one moment.
 *
 * @param store            the state store being restored
 * @param topic            its changelog topic
 * @param partition        the changelog partition
 * @param restoredRecords  records applied to the store so far, as Kafka Streams counted its batches
 * @param remainingRecords changelog offsets from the next one to restore to the end offset Kafka Streams took
 *                         when the restoration started; an upper bound on the records left, since transaction
 *                         markers, aborted and compacted-away records take offsets too; 0 once restored
 * @param restoring        true until the restoration of the partition has ended
 */
public record PartitionProgress(String store, String topic, int partition, long restoredRecords,
                                long remainingRecords, boolean restoring) {

    /** The changelog partition as Kafka names it: {@code <topic>-<partition>}. */
    public String topicPartition() {
        return topic + "-" + partition;
    }
}
