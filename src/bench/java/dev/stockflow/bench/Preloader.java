package dev.stockflow.bench;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.Input;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.workload.GeneratedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a workload into fresh input topics with Stockflow's own input producer (idempotent, lz4, record
 * timestamps = occurredAt, values in the registry wire format), and notes where each partition ends.
 */
final class Preloader {

    private static final Logger LOG = LoggerFactory.getLogger(Preloader.class);

    private final Cluster cluster;
    private final SchemaRegistryClient registry;
    private final String registryUrl;

    Preloader(final Cluster cluster, final SchemaRegistryClient registry, final String registryUrl) {
        this.cluster = cluster;
        this.registry = registry;
        this.registryUrl = registryUrl;
    }

    /** Creates the data set's input topics ({@code <prefix>stock-updates} and so on) and fills them. */
    Dataset preload(final String name, final String topicPrefix, final Workload workload, final int partitions) {
        final String stock = topicPrefix + "stock-updates";
        final String price = topicPrefix + "price-updates";
        final String delisting = topicPrefix + "offer-delistings";
        // The order input exists beside the others (run requires it), empty unless the workload has orders.
        final String order = topicPrefix + "order-events";
        final List<String> topics = List.of(stock, price, delisting, order);
        cluster.createTopics(topics, partitions, Map.of());
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of(
                StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
                Input.STOCK.configKey(), stock,
                Input.PRICE.configKey(), price,
                Input.DELISTING.configKey(), delisting,
                Input.ORDER.configKey(), order));
        final long started = System.nanoTime();
        final Map<String, Long> byKind = new TreeMap<>();
        final AtomicReference<Map<TopicPartition, Long>> initialEnds = new AtomicReference<>();
        try (InputProducer producer = new InputProducer(config, registry)) {
            workload.replay(event -> send(producer, event, byKind), () -> {
                if (workload.initialStock()) {
                    producer.flush();
                    initialEnds.set(cluster.endOffsets(topics));
                }
            });
            producer.flush();
            if (producer.failed() > 0) {
                throw new IllegalStateException(producer.failed() + " input records could not be produced: "
                        + producer.firstError());
            }
        }
        final Map<TopicPartition, Long> ends = new HashMap<>(cluster.endOffsets(topics));
        final long records = ends.values().stream().mapToLong(Long::longValue).sum();
        if (records != workload.totalEvents()) {
            throw new IllegalStateException("preloaded " + records + " records, expected " + workload.totalEvents());
        }
        LOG.info("Preloaded {} records into {} in {} s", records, name, (System.nanoTime() - started) / 1_000_000_000);
        return new Dataset(name, workload, stock, price, delisting, order, partitions, Map.copyOf(ends),
                initialEnds.get() == null ? null : Map.copyOf(initialEnds.get()), records, Map.copyOf(byKind), null);
    }

    private static void send(final InputProducer producer, final GeneratedEvent event, final Map<String, Long> byKind) {
        producer.send(event.input(), event.key(), event.value(), event.occurredAt());
        byKind.merge(event.input().typeName(), 1L, Long::sum);
    }
}
