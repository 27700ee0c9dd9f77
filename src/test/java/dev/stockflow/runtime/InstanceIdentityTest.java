package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.topology.ProcessingListener;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Static membership by default: an instance with a stable identity joins under a group.instance.id of its own. */
class InstanceIdentityTest {

    private static final String MAIN_CONSUMER_INSTANCE_ID = "main.consumer.group.instance.id";

    @Test
    void shouldNameTheMemberAfterTheApplicationServer() {
        // When
        final StockflowConfig config = config(Map.of("STOCKFLOW_APPLICATION_SERVER", "stockflow-1.stockflow:8080"));

        // Then: ':' is not allowed in a group.instance.id
        assertThat(InstanceIdentity.groupInstanceId(config)).contains("stockflow-stockflow-1.stockflow_8080");
        assertThat(streamsProperties(config).get(MAIN_CONSUMER_INSTANCE_ID))
                .isEqualTo("stockflow-stockflow-1.stockflow_8080");
    }

    @Test
    void shouldNameTheMemberAfterTheHostAndHttpPortWithoutAnApplicationServer() throws Exception {
        // When
        final StockflowConfig config = config(Map.of("STOCKFLOW_HTTP_PORT", "8123",
                "STOCKFLOW_APPLICATION_ID", "inventory"));

        // Then
        final String host = InetAddress.getLocalHost().getHostName();
        assertThat(InstanceIdentity.groupInstanceId(config))
                .contains(InstanceIdentity.sanitised("inventory-" + host + ":8123"));
    }

    @Test
    void shouldStayDynamicOnARandomHttpPort() {
        // When
        final StockflowConfig config = config(Map.of("STOCKFLOW_HTTP_PORT", "0"));

        // Then
        assertThat(InstanceIdentity.groupInstanceId(config)).isEmpty();
        assertThat(streamsProperties(config)).doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
    }

    @Test
    void shouldStayDynamicWhenStaticMembershipIsOff() {
        // When
        final StockflowConfig config = config(Map.of("STOCKFLOW_STATIC_MEMBERSHIP", "false",
                "STOCKFLOW_APPLICATION_SERVER", "stockflow-1:8080"));

        // Then
        assertThat(InstanceIdentity.groupInstanceId(config)).isEmpty();
        assertThat(streamsProperties(config)).doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
    }

    @Test
    void shouldKeepTheUsersOwnGroupInstanceIdAsWritten() {
        // When
        final StockflowConfig config = config(Map.of("STOCKFLOW_KAFKA_GROUP_INSTANCE_ID", "pod-7",
                "STOCKFLOW_APPLICATION_SERVER", "stockflow-1:8080"));

        // Then
        assertThat(InstanceIdentity.groupInstanceId(config)).contains("pod-7");
        final Properties props = streamsProperties(config);
        assertThat(props).doesNotContainKey(MAIN_CONSUMER_INSTANCE_ID);
        assertThat(new StreamsConfig(props).getMainConsumerConfigs("group", "client", 1).get("group.instance.id"))
                .isEqualTo("pod-7-1");
    }

    private static StockflowConfig config(final Map<String, String> environment) {
        final Map<String, String> env = new HashMap<>(environment);
        env.put("STOCKFLOW_BOOTSTRAP_SERVERS", "localhost:9092");
        env.put("STOCKFLOW_SCHEMA_REGISTRY_URL", "mock://instance-identity");
        return ConfigLoader.load(null, env, Map.of());
    }

    private static Properties streamsProperties(final StockflowConfig config) {
        return StreamsProperties.of(config, ProcessingListener.NONE, new HostInfo("localhost", 8080));
    }
}
