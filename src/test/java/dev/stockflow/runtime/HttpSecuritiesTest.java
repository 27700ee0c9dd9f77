package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.Stockflow;
import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.HttpSecuritySettings;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.http.HttpSecurity;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.SelfSignedStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API's TLS and tokens from the settings: what works, and one line naming the setting when not. */
class HttpSecuritiesTest {

    private static final String PASSWORD = "keystore-secret-77";

    @TempDir
    static Path dir;
    private static Path keyStore;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = SelfSignedStores.keyStore(dir, "stockflow", PASSWORD);
    }

    @Test
    void shouldBuildTlsAndTokensFromTheSettings() throws Exception {
        // Given
        final Path tokens = Files.writeString(dir.resolve("tokens-ok"), "a-token\n");
        final StockflowConfig config = config(Map.of(
                HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, keyStore.toString(),
                HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG, PASSWORD,
                HttpSecuritySettings.TOKENS_FILE_CONFIG, tokens.toString(),
                HttpSecuritySettings.METRICS_OPEN_CONFIG, "true"));

        // When
        try (HttpSecurity security = HttpSecurities.from(config)) {

            // Then
            assertThat(security.tls()).isTrue();
            assertThat(security.scheme()).isEqualTo("https");
            assertThat(security.forwardTls()).isNotNull();
            assertThat(security.tokens()).isNotNull();
            assertThat(security.metricsOpen()).isTrue();
        }
    }

    @Test
    void shouldBeOpenPlainHttpByDefault() {
        // When
        try (HttpSecurity security = HttpSecurities.from(config(Map.of()))) {

            // Then
            assertThat(security).isEqualTo(HttpSecurity.NONE);
        }
    }

    @Test
    void shouldNameTheKeystoreSettingForAMissingFileOrAWrongPasswordWithoutShowingIt() {
        // Given
        final StockflowConfig missing = config(Map.of(
                HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, dir.resolve("nope.p12").toString(),
                HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG, PASSWORD));
        final StockflowConfig wrongPassword = config(Map.of(
                HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, keyStore.toString(),
                HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG, "not-" + PASSWORD));

        // When / Then
        assertThatThrownBy(() -> HttpSecurities.from(missing)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Setting 'http.tls.keystore.location' cannot be used")
                .hasMessageContaining("no such file").hasMessageContaining("STOCKFLOW_HTTP_TLS_KEYSTORE_LOCATION")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> HttpSecurities.from(wrongPassword)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.keystore.location").hasMessageContaining("password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void shouldRefuseAKeystoreWithoutAKey() throws Exception {
        // Given: a truststore (certificates only) given as the keystore
        final Path trustOnly = SelfSignedStores.trustStore(dir, "trust-only", PASSWORD, PASSWORD,
                java.util.List.of(keyStore));
        final StockflowConfig config = config(Map.of(
                HttpSecuritySettings.KEYSTORE_LOCATION_CONFIG, trustOnly.toString(),
                HttpSecuritySettings.KEYSTORE_PASSWORD_CONFIG, PASSWORD));

        // When / Then
        assertThatThrownBy(() -> HttpSecurities.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no private key");
    }

    @Test
    void shouldRefuseATruststoreWithoutTls() {
        // Given
        final StockflowConfig config = config(Map.of(
                HttpSecuritySettings.TRUSTSTORE_LOCATION_CONFIG, keyStore.toString()));

        // When / Then
        assertThatThrownBy(() -> HttpSecurities.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.tls.truststore.location' is set but http.tls.keystore.location is not");
    }

    @Test
    void shouldNameTheTokenFileSettingAndTheLineButNeverAToken() throws Exception {
        // Given
        final Path tokens = Files.writeString(dir.resolve("tokens-bad"), "fine-token\nleaked token\n");
        final StockflowConfig config = config(Map.of(HttpSecuritySettings.TOKENS_FILE_CONFIG, tokens.toString()));

        // When / Then
        assertThatThrownBy(() -> HttpSecurities.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.auth.tokens.file' cannot be used: line 2 of the token file")
                .hasMessageNotContaining("leaked").hasMessageNotContaining("fine-token");
    }

    @Test
    void shouldStopRunWithExitCodeTwoBeforeContactingKafka() throws Exception {
        // Given: no broker listens on that address; the keystore setting is checked before it is needed
        final Path file = Files.writeString(dir.resolve("run.properties"), String.join("\n",
                "bootstrap.servers=localhost:1", "schema.registry.url=mock://http-securities-test",
                "http.tls.keystore.location=" + dir.resolve("missing.p12"),
                "http.tls.keystore.password=" + PASSWORD));

        // When
        final int code = Stockflow.execute("run", "--config", file.toString());

        // Then
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).contains("stockflow: configuration error: Setting 'http.tls.keystore.location'")
                .doesNotContain(PASSWORD);
        assertThat(console.err().lines().filter(line -> line.startsWith("stockflow:"))).hasSize(1);
    }

    private static StockflowConfig config(final Map<String, String> settings) {
        return ConfigLoader.load(null, Map.of(), new HashMap<>(settings));
    }
}
