package dev.stockflow.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stockflow.query.OfferLookup;
import dev.stockflow.query.OfferLookups;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.status.StatusReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stockflow's HTTP API on the JDK's built-in server: offer lookups (routed to the owning instance),
 * health, Prometheus metrics, and the live status page with its figures. Handlers only translate between HTTP
 * and the services behind them.
 *
 * <p>With {@link HttpSecurity} it speaks https only and asks for bearer tokens ({@link BearerAccess} says
 * where); a lookup it forwards to the owning instance goes over https too and carries the caller's
 * {@code Authorization} header, so the owner judges the caller's token itself.
 */
public final class HttpApi implements AutoCloseable {

    /** Marks a lookup another instance routed here, so it is answered locally and never bounces. */
    static final String FORWARDED_HEADER = "X-Stockflow-Forwarded";
    private static final String STATE_SUFFIX = "/state";
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final String AUTHORIZATION = "Authorization";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient forwarder;
    private final HttpSecurity security;
    private final BearerAccess access;
    private final OfferLookups lookups;
    private final Supplier<String> streamsState;
    private final Supplier<RestoreStatus> restore;
    private final Supplier<String> metrics;
    private final Supplier<StatusReport> status;

    /**
     * @param streamsState Kafka Streams' current state name; the instance is ready when it is RUNNING
     * @param restore      where the restoration of this instance's state stores stands; while any restores, the
     *                     instance is not ready, and says how far it is
     * @param metrics      the Prometheus text exposition
     * @param status       the status page's figures as last sampled (cheap: sampling is not done per request)
     */
    public HttpApi(final int port, final OfferLookups lookups, final Supplier<String> streamsState,
                   final Supplier<RestoreStatus> restore, final Supplier<String> metrics,
                   final Supplier<StatusReport> status) throws IOException {
        this(port, lookups, streamsState, restore, metrics, status, HttpSecurity.NONE);
    }

    /**
     * Like the other constructor, with TLS and bearer tokens as {@code security} says; closing the API closes
     * {@code security} (it stops watching the token file).
     */
    public HttpApi(final int port, final OfferLookups lookups, final Supplier<String> streamsState,
                   final Supplier<RestoreStatus> restore, final Supplier<String> metrics,
                   final Supplier<StatusReport> status, final HttpSecurity security) throws IOException {
        this.security = security;
        this.access = new BearerAccess(security.tokens() == null ? null : security.tokens().tokens(),
                security.metricsOpen());
        this.forwarder = forwarder(security);
        this.lookups = lookups;
        this.streamsState = streamsState;
        this.restore = restore;
        this.metrics = metrics;
        this.status = status;
        this.server = server(port, security);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            final Thread thread = new Thread(runnable, "stockflow-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private static HttpServer server(final int port, final HttpSecurity security) throws IOException {
        if (!security.tls()) {
            return HttpServer.create(new InetSocketAddress(port), 64);
        }
        final HttpsServer https = HttpsServer.create(new InetSocketAddress(port), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(security.serverTls()));
        return https;
    }

    /** Forwarded lookups: https trusting the cluster's certificates when TLS is on (hostnames verified). */
    private static HttpClient forwarder(final HttpSecurity security) {
        final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (security.tls()) {
            builder.sslContext(security.forwardTls());
        }
        return builder.build();
    }

    /** The bound port (useful with {@code http.port=0}). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().close(); // lookups have no body: closing it drains whatever a client sent
            try {
                if (admitted(exchange)) {
                    handleGet(exchange);
                }
            } catch (final RuntimeException e) {
                // Details go to the log only: an answer must not carry what an exception happened to hold.
                LOG.warn("HTTP {} failed", exchange.getRequestURI(), e);
                respond(exchange, 500, JSON, error("internal error; the instance's log has the details"));
            }
        }
    }

    /** Answers 401 (JSON, with the Bearer challenge) to a request without the token its path needs. */
    private boolean admitted(final HttpExchange exchange) throws IOException {
        final BearerAccess.Refusal refusal = access.check(exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst(AUTHORIZATION));
        if (refusal == null) {
            return true;
        }
        exchange.getResponseHeaders().set(WWW_AUTHENTICATE, refusal.challenge());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        respond(exchange, 401, JSON, error(refusal.message()));
        return false;
    }

    private void handleGet(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "GET");
            respond(exchange, 405, JSON, error("only GET is supported"));
            return;
        }
        route(exchange);
    }

    private void route(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        switch (path) {
            case "/health/live" -> {
                // Alive unless Kafka Streams has failed for good: then only a restart helps.
                final boolean failed = "ERROR".equals(streamsState.get());
                respond(exchange, failed ? 503 : 200, JSON, status(failed ? "ERROR" : "UP"));
            }
            case "/health/ready" -> ready(exchange);
            case "/metrics" -> respond(exchange, 200, PROMETHEUS, metrics.get().getBytes(StandardCharsets.UTF_8));
            case "/" -> statusPage(exchange);
            case "/status" -> {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                respond(exchange, 200, JSON, StatusJson.write(status.get()));
            }
            default -> {
                if (path.startsWith("/offers/")) {
                    offer(exchange, path.substring("/offers/".length()));
                } else {
                    respond(exchange, 404, JSON, error("no such resource: " + path));
                }
            }
        }
    }

    /** Ready when Kafka Streams runs and no store of this instance is still restoring. */
    private void ready(final HttpExchange exchange) throws IOException {
        final String state = streamsState.get();
        final RestoreStatus restoring = restore.get();
        final boolean ready = "RUNNING".equals(state) && !restoring.restoring();
        respond(exchange, ready ? 200 : 503, JSON, ReadinessJson.write(state, restoring));
    }

    /**
     * {@code /offers/{partnerId}/{sku}} for the snapshot, {@code /offers/{partnerId}/{sku}/state} for the stored
     * state. A sku holding '/' is percent-encoded (%2F), so the raw path's segments tell them apart: three with
     * "state" last are the state view; two are a lookup, even of a sku named "state".
     */
    private void offer(final HttpExchange exchange, final String rawPath) throws IOException {
        final boolean stateView = rawPath.endsWith(STATE_SUFFIX) && rawPath.chars().filter(c -> c == '/').count() == 2;
        final String rawIds = stateView ? rawPath.substring(0, rawPath.length() - STATE_SUFFIX.length()) : rawPath;
        final OfferPath ids = OfferPath.parse(rawIds);
        if (ids.error() != null) {
            respond(exchange, 400, JSON, error(ids.error()));
            return;
        }
        final boolean forwarded = exchange.getRequestHeaders().containsKey(FORWARDED_HEADER);
        final OfferLookup lookup = stateView ? lookups.lookupState(ids.partnerId(), ids.sku(), forwarded)
                : lookups.lookup(ids.partnerId(), ids.sku(), forwarded);
        answer(exchange, ids, lookup, stateView, "/offers/" + rawPath);
    }

    private void answer(final HttpExchange exchange, final OfferPath ids, final OfferLookup lookup,
                        final boolean stateView, final String rawPath) throws IOException {
        if (lookup instanceof OfferLookup.Found found) {
            respond(exchange, 200, JSON, stateView
                    ? OfferStateJson.write(found.offerKey(), found.offer(), lookups.instance())
                    : SnapshotJson.write(found.snapshot()));
        } else if (lookup instanceof OfferLookup.NotFound) {
            respond(exchange, 404, JSON, error("offer " + ids.partnerId() + ":" + ids.sku() + " is unknown"));
        } else if (lookup instanceof OfferLookup.OwnedElsewhere owner) {
            forward(exchange, owner, rawPath);
        } else {
            respond(exchange, 503, JSON, error(((OfferLookup.NotReady) lookup).reason()));
        }
    }

    private void forward(final HttpExchange exchange, final OfferLookup.OwnedElsewhere owner, final String rawPath)
            throws IOException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        forwardUri(security.scheme(), owner.host(), owner.port(), rawPath))
                .header(FORWARDED_HEADER, "true").timeout(Duration.ofSeconds(5)).GET();
        // The caller's token goes along: the owner admits or refuses the caller, not this instance.
        final String authorization = exchange.getRequestHeaders().getFirst(AUTHORIZATION);
        if (authorization != null) {
            request.header(AUTHORIZATION, authorization);
        }
        try {
            final HttpResponse<byte[]> response = forwarder.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue(WWW_AUTHENTICATE)
                    .ifPresent(challenge -> exchange.getResponseHeaders().set(WWW_AUTHENTICATE, challenge));
            respond(exchange, response.statusCode(), JSON, response.body());
        } catch (final IOException e) {
            respond(exchange, 503, JSON, error("the instance owning the offer (" + owner.host() + ":" + owner.port()
                    + ") did not answer: " + e.getMessage()));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, JSON, error("interrupted"));
        }
    }

    /** The status page's HTML holds no data (it fetches /status), so it may be served to anyone. */
    private static void statusPage(final HttpExchange exchange) throws IOException {
        StatusPage.HEADERS.forEach(exchange.getResponseHeaders()::set);
        respond(exchange, 200, StatusPage.CONTENT_TYPE, StatusPage.html());
    }

    private static void respond(final HttpExchange exchange, final int status, final String contentType,
                                final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] status(final String status) {
        return ("{\"status\":" + quote(status) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(final String message) {
        return ("{\"error\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (final char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        security.close();
    }

    /**
     * Where a lookup goes when the instance at {@code host:port} owns the key. An IPv6 address goes in
     * brackets in a URI; Kafka Streams hands it over without them.
     *
     * @param scheme  http, or https when TLS is on
     * @param rawPath the path as the caller sent it, still percent-encoded
     */
    static URI forwardUri(final String scheme, final String host, final int port, final String rawPath) {
        final String uriHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + uriHost + ":" + port + rawPath);
    }
}
