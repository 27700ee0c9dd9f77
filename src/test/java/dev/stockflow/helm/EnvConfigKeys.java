package dev.stockflow.helm;

import dev.stockflow.config.EnvironmentMapping;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Stockflow's environment-variable rule, as its users read it: STOCKFLOW_KAFKA_X passes the Kafka
 * client setting x through (upper case to lower, '_' to '.'), and STOCKFLOW_A_B_C sets the
 * Stockflow setting a.b.c.
 */
final class EnvConfigKeys {

    static final String PREFIX = "STOCKFLOW_";
    static final String KAFKA_PREFIX = PREFIX + "KAFKA_";

    /**
     * Stockflow's own settings that the chart can set (docs/kubernetes.md lists them with the chart values
     * that set them); ConfigTemplateTest checks each against Stockflow's definition.
     */
    static final Set<String> STOCKFLOW_SETTINGS = Set.of(
            "bootstrap.servers", "schema.registry.url", "schema.registry.basic.auth.user.info",
            "schema.registry.ssl.truststore.location", "schema.registry.ssl.truststore.password",
            "schema.registry.ssl.truststore.type", "schema.registry.ssl.keystore.location",
            "schema.registry.ssl.keystore.password", "schema.registry.ssl.keystore.type",
            "schema.registry.ssl.key.password", "http.tls.keystore.location", "http.tls.keystore.password",
            "http.tls.truststore.location", "http.tls.truststore.password", "http.auth.tokens.file",
            "http.auth.metrics.open",
            "application.id", "application.server", "http.port", "state.dir", "processing.guarantee",
            "num.standby.replicas", "rocksdb.memory.mb", "cache.max.bytes",
            "topic.stock-updates", "topic.price-updates", "topic.offer-delistings", "topic.order-events",
            "topic.offer-snapshots", "topic.dlq", "delist.retention", "order.retention", "max.future.skew",
            "omnibus.window.days");

    private EnvConfigKeys() {
    }

    /** The Kafka client setting a STOCKFLOW_KAFKA_ variable passes through, as Stockflow maps it. */
    static Optional<String> kafkaSetting(final String envName) {
        return Optional.ofNullable(EnvironmentMapping.kafkaSettingOf(envName));
    }

    /** The Stockflow setting a STOCKFLOW_ variable (other than STOCKFLOW_KAFKA_) sets, as Stockflow maps it. */
    static Optional<String> stockflowSetting(final String envName) {
        return Optional.ofNullable(EnvironmentMapping.stockflowSettingOf(envName));
    }

    /** Every setting the Kafka consumer, producer, admin client or Kafka Streams understands. */
    static Set<String> kafkaClientSettings() {
        final Set<String> names = new HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return names;
    }

}
