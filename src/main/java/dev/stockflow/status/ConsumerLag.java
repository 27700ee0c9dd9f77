package dev.stockflow.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * This instance's consumer lag per input partition, from the Kafka clients' own metrics (Kafka Streams'
 * {@code KafkaStreams#metrics()}): {@code records-lag} of group {@code consumer-fetch-manager-metrics}, tagged with
 * topic and partition, of the main consumers only. The restore consumer reads changelogs, not input, so its lag is
 * left out. Each stream thread's consumer reports the partitions assigned to it, so partitions other instances
 * consume are not here. The value is what the consumer saw on its latest fetch: cheap to read, never a broker call.
 */
public final class ConsumerLag implements Supplier<List<PartitionLag>> {

    static final String GROUP = "consumer-fetch-manager-metrics";
    static final String RECORDS_LAG = "records-lag";
    private static final String RESTORE_CONSUMER_SUFFIX = "restore-consumer";

    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;
    private final List<String> inputTopics;

    /**
     * @param metrics     the Kafka clients' metrics, read anew at each call
     * @param inputTopics the input topics, in the order the page lists them
     */
    public ConsumerLag(final Supplier<? extends Map<MetricName, ? extends Metric>> metrics,
                       final List<String> inputTopics) {
        this.metrics = metrics;
        this.inputTopics = List.copyOf(inputTopics);
    }

    @Override
    public List<PartitionLag> get() {
        final List<PartitionLag> lags = new ArrayList<>();
        for (final Metric metric : metrics.get().values()) {
            final MetricName name = metric.metricName();
            if (isInputLag(name) && metric.metricValue() instanceof Number lag && Double.isFinite(lag.doubleValue())) {
                lags.add(new PartitionLag(name.tags().get("topic"), Integer.parseInt(name.tags().get("partition")),
                        Math.max(0, lag.longValue())));
            }
        }
        lags.sort(Comparator.comparingInt((PartitionLag lag) -> inputTopics.indexOf(lag.topic()))
                .thenComparingInt(PartitionLag::partition));
        return lags;
    }

    private boolean isInputLag(final MetricName name) {
        final String clientId = name.tags().getOrDefault("client-id", "");
        return GROUP.equals(name.group()) && RECORDS_LAG.equals(name.name())
                && inputTopics.contains(name.tags().get("topic")) && name.tags().containsKey("partition")
                && !clientId.endsWith(RESTORE_CONSUMER_SUFFIX);
    }
}
