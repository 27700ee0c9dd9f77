package dev.stockflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** What the in-process registry's HTTP handlers share: reading requests and answering as the registry does. */
final class RegistryHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Confluent's five-digit error codes start with the HTTP status (40401 is a 404). */
    private static final int SUBCODE_DIVISOR = 100;
    private static final int FIRST_SUBCODE = 10_000;

    private RegistryHttp() {
    }

    /** A path segment as the subject it names. */
    static String segment(final String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /** Whether the query sets the flag to {@code true}, as in {@code ?verbose=true}. */
    static boolean flag(final HttpExchange exchange, final String name) {
        final String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        for (final String pair : query.split("&")) {
            final String[] keyValue = pair.split("=", 2);
            if (keyValue.length == 2 && keyValue[0].equals(name) && "true".equalsIgnoreCase(keyValue[1])) {
                return true;
            }
        }
        return false;
    }

    /** The Avro schema of a {@code {"schema": "..."}} request body. */
    static Schema schemaIn(final byte[] body) {
        try {
            return new Schema.Parser().parse(JSON.readTree(body).path("schema").asText());
        } catch (final IOException | SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryErrors.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    static void notSupported(final HttpExchange exchange) throws IOException {
        error(exchange, 404, 404, "Not supported by this in-memory registry");
    }

    /** A refusal as the registry words it: the HTTP status that the error code starts with. */
    static void error(final HttpExchange exchange, final SchemaRegistryException refusal) throws IOException {
        final int code = refusal.errorCode();
        error(exchange, code >= FIRST_SUBCODE ? code / SUBCODE_DIVISOR : code, code, refusal.getMessage());
    }

    static void error(final HttpExchange exchange, final int status, final int code, final String message)
            throws IOException {
        respond(exchange, status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    static void respond(final HttpExchange exchange, final int status, final JsonNode body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
