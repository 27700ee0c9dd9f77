package dev.stockflow.serde;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A Schema Registry stand-in on 127.0.0.1 that answers scripted Confluent-style responses and records
 * every request. Each route answers its scripted responses in order, repeating the last one; a route
 * without a script answers 404 with error code 404, as Confluent does for an unknown path.
 */
final class RegistryStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Response>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hanging = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private RegistryStub(final HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static RegistryStub start() throws IOException {
        return new RegistryStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    static RegistryStub startHttps(final SSLContext sslContext) throws IOException {
        final HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext));
        return new RegistryStub(server);
    }

    /** Over https, refusing every client that presents no certificate the context trusts (mutual TLS). */
    static RegistryStub startHttpsRequiringClientCertificates(final SSLContext sslContext) throws IOException {
        final HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(final HttpsParameters parameters) {
                final SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        return new RegistryStub(server);
    }

    String url() {
        final String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Adds a response to the route's script. */
    RegistryStub answer(final String method, final String rawPath, final int status, final String body) {
        scripts.computeIfAbsent(method + " " + rawPath, ignored -> new ArrayDeque<>()).add(new Response(status, body));
        return this;
    }

    /** The route never answers (until the stub closes), so clients run into their timeout. */
    RegistryStub hang(final String method, final String rawPath) {
        hanging.put(method + " " + rawPath, true);
        return this;
    }

    long count(final String method, final String rawPath) {
        return requests.stream().filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath)).count();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final String method = exchange.getRequestMethod();
        final String rawPath = exchange.getRequestURI().getRawPath();
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, rawPath, exchange.getRequestHeaders(), body));
        final String route = method + " " + rawPath;
        if (hanging.containsKey(route)) {
            awaitClosing();
        }
        final Response response = next(route);
        final byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RegistryTransport.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Response next(final String route) {
        final Deque<Response> script = scripts.get(route);
        if (script == null || script.isEmpty()) {
            return new Response(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private void awaitClosing() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    record Request(String method, String rawPath, Headers headers, String body) {
    }

    private record Response(int status, String body) {
    }
}
