package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Picks the user's pass-through Kafka settings that apply to one kind of client. */
final class KafkaClientSettings {

    private KafkaClientSettings() {
    }

    /** Producer settings: plain producer keys and {@code producer.}-prefixed ones, over the given defaults. */
    static Map<String, Object> producer(final StockflowConfig config, final Map<String, Object> defaults) {
        return select(config, defaults, ProducerConfig.configNames(), "producer.");
    }

    /**
     * Consumer settings: plain consumer keys and {@code consumer.}-prefixed ones, then the required settings on top.
     * A {@code group.instance.id} is the processor's identity and never a command's, so it is left out.
     */
    static Map<String, Object> consumer(final StockflowConfig config, final Map<String, Object> required) {
        final Map<String, Object> settings = select(config, Map.of(), ConsumerConfig.configNames(), "consumer.");
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.putAll(required);
        return settings;
    }

    /** Admin client settings: plain admin keys and {@code admin.}-prefixed ones. */
    static Map<String, Object> admin(final StockflowConfig config) {
        return select(config, Map.of(), AdminClientConfig.configNames(), "admin.");
    }

    private static Map<String, Object> select(final StockflowConfig config, final Map<String, Object> defaults,
                                              final Set<String> known, final String prefix) {
        final Map<String, Object> settings = new HashMap<>(defaults);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.kafkaClientSettings().forEach((key, value) -> {
            if (known.contains(key)) {
                settings.put(key, value);
            }
        });
        config.kafkaClientSettings().forEach((key, value) -> {
            if (key.startsWith(prefix) && known.contains(key.substring(prefix.length()))) {
                settings.put(key.substring(prefix.length()), value);
            }
        });
        return settings;
    }
}
