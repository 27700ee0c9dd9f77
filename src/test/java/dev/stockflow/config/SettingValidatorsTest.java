package dev.stockflow.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingValidatorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"broker:9092", "a:1, b:2", "a:1,,b:2", "SASL_SSL://broker.example.com:9093",
        "10.0.0.7:9092", "[::1]:9092", "::1:9092", ""})
    void shouldAcceptWhatTheKafkaClientsAccept(final String servers) {
        assertThatCode(() -> SettingValidators.hostPortList().ensureValid("bootstrap.servers", servers))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "broker:", "broker:0", "broker:65536", "broker:123456789012", "broker:9092,other", "my host:9092",
        ":9092"})
    void shouldRejectAnAddressWithoutAUsablePort(final String servers) {
        assertThatThrownBy(() -> SettingValidators.hostPortList().ensureValid("bootstrap.servers", servers))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("is not host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ", ",,"})
    void shouldRejectAListOfNoAddresses(final String servers) {
        assertThatThrownBy(() -> SettingValidators.hostPortList().ensureValid("bootstrap.servers", servers))
                .isInstanceOf(ConfigException.class).hasMessageContaining("names no host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stockflow-0.stockflow-headless:8080", "10.1.2.3:8080"})
    void shouldAcceptAnApplicationServer(final String server) {
        assertThatCode(() -> SettingValidators.hostPort().ensureValid("application.server", server))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stockflow-0", "a:1,b:2", "a:1, b:2"})
    void shouldRejectAnApplicationServerThatIsNotOneHostAndPort(final String server) {
        assertThatThrownBy(() -> SettingValidators.hostPort().ensureValid("application.server", server))
                .isInstanceOf(ConfigException.class).hasMessageContaining("application.server");
    }
}
