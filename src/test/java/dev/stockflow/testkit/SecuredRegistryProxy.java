package dev.stockflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A schema registry as a locked-down production one is: https only, a client certificate required (mutual TLS)
 * and HTTP basic auth, in front of a plain HTTP registry (such as the in-process one of a test's topics). It
 * passes each request on unchanged and answers 401 without the expected credentials.
 */
public final class SecuredRegistryProxy implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient upstream = HttpClient.newHttpClient();
    private final String target;
    private final String authorization;
    private final AtomicInteger passedOn = new AtomicInteger();

    /**
     * @param target   the plain registry's URL
     * @param tls      the server's key, and the client certificates it trusts
     * @param userInfo the {@code user:password} clients must send
     */
    public SecuredRegistryProxy(final String target, final SSLContext tls, final String userInfo) throws IOException {
        this.target = target;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        server = HttpsServer.create(new InetSocketAddress("localhost", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(final HttpsParameters parameters) {
                final SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** How many requests came with the right credentials and were passed on. */
    public int passedOn() {
        return passedOn.get();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(
                        StandardCharsets.UTF_8));
                return;
            }
            final String query = exchange.getRequestURI().getRawQuery();
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target
                    + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)));
            final String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            final HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            passedOn.incrementAndGet();
            respond(exchange, answer.statusCode(), answer.body());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
