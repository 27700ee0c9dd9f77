package dev.stockflow.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The consumer lag per input partition, read from metrics shaped like the Kafka consumer's own. */
class ConsumerLagTest {

    private static final String MAIN = "app-1-StreamThread-1-consumer";
    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    private final ConsumerLag lag = new ConsumerLag(() -> metrics, List.of("stock-updates", "price-updates"));

    @Test
    void shouldReadTheMainConsumersLagOfInputPartitionsInTopicAndPartitionOrder() {
        // Given: two stream threads' consumers, the input topics in reverse order
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, MAIN, "price-updates", "1", 7.0);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, "app-1-StreamThread-2-consumer", "stock-updates", "2", 30.0);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, MAIN, "stock-updates", "0", 12.0);

        // When / Then
        assertThat(lag.get()).containsExactly(new PartitionLag("stock-updates", 0, 12),
                new PartitionLag("stock-updates", 2, 30), new PartitionLag("price-updates", 1, 7));
    }

    @Test
    void shouldLeaveOutTheRestoreConsumerOtherTopicsOtherMetricsAndUnknownValues() {
        // Given
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, "app-1-StreamThread-1-restore-consumer",
                "app-offer-state-changelog", "0", 500.0);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, "app-1-StreamThread-1-restore-consumer",
                "stock-updates", "0", 500.0);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, MAIN, "unrelated", "0", 9.0);
        add(ConsumerLag.GROUP, "records-lead", MAIN, "stock-updates", "0", 9.0);
        add("producer-metrics", ConsumerLag.RECORDS_LAG, MAIN, "stock-updates", "0", 9.0);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, MAIN, "stock-updates", "3", Double.NaN);
        add(ConsumerLag.GROUP, ConsumerLag.RECORDS_LAG, MAIN, "price-updates", "4", 3.0);

        // When / Then
        assertThat(lag.get()).containsExactly(new PartitionLag("price-updates", 4, 3));
    }

    @Test
    void shouldKnowNoPartitionBeforeAnyIsAssigned() {
        assertThat(lag.get()).isEmpty();
    }

    private void add(final String group, final String name, final String clientId, final String topic,
                     final String partition, final double value) {
        final MetricName metricName = new MetricName(name, group, "",
                Map.of("client-id", clientId, "topic", topic, "partition", partition));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
