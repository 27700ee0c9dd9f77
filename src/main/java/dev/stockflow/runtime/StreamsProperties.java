package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.DeadLetterOnProcessingError;
import dev.stockflow.deadletter.DeadLetterOnProductionError;
import dev.stockflow.topology.ProcessingListener;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams settings of the processor: Stockflow's settings mapped onto Streams' keys, tuned
 * defaults for throughput, then the user's Kafka client settings on top (they always win).
 */
public final class StreamsProperties {

    /**
     * {@code StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG}, named by its value: the constant is
     * deprecated since Kafka 4.3 because 5.0 drops the setting and makes its {@code true} the only behaviour.
     */
    private static final String GLOBAL_PROCESSING_EXCEPTION_HANDLER = "processing.exception.handler.global.enabled";

    private StreamsProperties() {
    }

    /**
     * @param listener hears about records the error safety nets send to the dead-letter topic
     * @param self     this instance's address for interactive-query routing ({@code application.server})
     */
    public static Properties of(final StockflowConfig config, final ProcessingListener listener, final HostInfo self) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(StockflowConfig.APPLICATION_ID_CONFIG));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                config.getString(StockflowConfig.PROCESSING_GUARANTEE_CONFIG));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
                config.getInt(StockflowConfig.NUM_STANDBY_REPLICAS_CONFIG));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        // The offer store caches decoded offers itself (cache.max.bytes); Kafka Streams' record cache would only
        // hold a second copy.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        putIfSet(props, StreamsConfig.STATE_DIR_CONFIG, config.getString(StockflowConfig.STATE_DIR_CONFIG));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        props.put(StockflowConfig.ROCKSDB_MEMORY_MB_CONFIG, config.getInt(StockflowConfig.ROCKSDB_MEMORY_MB_CONFIG));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG,
                (int) config.getShort(StockflowConfig.TOPIC_REPLICATION_FACTOR_CONFIG));

        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProcessingError.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnProductionError.class);
        props.put(DeadLetterOnProcessingError.TOPICS_CONFIG, config.topologySettings().deadLetterTopics());
        props.put(DeadLetterOnProcessingError.LISTENER_CONFIG, listener);
        // Stockflow has no global stores; opting in now keeps the behaviour Kafka 5.0 will make the default.
        props.put(GLOBAL_PROCESSING_EXCEPTION_HANDLER, true);
        final Map<String, Object> user = config.kafkaClientSettings();
        // Snapshots are small and many: compress and batch them.
        putProducerDefault(props, user, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        putProducerDefault(props, user, ProducerConfig.LINGER_MS_CONFIG, 10);
        putProducerDefault(props, user, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Fetch in larger chunks: the input is a firehose of ~100-byte records.
        putConsumerDefault(props, user, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        putConsumerDefault(props, user, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        putConsumerDefault(props, user, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);

        props.putAll(user);
        // After the user's settings: a group.instance.id of theirs is kept as they wrote it.
        InstanceIdentity.groupInstanceId(config).filter(id -> InstanceIdentity.userGroupInstanceId(config).isEmpty())
                .ifPresent(id -> props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                        id));
        return props;
    }

    /**
     * A tuned producer default, unless the user set the key in either form: Kafka Streams prefers a
     * {@code producer.}-prefixed key over the plain one, so a prefixed default would beat the user's plain key.
     */
    private static void putProducerDefault(final Properties props, final Map<String, Object> user, final String key,
                                           final Object value) {
        final String prefixed = StreamsConfig.producerPrefix(key);
        if (!user.containsKey(key) && !user.containsKey(prefixed)) {
            props.put(prefixed, value);
        }
    }

    /** As {@link #putProducerDefault}, for the consumers ({@code consumer.}, {@code main.consumer.} and plain keys). */
    private static void putConsumerDefault(final Properties props, final Map<String, Object> user, final String key,
                                           final Object value) {
        final String prefixed = StreamsConfig.consumerPrefix(key);
        if (!user.containsKey(key) && !user.containsKey(prefixed)
                && !user.containsKey(StreamsConfig.mainConsumerPrefix(key))) {
            props.put(prefixed, value);
        }
    }

    private static void putIfSet(final Properties props, final String key, final String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value);
        }
    }
}
