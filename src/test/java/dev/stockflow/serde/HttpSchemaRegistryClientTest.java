package dev.stockflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.testkit.SelfSignedStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = StockUpdate.getClassSchema();
    private static final String SUBJECT = "stock-updates-value";
    private static final String VERSIONS = "/subjects/stock-updates-value/versions";
    private static final String LOOKUP = "/subjects/stock-updates-value";

    @TempDir
    static Path keyStoreDir;
    private static Path keyStore;
    private static MutualTls mutualTls;

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<RegistryStub> stubs = new ArrayList<>();
    private RegistryStub registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = stub();
    }

    @AfterEach
    void stopRegistries() {
        stubs.forEach(RegistryStub::close);
    }

    @Test
    void shouldRegisterOnceAndAnswerRepeatsFromCache() throws IOException {
        // Given
        registry.answer("POST", VERSIONS, 200, "{\"id\":7}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final int first = client.register(SUBJECT, SCHEMA);
        final int second = client.register(SUBJECT, SCHEMA);

        // Then
        assertThat(first).isEqualTo(7);
        assertThat(second).isEqualTo(7);
        assertThat(registry.count("POST", VERSIONS)).isEqualTo(1);
        final RegistryStub.Request request = registry.requests().get(0);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.headers().getFirst("Accept"))
                .contains("application/vnd.schemaregistry.v1+json").contains("application/json");
        assertThat(new Schema.Parser().parse(JSON.readTree(request.body()).get("schema").asText())).isEqualTo(SCHEMA);
    }

    @Test
    void shouldLookUpIdOnceAndAnswerRepeatsFromCache() {
        // Given
        registry.answer("POST", LOOKUP, 200, lookupAnswer(8));
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final int first = client.idOf(SUBJECT, SCHEMA);
        final int second = client.idOf(SUBJECT, SCHEMA);

        // Then
        assertThat(first).isEqualTo(8);
        assertThat(second).isEqualTo(8);
        assertThat(registry.count("POST", LOOKUP)).isEqualTo(1);
        assertThat(registry.count("POST", VERSIONS)).isZero();
    }

    @Test
    void shouldFetchSchemaOnceAndAnswerRepeatsFromCache() {
        // Given
        registry.answer("GET", "/schemas/ids/9", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final Schema first = client.schemaById(9);
        final Schema second = client.schemaById(9);

        // Then
        assertThat(first).isEqualTo(SCHEMA);
        assertThat(second).isEqualTo(SCHEMA);
        assertThat(registry.count("GET", "/schemas/ids/9")).isEqualTo(1);
    }

    @Test
    void shouldKnowTheSchemaOfAnIdItRegisteredWithoutFetching() {
        // Given
        registry.answer("POST", VERSIONS, 200, "{\"id\":7}");
        final HttpSchemaRegistryClient client = client(registry.url());
        client.register(SUBJECT, SCHEMA);

        // When
        final Schema schema = client.schemaById(7);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(registry.count("GET", "/schemas/ids/7")).isZero();
    }

    @Test
    void shouldPercentEncodeTheSubjectAsOnePathSegment() {
        // Given
        registry.answer("POST", "/subjects/stock%20updates%2Feu%C3%9F-value/versions", 200, "{\"id\":3}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final int id = client.register("stock updates/euß-value", SCHEMA);

        // Then
        assertThat(id).isEqualTo(3);
    }

    @Test
    void shouldReportSubjectNotFoundWithoutRetrying() {
        // Given
        registry.answer("POST", LOOKUP, 404, "{\"error_code\":40401,\"message\":\"Subject 'stock-updates-value' not found.\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.idOf(SUBJECT, SCHEMA));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.SUBJECT_NOT_FOUND);
        assertThat(error).hasMessageContaining("Subject 'stock-updates-value' not found").hasMessageContaining(registry.url());
        assertThat(registry.count("POST", LOOKUP)).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldReportSchemaNotRegisteredUnderSubject() {
        // Given
        registry.answer("POST", LOOKUP, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.idOf(SUBJECT, SCHEMA));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.SCHEMA_NOT_FOUND);
        assertThat(error).hasMessageContaining("not registered under subject 'stock-updates-value'");
    }

    @Test
    void shouldReportUnknownSchemaIdWithoutRetrying() {
        // Given
        registry.answer("GET", "/schemas/ids/42", 404, "{\"error_code\":40403,\"message\":\"Schema 42 not found\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(42));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.SCHEMA_NOT_FOUND);
        assertThat(error).hasMessageContaining("Schema id 42 not found").hasMessageContaining(registry.url());
        assertThat(registry.count("GET", "/schemas/ids/42")).isEqualTo(1);
    }

    @Test
    void shouldReportInvalidSchemaWithoutRetrying() {
        // Given
        registry.answer("POST", VERSIONS, 422, "{\"error_code\":42201,\"message\":\"Either the input schema or one of its references is invalid\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(SUBJECT, SCHEMA));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.INVALID_SCHEMA);
        assertThat(error).hasMessageContaining("Invalid schema for subject 'stock-updates-value'")
                .hasMessageContaining("input schema or one of its references is invalid");
        assertThat(registry.count("POST", VERSIONS)).isEqualTo(1);
    }

    @Test
    void shouldReportIncompatibleSchemaWithoutRetrying() {
        // Given
        registry.answer("POST", VERSIONS, 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema for subject\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(SUBJECT, SCHEMA));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.INCOMPATIBLE_SCHEMA);
        assertThat(error).hasMessageContaining("incompatible").hasMessageContaining("'stock-updates-value'")
                .hasMessageContaining(registry.url());
        assertThat(registry.count("POST", VERSIONS)).isEqualTo(1);
    }

    @Test
    void shouldReportAnErrorPageThatIsNotJsonByItsHttpStatus() {
        // Given
        registry.answer("GET", "/schemas/ids/5", 404, "<html><body>No such route</body></html>");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(5));

        // Then
        assertThat(error.errorCode()).isEqualTo(404);
        assertThat(error).hasMessageContaining("No such route");
    }

    @Test
    void shouldRejectASchemaIdThatIsNotAvro() {
        // Given
        registry.answer("GET", "/schemas/ids/6", 200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(6));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.NOT_AVRO);
        assertThat(error).hasMessageContaining("PROTOBUF");
    }

    @Test
    void shouldRejectASchemaIdWithReferencesOrThatDoesNotParseAsUnreadableNotAsARegistryFailure()
            throws IOException {
        // Given
        final ObjectMapper json = new ObjectMapper();
        registry.answer("GET", "/schemas/ids/7", 200, json.writeValueAsString(Map.of(
                "schema", "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\",\"type\":\"B\"}]}",
                "references", List.of(Map.of("name", "B", "subject", "b-value", "version", 1)))));
        registry.answer("GET", "/schemas/ids/8", 200, json.writeValueAsString(Map.of("schema", "{not avro")));
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final SchemaRegistryException withReferences = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(7));
        final SchemaRegistryException unparsable = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(8));

        // Then
        assertThat(withReferences.errorCode()).isEqualTo(SchemaRegistryErrors.NOT_AVRO);
        assertThat(withReferences).hasMessageContaining("refers to other schemas");
        assertThat(unparsable.errorCode()).isEqualTo(SchemaRegistryErrors.NOT_AVRO);
        assertThat(unparsable).hasMessageContaining("does not parse as Avro");
    }

    @Test
    void shouldRetryServerErrorsWithDoublingPausesUntilSuccess() {
        // Given
        registry.answer("POST", VERSIONS, 500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}")
                .answer("POST", VERSIONS, 503, "")
                .answer("POST", VERSIONS, 200, "{\"id\":11}");
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        final int id = client.register(SUBJECT, SCHEMA);

        // Then
        assertThat(id).isEqualTo(11);
        assertThat(registry.count("POST", VERSIONS)).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetriesWithTheLastError() {
        // Given
        registry.answer("GET", "/schemas/ids/4", 500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(registry.url()).maxRetries(2)
                .retryBackoff(Duration.ofMillis(50)));

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(4));

        // Then
        assertThat(registry.count("GET", "/schemas/ids/4")).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(error.errorCode()).isEqualTo(50001);
        assertThat(error).hasMessageContaining("after 3 attempts").hasMessageContaining("Error in the backend data store")
                .hasMessageContaining("schema id 4").hasMessageContaining(registry.url());
    }

    @Test
    void shouldNotCacheFailures() {
        // Given
        registry.answer("GET", "/schemas/ids/4", 404, "{\"error_code\":40403,\"message\":\"Schema 4 not found\"}")
                .answer("GET", "/schemas/ids/4", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(registry.url());
        assertThatThrownBy(() -> client.schemaById(4)).isInstanceOf(SchemaRegistryException.class);

        // When
        final Schema schema = client.schemaById(4);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
    }

    @Test
    void shouldSendBasicAuthFromTheUserInfoSetting() {
        // Given
        registry.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(registry.url())
                .basicAuthUserInfo("alice:s3cret"));

        // When
        client.schemaById(1);

        // Then
        assertThat(registry.requests().get(0).headers().getFirst("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(client.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldSendBasicAuthFromTheUrlUserInfo() {
        // Given
        registry.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client("http://bob:hunter2@127.0.0.1:" + registry.port());

        // When
        client.schemaById(1);

        // Then
        assertThat(registry.requests().get(0).headers().getFirst("Authorization")).isEqualTo("Basic Ym9iOmh1bnRlcjI=");
        assertThat(client.toString()).doesNotContain("hunter2");
    }

    @Test
    void shouldSendNoAuthorizationWhenNoCredentialsAreSet() {
        // Given
        registry.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(registry.url());

        // When
        client.schemaById(1);

        // Then
        assertThat(registry.requests().get(0).headers().containsKey("Authorization")).isFalse();
    }

    @Test
    void shouldFailOverToTheNextUrlOnServerErrorAndStayThere() throws IOException {
        // Given
        final RegistryStub healthy = stub();
        registry.answer("POST", VERSIONS, 503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}");
        healthy.answer("POST", VERSIONS, 200, "{\"id\":21}")
                .answer("GET", "/schemas/ids/22", 200, schemaAnswer(OfferDelisted.getClassSchema()));
        final HttpSchemaRegistryClient client = client(registry.url() + "," + healthy.url());

        // When
        final int id = client.register(SUBJECT, SCHEMA);
        final Schema fetched = client.schemaById(22);

        // Then
        assertThat(id).isEqualTo(21);
        assertThat(fetched).isEqualTo(OfferDelisted.getClassSchema());
        assertThat(registry.requests()).hasSize(1);
        assertThat(healthy.requests()).hasSize(2);
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldFailOverToTheNextUrlWhenTheFirstRefusesConnections() throws IOException {
        // Given
        final RegistryStub gone = stub();
        final String goneUrl = gone.url();
        gone.close();
        registry.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(goneUrl + ", " + registry.url());

        // When
        final Schema schema = client.schemaById(1);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(registry.count("GET", "/schemas/ids/1")).isEqualTo(1);
    }

    @Test
    void shouldFailOverToTheNextUrlWhenTheFirstTimesOut() throws IOException {
        // Given
        final RegistryStub stuck = stub().hang("GET", "/schemas/ids/1");
        registry.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder
                .forUrls(stuck.url() + "," + registry.url()).requestTimeout(Duration.ofSeconds(1)));

        // When
        final Schema schema = client.schemaById(1);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(stuck.count("GET", "/schemas/ids/1")).isEqualTo(1);
    }

    @Test
    void shouldReportUnreachableRegistriesAfterEveryRound() throws IOException {
        // Given
        final RegistryStub gone = stub();
        final String goneUrl = gone.url();
        gone.close();
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(goneUrl).maxRetries(1));

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(1));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.UNREACHABLE);
        assertThat(error).hasMessageContaining("after 2 attempts").hasMessageContaining(goneUrl);
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void shouldTalkHttpsToARegistryTheTruststoreVouchesFor() throws Exception {
        // Given
        final RegistryStub secure = track(RegistryStub.startHttps(serverContext(selfSignedKeyStore())));
        secure.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(secure.url())
                .trustStore(selfSignedKeyStore(), "changeit", "PKCS12"));

        // When
        final Schema schema = client.schemaById(1);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
    }

    @Test
    void shouldNotTrustAnHttpsRegistryWithoutTheTruststore() throws Exception {
        // Given
        final RegistryStub secure = track(RegistryStub.startHttps(serverContext(selfSignedKeyStore())));
        secure.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(secure.url()).maxRetries(0));

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(1));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.UNREACHABLE);
        assertThat(error.getCause()).hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(secure.count("GET", "/schemas/ids/1")).isZero();
    }

    @Test
    void shouldNameTheSettingOfAMissingTruststore(@TempDir final Path dir) {
        // Given
        final SchemaRegistrySettings settings = RegistrySettingsBuilder.forUrls("https://registry.example:8081")
                .trustStore(dir.resolve("missing.jks"), null, SchemaRegistrySettings.STORE_TYPE_DEFAULT).build();

        // When / Then
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG)
                .hasMessageContaining("missing.jks");
    }

    @Test
    void shouldPresentItsCertificateToARegistryThatRequiresOne() throws Exception {
        // Given: a registry that talks only to clients whose certificate it trusts
        final MutualTls tls = mutualTls();
        final RegistryStub secure = track(RegistryStub.startHttpsRequiringClientCertificates(tls.registryContext()));
        secure.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(secure.url())
                .trustStore(tls.clientTrust(), MutualTls.PASSWORD, "PKCS12")
                .keyStore(tls.clientKey(), MutualTls.PASSWORD, "PKCS12", null));

        // When
        final Schema schema = client.schemaById(1);

        // Then
        assertThat(schema).isEqualTo(SCHEMA);
        assertThat(secure.count("GET", "/schemas/ids/1")).isEqualTo(1);
    }

    @Test
    void shouldNameTheKeystoreSettingWhenTheRegistryRefusesAClientWithoutCertificate() throws Exception {
        // Given: the same registry, and a client that trusts it but has no certificate to show
        final MutualTls tls = mutualTls();
        final RegistryStub secure = track(RegistryStub.startHttpsRequiringClientCertificates(tls.registryContext()));
        secure.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final HttpSchemaRegistryClient client = client(RegistrySettingsBuilder.forUrls(secure.url()).maxRetries(0)
                .trustStore(tls.clientTrust(), MutualTls.PASSWORD, "PKCS12"));

        // When
        final SchemaRegistryException error = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.schemaById(1));

        // Then
        assertThat(error.errorCode()).isEqualTo(SchemaRegistryErrors.UNREACHABLE);
        assertThat(error).hasMessageContaining("TLS handshake with Schema Registry " + secure.url() + " failed")
                .hasMessageContaining(SchemaRegistrySettings.KEYSTORE_LOCATION_CONFIG)
                .hasMessageContaining(SchemaRegistrySettings.TRUSTSTORE_LOCATION_CONFIG);
        assertThat(secure.requests()).isEmpty();
    }

    @Test
    void shouldOpenTheClientKeyWithItsOwnPasswordWhenOneIsSet() throws Exception {
        // Given: a JKS client keystore whose key has another password than the store
        final MutualTls tls = mutualTls();
        final RegistryStub secure = track(RegistryStub.startHttpsRequiringClientCertificates(tls.registryContext()));
        secure.answer("GET", "/schemas/ids/1", 200, schemaAnswer(SCHEMA));
        final RegistrySettingsBuilder settings = RegistrySettingsBuilder.forUrls(secure.url())
                .trustStore(tls.clientTrust(), MutualTls.PASSWORD, "PKCS12");

        // When
        final HttpSchemaRegistryClient client = client(settings.keyStore(tls.jksClientKey(), MutualTls.PASSWORD,
                "JKS", MutualTls.KEY_PASSWORD));

        // Then
        assertThat(client.schemaById(1)).isEqualTo(SCHEMA);
        assertThatThrownBy(() -> client(settings.keyStore(tls.jksClientKey(), MutualTls.PASSWORD, "JKS", null)))
                .as("the store's password does not open that key")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SchemaRegistrySettings.KEY_PASSWORD_CONFIG)
                .hasMessageNotContaining(MutualTls.PASSWORD).hasMessageNotContaining(MutualTls.KEY_PASSWORD);
    }

    private HttpSchemaRegistryClient client(final String urls) {
        return client(RegistrySettingsBuilder.forUrls(urls));
    }

    private HttpSchemaRegistryClient client(final RegistrySettingsBuilder settings) {
        return new HttpSchemaRegistryClient(settings.build(), pauses::add);
    }

    private RegistryStub stub() throws IOException {
        return track(RegistryStub.start());
    }

    private RegistryStub track(final RegistryStub stub) {
        stubs.add(stub);
        return stub;
    }

    private static String schemaAnswer(final Schema schema) {
        return JsonNodeFactory.instance.objectNode().put("schema", schema.toString()).toString();
    }

    private static String lookupAnswer(final int id) {
        final JsonNode answer = JsonNodeFactory.instance.objectNode()
                .put("subject", SUBJECT).put("id", id).put("version", 1).put("schema", SCHEMA.toString());
        return answer.toString();
    }

    /** A PKCS12 keystore holding a self-signed certificate for 127.0.0.1, made once by the JDK's keytool. */
    private static synchronized Path selfSignedKeyStore() throws IOException, InterruptedException {
        if (keyStore != null) {
            return keyStore;
        }
        final Path path = keyStoreDir.resolve("registry.p12");
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", path.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true)
                .start();
        final String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
        keyStore = path;
        return keyStore;
    }

    private static synchronized MutualTls mutualTls() throws Exception {
        if (mutualTls == null) {
            final Path registryKey = SelfSignedStores.keyStore(keyStoreDir, "mtls-registry", MutualTls.PASSWORD);
            final Path clientKey = SelfSignedStores.keyStore(keyStoreDir, "mtls-client", MutualTls.PASSWORD);
            final Path jksClientKey = SelfSignedStores.jksKeyStore(keyStoreDir, "mtls-jks-client", MutualTls.PASSWORD,
                    MutualTls.KEY_PASSWORD);
            mutualTls = new MutualTls(registryKey,
                    SelfSignedStores.trustStore(keyStoreDir, "mtls-registry-trust", MutualTls.PASSWORD,
                            MutualTls.PASSWORD, List.of(clientKey, jksClientKey)),
                    clientKey, jksClientKey,
                    SelfSignedStores.trustStore(keyStoreDir, "mtls-client-trust", MutualTls.PASSWORD,
                            MutualTls.PASSWORD, List.of(registryKey)));
        }
        return mutualTls;
    }

    /** A registry's key and the client certificates it trusts; two client keystores and their trust in it. */
    private record MutualTls(Path registryKey, Path registryTrust, Path clientKey, Path jksClientKey,
                             Path clientTrust) {
        static final String PASSWORD = "mtls-store-pw";
        static final String KEY_PASSWORD = "mtls-key-pw";

        SSLContext registryContext() throws Exception {
            return SelfSignedStores.context(registryKey, registryTrust, PASSWORD);
        }
    }

    private static SSLContext serverContext(final Path keyStorePath) throws Exception {
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStorePath)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "changeit".toCharArray());
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }
}
