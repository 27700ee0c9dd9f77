package dev.stockflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SchemaRegistryErrors;
import dev.stockflow.serde.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A schema registry for the processes of one benchmark: the three calls of the Confluent REST API that
 * Stockflow makes, served on 127.0.0.1 over an {@link InMemorySchemaRegistry}. The harness encodes the
 * preloaded input with that registry directly; the applications in their own JVMs reach it over HTTP,
 * as they would reach a real registry (and each asks for a schema once, then caches it).
 */
final class RegistryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOK_UP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern FETCH = Pattern.compile("/schemas/ids/(\\d+)");
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final InMemorySchemaRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        final Thread thread = new Thread(runnable, "bench-registry");
        thread.setDaemon(true);
        return thread;
    });

    private RegistryServer(final InMemorySchemaRegistry registry, final HttpServer server) {
        this.registry = registry;
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static RegistryServer start(final InMemorySchemaRegistry registry) {
        try {
            return new RegistryServer(registry, HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot open a port for the benchmark's schema registry", e);
        }
    }

    InMemorySchemaRegistry registry() {
        return registry;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String path = exchange.getRequestURI().getRawPath();
            final String method = exchange.getRequestMethod();
            try {
                final Object answer = answer(method, path, exchange);
                if (answer == null) {
                    reply(exchange, 404, Map.of("error_code", 404, "message", "HTTP 404 Not Found"));
                } else {
                    reply(exchange, 200, answer);
                }
            } catch (final SchemaRegistryException e) {
                reply(exchange, 404, Map.of("error_code", e.errorCode(), "message", e.getMessage()));
            } catch (final RuntimeException e) {
                reply(exchange, 422, Map.of("error_code", SchemaRegistryErrors.INVALID_SCHEMA,
                        "message", String.valueOf(e.getMessage())));
            }
        }
    }

    /** The JSON answer, or null when no route matches. */
    private Object answer(final String method, final String path, final HttpExchange exchange) throws IOException {
        final Matcher register = REGISTER.matcher(path);
        if ("POST".equals(method) && register.matches()) {
            return Map.of("id", registry.register(subject(register), schemaIn(exchange)));
        }
        final Matcher lookUp = LOOK_UP.matcher(path);
        if ("POST".equals(method) && lookUp.matches()) {
            final Schema schema = schemaIn(exchange);
            final int id = registry.idOf(subject(lookUp), schema);
            return Map.of("subject", subject(lookUp), "id", id, "version", 1, "schema", schema.toString());
        }
        final Matcher fetch = FETCH.matcher(path);
        if ("GET".equals(method) && fetch.matches()) {
            return Map.of("schema", registry.schemaById(Integer.parseInt(fetch.group(1))).toString());
        }
        return null;
    }

    private static String subject(final Matcher matcher) {
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaIn(final HttpExchange exchange) throws IOException {
        final JsonNode body = JSON.readTree(exchange.getRequestBody());
        return new Schema.Parser().parse(body.path("schema").asText());
    }

    private static void reply(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
