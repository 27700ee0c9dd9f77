package dev.stockflow.serde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * Serves an {@link InMemorySchemaRegistry} over the part of the Confluent Schema Registry REST API
 * Stockflow's clients use, so other processes on the machine (a {@code feed} next to the demo, a
 * benchmark's child JVMs) share one registry without installing one, plus the compatibility endpoints
 * ({@link CompatibilityEndpoints}), so schema changes can be checked as a real registry would check them.
 * Registering a schema that the subject's level forbids answers 409. Not for production.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private final InMemorySchemaRegistry registry;
    private final CompatibilityEndpoints compatibility;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        final Thread thread = new Thread(runnable, "stockflow-registry");
        thread.setDaemon(true);
        return thread;
    });

    public SchemaRegistryServer(final InMemorySchemaRegistry registry, final int port) throws IOException {
        this.registry = registry;
        this.compatibility = new CompatibilityEndpoints(registry);
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 16);
        server.setExecutor(threads);
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
            final String resource = path.length > 1 ? path[1] : "";
            switch (resource) {
                case "config" -> compatibility.config(exchange, path, body.readAllBytes());
                case "compatibility" -> compatibility.compatibility(exchange, path, body.readAllBytes());
                default -> handleSchemas(exchange, path, body.readAllBytes());
            }
        }
    }

    private void handleSchemas(final HttpExchange exchange, final String[] path, final byte[] body)
            throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            handleGet(exchange, path);
        } else if ("POST".equals(exchange.getRequestMethod()) && path.length >= 3 && "subjects".equals(path[1])) {
            final String subject = RegistryHttp.segment(path[2]);
            final boolean register = path.length == 4 && "versions".equals(path[3]);
            postSchema(exchange, subject, body, register);
        } else {
            RegistryHttp.notSupported(exchange);
        }
    }

    private void handleGet(final HttpExchange exchange, final String[] path) throws IOException {
        if (path.length == 4 && "schemas".equals(path[1]) && "ids".equals(path[2])) {
            schemaById(exchange, path[3]);
        } else if (path.length == 2 && "subjects".equals(path[1])) {
            RegistryHttp.respond(exchange, 200, RegistryHttp.JSON.valueToTree(registry.subjects()));
        } else {
            RegistryHttp.notSupported(exchange);
        }
    }

    private void schemaById(final HttpExchange exchange, final String rawId) throws IOException {
        try {
            final Schema schema = registry.schemaById(Integer.parseInt(rawId));
            RegistryHttp.respond(exchange, 200, RegistryHttp.JSON.createObjectNode().put("schema", schema.toString()));
        } catch (final NumberFormatException | SchemaRegistryException e) {
            RegistryHttp.error(exchange, 404, SchemaRegistryErrors.SCHEMA_NOT_FOUND, "Schema " + rawId + " not found");
        }
    }

    /** Registers ({@code /subjects/{subject}/versions}) or looks up ({@code /subjects/{subject}}) a schema. */
    private void postSchema(final HttpExchange exchange, final String subject, final byte[] body,
                            final boolean register) throws IOException {
        try {
            final Schema schema = RegistryHttp.schemaIn(body);
            final int id = register ? registry.register(subject, schema) : registry.idOf(subject, schema);
            final ObjectNode reply = RegistryHttp.JSON.createObjectNode().put("id", id);
            if (!register) {
                reply.put("subject", subject).put("version", registry.versionOf(subject, id))
                        .put("schema", schema.toString());
            }
            RegistryHttp.respond(exchange, 200, reply);
        } catch (final SchemaRegistryException e) {
            RegistryHttp.error(exchange, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
