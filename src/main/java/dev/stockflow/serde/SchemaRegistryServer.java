package dev.stockflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Serves an {@link InMemorySchemaRegistry} over the part of the Confluent Schema Registry REST API
 * Stockflow's clients use, so other processes on the machine (a {@code feed} next to the demo, a
 * benchmark's child JVMs) share one registry without installing one. Not for production.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemorySchemaRegistry registry;
    private final HttpServer server;

    public SchemaRegistryServer(final InMemorySchemaRegistry registry, final int port) throws IOException {
        this.registry = registry;
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "stockflow-registry");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The registry served, for clients in this process that skip HTTP. */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** The URL to give as {@code schema.registry.url}. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            final String[] path = exchange.getRequestURI().getRawPath().split("/");
            if ("GET".equals(exchange.getRequestMethod())) {
                handleGet(exchange, path);
            } else if ("POST".equals(exchange.getRequestMethod()) && path.length >= 3 && "subjects".equals(path[1])) {
                final String subject = URLDecoder.decode(path[2], StandardCharsets.UTF_8);
                final boolean register = path.length == 4 && "versions".equals(path[3]);
                postSchema(exchange, subject, body.readAllBytes(), register);
            } else {
                notSupported(exchange);
            }
        }
    }

    private void handleGet(final HttpExchange exchange, final String[] path) throws IOException {
        if (path.length == 4 && "schemas".equals(path[1]) && "ids".equals(path[2])) {
            schemaById(exchange, path[3]);
        } else if (path.length == 2 && "subjects".equals(path[1])) {
            respond(exchange, 200, JSON.valueToTree(registry.subjects()));
        } else {
            notSupported(exchange);
        }
    }

    private static void notSupported(final HttpExchange exchange) throws IOException {
        error(exchange, 404, 404, "Not supported by this in-memory registry");
    }

    private void schemaById(final HttpExchange exchange, final String rawId) throws IOException {
        try {
            final Schema schema = registry.schemaById(Integer.parseInt(rawId));
            respond(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
        } catch (final NumberFormatException | SchemaRegistryException e) {
            error(exchange, 404, SchemaRegistryErrors.SCHEMA_NOT_FOUND, "Schema " + rawId + " not found");
        }
    }

    private void postSchema(final HttpExchange exchange, final String subject, final byte[] body,
                            final boolean register) throws IOException {
        final Schema schema;
        try {
            final JsonNode request = JSON.readTree(body);
            schema = new Schema.Parser().parse(request.path("schema").asText());
        } catch (final IOException | SchemaParseException e) {
            error(exchange, 422, SchemaRegistryErrors.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
            return;
        }
        try {
            final int id = register ? registry.register(subject, schema) : registry.idOf(subject, schema);
            final ObjectNode reply = JSON.createObjectNode().put("id", id);
            if (!register) {
                reply.put("subject", subject).put("version", registry.versionOf(subject, id))
                        .put("schema", schema.toString());
            }
            respond(exchange, 200, reply);
        } catch (final SchemaRegistryException e) {
            error(exchange, 404, e.errorCode(), e.getMessage());
        }
    }

    private static void error(final HttpExchange exchange, final int status, final int code, final String message)
            throws IOException {
        respond(exchange, status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void respond(final HttpExchange exchange, final int status, final JsonNode body) throws IOException {
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
    }
}
