package dev.stockflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.runtime.StockflowProcessor;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryServer;
import dev.stockflow.testkit.ConsoleCapture;
import dev.stockflow.testkit.KafkaTestCluster;
import dev.stockflow.testkit.LogCapture;
import dev.stockflow.testkit.SecuredRegistryProxy;
import dev.stockflow.testkit.SelfSignedStores;
import dev.stockflow.testkit.TestTopics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret ever leaves: the processor runs on a real broker with a SASL login, TLS store passwords for Kafka,
 * a registry behind mutual TLS and basic auth, an HTTP API behind TLS and bearer tokens, with the Kafka clients'
 * own configuration dumps switched on; then bad configurations are run next to the same secrets. None of the
 * secrets may appear in the log (the start-up banner included), the error output, or any HTTP answer.
 */
class SecretsStayHiddenIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    /** Loggers whose INFO lines include the Kafka clients' and Kafka Streams' configuration dumps. */
    private static final List<String> CLIENT_LOGGERS = List.of("org.apache.kafka.clients", "org.apache.kafka.streams",
            "org.apache.kafka.common.config");

    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    private static final String SASL_PASSWORD = secret("sasl-password");
    private static final String SASL_SECOND_WORD = secret("sasl-second-word");
    private static final String KAFKA_KEYSTORE_PASSWORD = secret("kafka-keystore-password");
    private static final String KAFKA_TRUSTSTORE_PASSWORD = secret("kafka-truststore-password");
    private static final String KAFKA_KEY_PASSWORD = secret("kafka-key-password");
    private static final String REGISTRY_PASSWORD = secret("registry-basic-auth-password");
    private static final String REGISTRY_KEYSTORE_PASSWORD = secret("registry-keystore-password");
    private static final String REGISTRY_KEY_PASSWORD = secret("registry-key-password");
    private static final String REGISTRY_TRUSTSTORE_PASSWORD = secret("registry-truststore-password");
    private static final String HTTP_KEYSTORE_PASSWORD = secret("http-keystore-password");
    private static final String HTTP_TRUSTSTORE_PASSWORD = secret("http-truststore-password");
    private static final String TOKEN = secret("http-token");
    private static final String OTHER_TOKEN = secret("http-other-token");
    private static final String WRONG_PASSWORD = secret("wrong-password");

    @TempDir
    static Path dir;
    private static Stores stores;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private LogCapture log;
    private final Map<String, Level> levels = new HashMap<>();

    @BeforeAll
    static void makeStores() throws Exception {
        stores = Stores.make(dir);
    }

    @BeforeEach
    void captureEverything() {
        // The Kafka clients' configuration dumps are INFO; they must hide the secrets too.
        CLIENT_LOGGERS.forEach(logger -> levels.put(logger, Level.INFO));
        Configurator.setLevel(levels);
        log = LogCapture.everything();
    }

    @AfterEach
    void restoreLogging() {
        log.close();
        CLIENT_LOGGERS.forEach(logger -> levels.put(logger, Level.WARN));
        Configurator.setLevel(levels);
    }

    @Test
    void shouldKeepEverySecretOutOfTheLogAndTheAnswersOfARunningInstance() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 2);
             SchemaRegistryServer plainRegistry = new SchemaRegistryServer(
                     InMemorySchemaRegistry.forScope(topics.prefix()), 0);
             SecuredRegistryProxy registry = new SecuredRegistryProxy(plainRegistry.url(), stores.registryServer(),
                     "stockflow:" + REGISTRY_PASSWORD)) {
            // Given: every secret set, some in the --config file and some in the environment, as run reads them
            final int port = freePort();
            final Path file = properties("running", runningSettings(topics, registry, port));
            final StockflowConfig config = ConfigLoader.load(file, secretEnvironment(), Map.of());
            final List<String> answers = new ArrayList<>();

            // When: it starts, processes an offer, answers every endpoint and stops
            try (StockflowProcessor processor = StockflowProcessor.start(config)) {
                Awaitility.await("Kafka Streams RUNNING").atMost(Duration.ofSeconds(90))
                        .until(() -> processor.streams().state() == KafkaStreams.State.RUNNING);
                topics.send(new StockUpdate("e-1", "acme", "SECRET-CHECK", "berlin", 4, Instant.now()));
                Awaitility.await("the offer served").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> get(port, "/offers/acme/SECRET-CHECK", TOKEN).statusCode() == 200);
                answers.addAll(everyAnswer(port));
            }

            // Then: the secrets were in use...
            assertThat(registry.passedOn()).as("registry calls over mutual TLS with basic auth").isPositive();
            assertThat(String.join("\n", answers)).contains("\"instance\":\"localhost:" + port + "\"")
                    .contains("\"totalQuantity\":4").contains("\"answeredBy\"").contains("stockflow_events_total");
            assertThat(log.messages()).anySatisfy(message -> assertThat(message)
                    .startsWith("Starting Stockflow with").contains("kafka.sasl.jaas.config=[hidden]"));
            assertThat(log.messages()).as("the Kafka clients' configuration dumps were captured")
                    .anySatisfy(message -> assertThat(message).contains("sasl.jaas.config = [hidden]"));
            // ...and none of them left
            assertNoSecretIn("the log", log.text());
            assertNoSecretIn("the HTTP answers", String.join("\n", answers));
        }
    }

    @Test
    void shouldKeepEverySecretOutOfTheErrorsOfBadConfigurations() throws Exception {
        try (TestTopics topics = new TestTopics(KAFKA, 1)) {
            // Given: the same secrets, each time next to one bad setting
            final Map<String, String> secrets = new LinkedHashMap<>();
            topics.settings().forEach((key, value) -> secrets.put(key, value.toString()));
            secrets.putAll(fileSecrets());
            secrets.putAll(Map.of("sasl.jaas.config", jaas(SASL_PASSWORD),
                    "schema.registry.basic.auth.user.info", "stockflow:" + REGISTRY_PASSWORD,
                    "http.tls.keystore.location", stores.httpKey().toString(),
                    "http.tls.keystore.password", HTTP_KEYSTORE_PASSWORD,
                    "http.auth.tokens.file", stores.tokens().toString()));
            final Path badTokens = Files.writeString(dir.resolve("bad-tokens"), TOKEN + " " + OTHER_TOKEN + "\n");
            final Map<String, Map<String, String>> badSettings = new LinkedHashMap<>();
            badSettings.put("processing.guarantee", Map.of("processing.guarantee", "sometimes"));
            badSettings.put("http.port", Map.of("http.port", "eighty"));
            badSettings.put("sasl.jaas.config", Map.of("sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"stockflow\" "
                            + "password=" + SASL_PASSWORD + " " + SASL_SECOND_WORD + ";"));
            badSettings.put("http.tls.keystore.location", Map.of("http.tls.keystore.password", WRONG_PASSWORD));
            // Checked when the client is made for an http(s) registry (a mock:// one has no settings).
            badSettings.put("schema.registry.basic.auth.user.info", Map.of("schema.registry.url",
                    "https://localhost:1", "schema.registry.basic.auth.user.info", REGISTRY_PASSWORD));
            badSettings.put("schema.registry.url", Map.of("schema.registry.url",
                    "https://stockflow:" + REGISTRY_PASSWORD + "@registry example:8081"));
            badSettings.put("http.auth.tokens.file", Map.of("http.auth.tokens.file", badTokens.toString()));
            final Map<String, Integer> exitCodes = new LinkedHashMap<>();

            // When
            for (final Map.Entry<String, Map<String, String>> bad : badSettings.entrySet()) {
                final Map<String, String> settings = new LinkedHashMap<>(secrets);
                settings.putAll(bad.getValue());
                final Path file = properties("bad-" + bad.getKey(), settings);
                exitCodes.put(bad.getKey(), Stockflow.execute("run", "--config", file.toString()));
            }

            // Then: each is one configuration error naming its setting...
            assertThat(exitCodes).as(console.err()).allSatisfy((setting, code) -> assertThat(code).as(setting)
                    .isEqualTo(2));
            final List<String> errors = console.err().lines()
                    .filter(line -> line.startsWith("stockflow: configuration error:")).toList();
            assertThat(errors).hasSize(badSettings.size());
            final List<String> settings = List.copyOf(badSettings.keySet());
            for (int i = 0; i < settings.size(); i++) {
                assertThat(errors.get(i)).contains(settings.get(i));
            }
            // ...and no secret is in any of them, nor in the log
            assertNoSecretIn("the error output", console.out() + console.err());
            assertNoSecretIn("the log", log.text());
        }
    }

    private static List<String> everyAnswer(final int port) throws Exception {
        final List<String> answers = new ArrayList<>();
        final Map<String, String> requests = new LinkedHashMap<>();
        requests.put("/status", TOKEN);
        requests.put("/offers/acme/SECRET-CHECK", TOKEN);
        requests.put("/offers/acme/SECRET-CHECK/state", TOKEN);
        requests.put("/offers/acme/NOT-THERE", TOKEN);
        requests.put("/offers/bad%20partner/X", TOKEN);
        requests.put("/metrics", TOKEN);
        requests.put("/no-such-path", TOKEN);
        requests.put("/health/live", null);
        requests.put("/health/ready", null);
        requests.put("/", null);
        for (final Map.Entry<String, String> request : requests.entrySet()) {
            answers.add(describe(get(port, request.getKey(), request.getValue())));
        }
        answers.add(describe(get(port, "/status", null)));
        answers.add(describe(get(port, "/offers/acme/SECRET-CHECK/state", OTHER_TOKEN)));
        return answers;
    }

    private static String describe(final HttpResponse<String> response) {
        return response.uri() + " " + response.statusCode() + " " + response.headers().map() + "\n" + response.body();
    }

    private static HttpResponse<String> get(final int port, final String path, final String token) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return stores.httpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> runningSettings(final TestTopics topics, final SecuredRegistryProxy registry,
                                                       final int port) throws Exception {
        final Map<String, String> settings = new LinkedHashMap<>();
        topics.settings().forEach((key, value) -> settings.put(key, value.toString()));
        settings.putAll(fileSecrets());
        settings.put("schema.registry.url", registry.url());
        settings.put("http.port", Integer.toString(port));
        settings.put("application.server", "localhost:" + port);
        settings.put("state.dir", Files.createDirectories(Path.of("target", "it-state", topics.prefix())).toString());
        settings.put("commit.interval.ms", "100");
        return settings;
    }

    /** The secrets of the --config file: Kafka's TLS passwords, the registry's and the HTTP API's stores. */
    private static Map<String, String> fileSecrets() {
        final Map<String, String> settings = new LinkedHashMap<>();
        // Unused against this PLAINTEXT broker: the Kafka clients hold them all the same.
        settings.put("security.protocol", "PLAINTEXT");
        settings.put("sasl.mechanism", "PLAIN");
        settings.put("kafka.ssl.keystore.password", KAFKA_KEYSTORE_PASSWORD);
        settings.put("ssl.truststore.password", KAFKA_TRUSTSTORE_PASSWORD);
        settings.put("producer.ssl.key.password", KAFKA_KEY_PASSWORD);
        settings.put("schema.registry.ssl.keystore.location", stores.registryClientKey().toString());
        settings.put("schema.registry.ssl.keystore.password", REGISTRY_KEYSTORE_PASSWORD);
        settings.put("schema.registry.ssl.keystore.type", "JKS");
        settings.put("schema.registry.ssl.key.password", REGISTRY_KEY_PASSWORD);
        settings.put("schema.registry.ssl.truststore.location", stores.registryClientTrust().toString());
        settings.put("schema.registry.ssl.truststore.password", REGISTRY_TRUSTSTORE_PASSWORD);
        settings.put("schema.registry.ssl.truststore.type", "PKCS12");
        settings.put("http.tls.truststore.location", stores.httpTrust().toString());
        settings.put("http.tls.truststore.password", HTTP_TRUSTSTORE_PASSWORD);
        return settings;
    }

    /** The secrets of the environment: the SASL login, the registry login, the HTTP keystore and tokens. */
    private static Map<String, String> secretEnvironment() {
        return Map.of("STOCKFLOW_KAFKA_SASL_JAAS_CONFIG", jaas(SASL_PASSWORD),
                "STOCKFLOW_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "stockflow:" + REGISTRY_PASSWORD,
                "STOCKFLOW_HTTP_TLS_KEYSTORE_LOCATION", stores.httpKey().toString(),
                "STOCKFLOW_HTTP_TLS_KEYSTORE_PASSWORD", HTTP_KEYSTORE_PASSWORD,
                "STOCKFLOW_HTTP_AUTH_TOKENS_FILE", stores.tokens().toString());
    }

    private static String jaas(final String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"stockflow\" password=\""
                + password + "\";";
    }

    private static Path properties(final String name, final Map<String, String> settings) throws Exception {
        final StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=')
                .append(value.replace("\\", "\\\\")).append('\n'));
        return Files.writeString(dir.resolve(name + ".properties"), text);
    }

    private static void assertNoSecretIn(final String where, final String text) {
        assertThat(text).as(where).isNotBlank();
        SECRETS.forEach((name, value) -> assertThat(text).as("%s must not hold the %s", where, name)
                .doesNotContain(value));
    }

    private static String secret(final String name) {
        final String value = name + "-" + UUID.randomUUID().toString().replace("-", "");
        SECRETS.put(name, value);
        return value;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The stores of the test, each locked with its own secret password. */
    private record Stores(Path httpKey, Path httpTrust, Path tokens, Path registryClientKey, Path registryClientTrust,
                          javax.net.ssl.SSLContext registryServer, HttpClient httpClient) {

        static Stores make(final Path dir) throws Exception {
            final Path httpKey = SelfSignedStores.keyStore(dir, "http", HTTP_KEYSTORE_PASSWORD);
            final Path httpTrust = SelfSignedStores.trustStore(dir, "http-trust", HTTP_TRUSTSTORE_PASSWORD,
                    HTTP_KEYSTORE_PASSWORD, List.of(httpKey));
            final Path tokens = Files.writeString(dir.resolve("tokens"), "# callers\n" + TOKEN + "\n");
            final Path registryKey = SelfSignedStores.keyStore(dir, "registry", "registry-server-pw");
            final Path clientKey = SelfSignedStores.jksKeyStore(dir, "registry-client", REGISTRY_KEYSTORE_PASSWORD,
                    REGISTRY_KEY_PASSWORD);
            final Path clientTrust = SelfSignedStores.trustStore(dir, "registry-client-trust",
                    REGISTRY_TRUSTSTORE_PASSWORD, "registry-server-pw", List.of(registryKey));
            final Path registryTrust = SelfSignedStores.trustStore(dir, "registry-trust", "registry-server-pw",
                    REGISTRY_KEYSTORE_PASSWORD, List.of(clientKey));
            final HttpClient client = HttpClient.newBuilder()
                    .sslContext(SelfSignedStores.context(null, httpTrust, HTTP_TRUSTSTORE_PASSWORD)).build();
            return new Stores(httpKey, httpTrust, tokens, clientKey, clientTrust,
                    SelfSignedStores.context(registryKey, registryTrust, "registry-server-pw"), client);
        }
    }
}
