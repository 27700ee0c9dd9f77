package dev.stockflow.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Record time for stream time, bounded by the wall clock: a record stamped further ahead than
 * {@code max.future.skew} counts as stamped at that bound. Such a record goes to the dead-letter topic
 * anyway; without the bound it would still drag stream time into the future, and with it the expiry
 * of every remembered delisting in its task. A record without a timestamp takes the partition's time.
 */
final class BoundedTimestampExtractor implements TimestampExtractor {

    private final long maxFutureSkewMs;

    BoundedTimestampExtractor(final long maxFutureSkewMs) {
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        final long timestamp = record.timestamp();
        if (timestamp < 0) {
            return Math.max(partitionTime, 0L);
        }
        final long now = System.currentTimeMillis();
        final long latest = now > Long.MAX_VALUE - maxFutureSkewMs ? Long.MAX_VALUE : now + maxFutureSkewMs;
        return Math.min(timestamp, latest);
    }
}
