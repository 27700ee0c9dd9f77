package dev.stockflow.status;

/** How many records of one input partition this instance's consumer has yet to read. */
public record PartitionLag(String topic, int partition, long lag) {
}
