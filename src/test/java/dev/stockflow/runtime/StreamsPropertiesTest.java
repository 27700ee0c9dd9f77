package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.topology.ProcessingListener;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Stockflow's Kafka Streams settings: production defaults, and the user's Kafka settings always on top. */
class StreamsPropertiesTest {

    private static final HostInfo SELF = new HostInfo("localhost", 8080);

    @Test
    void shouldDefaultToExactlyOnceWithCompressionBatchingAndNoRecordCache() {
        // When
        final Properties props = propertiesFor(Map.of());

        // Then
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get("producer.compression.type")).isEqualTo("lz4");
        assertThat(props.get("producer.linger.ms")).isEqualTo(10);
        assertThat(props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0L);
        assertThat((Integer) props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void shouldLetAPlainKafkaSettingOfTheUserBeatAPrefixedDefault() {
        // When: plain keys, which Kafka Streams would rank below a producer./consumer. prefixed default
        final Properties props = propertiesFor(Map.of("STOCKFLOW_KAFKA_COMPRESSION_TYPE", "zstd",
                "STOCKFLOW_KAFKA_FETCH_MAX_WAIT_MS", "500"));

        // Then
        assertThat(props).doesNotContainKeys("producer.compression.type", "consumer.fetch.max.wait.ms");
        assertThat(props.get("compression.type")).isEqualTo("zstd");
        assertThat(new StreamsConfig(props).getProducerConfigs("client").get("compression.type")).isEqualTo("zstd");
        assertThat(new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0).get("fetch.max.wait.ms"))
                .isEqualTo("500");
    }

    @Test
    void shouldLetAPrefixedKafkaSettingOfTheUserReplaceTheDefault() {
        // When
        final Properties props = propertiesFor(Map.of("STOCKFLOW_KAFKA_PRODUCER_LINGER_MS", "50"));

        // Then
        assertThat(props.get("producer.linger.ms")).isEqualTo("50");
    }

    @Test
    void shouldRunTheConfiguredNumberOfStreamThreads() {
        // When
        final Properties props = propertiesFor(Map.of("STOCKFLOW_NUM_STREAM_THREADS", "3"));

        // Then
        assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
    }

    private static Properties propertiesFor(final Map<String, String> environment) {
        final Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("STOCKFLOW_BOOTSTRAP_SERVERS", "localhost:9092");
        env.put("STOCKFLOW_SCHEMA_REGISTRY_URL", "mock://streams-properties");
        return StreamsProperties.of(ConfigLoader.load(null, env, Map.of()), ProcessingListener.NONE, SELF);
    }
}
