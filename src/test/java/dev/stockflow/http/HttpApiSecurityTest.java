package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.query.OfferLookup;
import dev.stockflow.query.OfferLookups;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.testkit.SelfSignedStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.config.types.Password;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and bearer tokens on real HTTPS servers (port 0), with certificates made by keytool for this test: which
 * paths ask for a token, what a 401 says, token rotation, and lookups forwarded over https with the caller's token.
 */
class HttpApiSecurityTest {

    private static final String PASSWORD = "store-password-1";
    private static final String TOKEN = "caller-token-0123456789";
    private static final RuleSettings RULES = RuleSettings.DEFAULTS;

    @TempDir
    static Path stores;
    private static Path keyStore;
    private static Path otherKeyStore;
    private static HttpClient client;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final List<HttpApi> servers = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        keyStore = SelfSignedStores.keyStore(stores, "stockflow", PASSWORD);
        otherKeyStore = SelfSignedStores.keyStore(stores, "elsewhere", PASSWORD);
        final Path trust = SelfSignedStores.trustStore(stores, "callers-trust", PASSWORD, PASSWORD, List.of(keyStore));
        client = HttpClient.newBuilder().sslContext(SelfSignedStores.context(null, trust, PASSWORD))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void close() {
        servers.forEach(HttpApi::close);
    }

    @Test
    void shouldServeHttpsWithTheKeystoresCertificateAndNothingInPlainText() throws Exception {
        // Given
        final HttpApi api = start(tls(keyStore, null, false), lookups(local -> new OfferLookup.NotFound()));

        // When
        final HttpResponse<String> response = get(api, "/health/live", null);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.uri().getScheme()).isEqualTo("https");
        final X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=stockflow");
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port()
                + "/health/live")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .as("plain HTTP gets no answer").isInstanceOf(IOException.class);
    }

    @Test
    void shouldAnswer401WithAJsonBodyAndABearerChallengeUnlessTheTokenIsGood() throws Exception {
        // Given
        final HttpApi api = start(tls(keyStore, tokens("# ops\n" + TOKEN + "\n"), false),
                lookups(local -> new OfferLookup.NotFound()));

        // When
        final HttpResponse<String> none = get(api, "/status", null);
        final HttpResponse<String> wrong = get(api, "/status", "Bearer not-" + TOKEN);
        final HttpResponse<String> good = get(api, "/status", "Bearer " + TOKEN);

        // Then
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"stockflow\"");
        assertThat(json.readTree(none.body()).get("error").asText()).contains("Authorization: Bearer <token>");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"stockflow\", error=\"invalid_token\"");
        assertThat(json.readTree(wrong.body()).get("error").asText()).isEqualTo("the bearer token was refused");
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(json.readTree(good.body()).get("instance").asText()).isEqualTo("stockflow-1:8080");
    }

    @Test
    void shouldLeaveOnlyTheHealthChecksAndTheStatusPageOpen() throws Exception {
        // Given
        final FakeLookups lookups = lookups(local -> found(3));
        final HttpApi api = start(tls(keyStore, tokens(TOKEN), false), lookups);

        // When / Then: open without a token
        assertThat(get(api, "/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get(api, "/health/ready", null).statusCode()).isEqualTo(200);
        final HttpResponse<String> page = get(api, "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"token-box\"");
        // And: everything else answers 401, before any lookup or method check
        for (final String path : List.of("/status", "/metrics", "/offers/acme/SKU-1", "/offers/acme/SKU-1/state",
                "/no-such-path")) {
            assertThat(get(api, path, null).statusCode()).as(path).isEqualTo(401);
        }
        final HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(api, "/offers/acme/SKU-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(lookups.asked).isEmpty();
        // And: with the token, the lookups and metrics answer
        assertThat(get(api, "/offers/acme/SKU-1", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(api, "/offers/acme/SKU-1/state", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(api, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldOpenMetricsAloneWhenConfiguredSo() throws Exception {
        // Given
        final HttpApi api = start(tls(keyStore, tokens(TOKEN), true), lookups(local -> found(3)));

        // When / Then
        assertThat(get(api, "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get(api, "/status", null).statusCode()).isEqualTo(401);
        assertThat(get(api, "/offers/acme/SKU-1", null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAcceptRotatedTokensWithoutARestart() throws Exception {
        // Given
        final Path file = Files.writeString(dir.resolve("tokens"), TOKEN + "\n");
        final HttpApi api = start(tls(keyStore, HttpSecurity.watchTokens(file), false),
                lookups(local -> new OfferLookup.NotFound()));
        assertThat(get(api, "/status", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        // When: the old token is swapped for a new one
        final Path next = Files.writeString(dir.resolve("tokens.next"), "rotated-token-9876543210\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        // Then
        Awaitility.await("the rotated token accepted").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> get(api, "/status", "Bearer rotated-token-9876543210").statusCode() == 200);
        assertThat(get(api, "/status", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldForwardALookupOverHttpsWithTheCallersToken() throws Exception {
        // Given: the owner answers only lookups routed to it, and only with a good token
        final FakeLookups ownerLookups = lookups(local -> local ? found(7) : new OfferLookup.NotReady("not routed"));
        final HttpApi owner = start(tls(keyStore, tokens(TOKEN), false), ownerLookups);
        final HttpApi api = start(tls(keyStore, tokens(TOKEN), false),
                lookups(local -> new OfferLookup.OwnedElsewhere("localhost", owner.port())));

        // When
        final HttpResponse<String> response = get(api, "/offers/acme/SKU-1", "Bearer " + TOKEN);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("totalQuantity").asLong()).isEqualTo(7);
        assertThat(ownerLookups.asked).containsExactly("acme|SKU-1|local=true");
    }

    @Test
    void shouldPassOnTheOwnersRefusalOfTheCallersToken() throws Exception {
        // Given: this instance accepts the caller's token, the owner does not
        final FakeLookups ownerLookups = lookups(local -> found(7));
        final HttpApi owner = start(tls(keyStore, tokens("owner-only-token"), false), ownerLookups);
        final HttpApi api = start(tls(keyStore, tokens(TOKEN), false),
                lookups(local -> new OfferLookup.OwnedElsewhere("localhost", owner.port())));

        // When
        final HttpResponse<String> response = get(api, "/offers/acme/SKU-1/state", "Bearer " + TOKEN);

        // Then: the owner judged the caller's own token, and its answer is passed on
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
        assertThat(ownerLookups.asked).isEmpty();
    }

    @Test
    void shouldTrustAForwardingTruststoreAndRefuseAnOwnerItDoesNotVouchFor() throws Exception {
        // Given: the owner serves another certificate than this instance's
        final HttpApi owner = start(tls(otherKeyStore, null, false), lookups(local -> found(5)));
        final Function<Path, HttpSecurity> forwardingWith = trustStore -> new HttpSecurity(
                HttpTls.serverContext(keyStore, new Password(PASSWORD)),
                HttpTls.clientContext(trustStore, new Password(PASSWORD)), null, false);
        final Path trustingOwner = SelfSignedStores.trustStore(dir, "owner-trust", PASSWORD, PASSWORD,
                List.of(otherKeyStore));
        final HttpApi trusting = start(forwardingWith.apply(trustingOwner),
                lookups(local -> new OfferLookup.OwnedElsewhere("localhost", owner.port())));
        final HttpApi byDefault = start(tls(keyStore, null, false),
                lookups(local -> new OfferLookup.OwnedElsewhere("localhost", owner.port())));

        // When
        final HttpResponse<String> trusted = get(trusting, "/offers/acme/SKU-1", null);
        final HttpResponse<String> refused = get(byDefault, "/offers/acme/SKU-1", null);

        // Then: by default only the keystore's own certificate is trusted
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json.readTree(refused.body()).get("error").asText())
                .startsWith("the instance owning the offer (localhost:" + owner.port() + ") did not answer");
    }

    private HttpSecurity tls(final Path serverKeyStore, final TokenFileWatcher tokens, final boolean metricsOpen) {
        final Password password = new Password(PASSWORD);
        return new HttpSecurity(HttpTls.serverContext(serverKeyStore, password),
                HttpTls.clientContext(serverKeyStore, password), tokens, metricsOpen);
    }

    private TokenFileWatcher tokens(final String text) throws IOException {
        return HttpSecurity.watchTokens(Files.writeString(Files.createTempFile(dir, "tokens", ""), text));
    }

    private HttpApi start(final HttpSecurity security, final OfferLookups lookups) throws IOException {
        final HttpApi api = new HttpApi(0, lookups, () -> "RUNNING", () -> RestoreStatus.IDLE,
                () -> "stockflow_snapshots_total 1.0\n", StatusReports::sample, security);
        servers.add(api);
        return api;
    }

    private static HttpResponse<String> get(final HttpApi api, final String path, final String authorization)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(api, path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final HttpApi api, final String path) {
        return URI.create("https://localhost:" + api.port() + path);
    }

    private static OfferLookup found(final int quantity) {
        final StoredOffer offer = new StoredOffer();
        final long now = System.currentTimeMillis();
        offer.state().apply(new OfferEvent.StockChange("e1", "berlin", quantity, now), now, RULES);
        return new OfferLookup.Found("acme:SKU-1", offer, RULES);
    }

    private static FakeLookups lookups(final Function<Boolean, OfferLookup> answer) {
        return new FakeLookups(answer);
    }
}
