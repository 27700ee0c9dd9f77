package dev.stockflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The compatibility part of the Confluent Schema Registry REST API, over an {@link InMemorySchemaRegistry}:
 * <ul>
 *   <li>{@code GET /config} and {@code GET /config/{subject}} answer {@code {"compatibilityLevel": "..."}}
 *       (a subject without a level of its own: 40408, unless {@code ?defaultToGlobal=true});</li>
 *   <li>{@code PUT /config} and {@code PUT /config/{subject}} take {@code {"compatibility": "..."}} and echo it;</li>
 *   <li>{@code POST /compatibility/subjects/{subject}/versions/{version}} (a number or {@code latest}) checks a
 *       schema against that version, {@code POST .../versions} against what registering would check; both
 *       answer {@code {"is_compatible": ...}}, with the reasons in {@code messages} when {@code ?verbose=true}.</li>
 * </ul>
 */
final class CompatibilityEndpoints {

    private static final String LATEST = "latest";

    private final InMemorySchemaRegistry registry;

    CompatibilityEndpoints(final InMemorySchemaRegistry registry) {
        this.registry = registry;
    }

    /** {@code /config[/{subject}]}; the path split at '/', so path[1] is "config". */
    void config(final HttpExchange exchange, final String[] path, final byte[] body) throws IOException {
        final String method = exchange.getRequestMethod();
        if (path.length > 3 || !"GET".equals(method) && !"PUT".equals(method)) {
            RegistryHttp.notSupported(exchange);
            return;
        }
        final String subject = path.length == 3 ? RegistryHttp.segment(path[2]) : null;
        if ("PUT".equals(method)) {
            putConfig(exchange, subject, body);
        } else {
            getConfig(exchange, subject);
        }
    }

    private void getConfig(final HttpExchange exchange, final String subject) throws IOException {
        final CompatibilityLevel global = registry.globalCompatibility();
        final Optional<CompatibilityLevel> own = subject == null ? Optional.of(global)
                : registry.subjectCompatibility(subject);
        if (own.isEmpty() && !RegistryHttp.flag(exchange, "defaultToGlobal")) {
            RegistryHttp.error(exchange, 404, SchemaRegistryErrors.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
            return;
        }
        RegistryHttp.respond(exchange, 200,
                RegistryHttp.JSON.createObjectNode().put("compatibilityLevel", own.orElse(global).name()));
    }

    private void putConfig(final HttpExchange exchange, final String subject, final byte[] body) throws IOException {
        final Optional<CompatibilityLevel> level = CompatibilityLevel.forName(levelIn(body));
        if (level.isEmpty()) {
            RegistryHttp.error(exchange, 422, SchemaRegistryErrors.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level. Valid values are none, backward, forward, full, "
                            + "backward_transitive, forward_transitive, and full_transitive");
            return;
        }
        if (subject == null) {
            registry.setGlobalCompatibility(level.get());
        } else {
            registry.setCompatibility(subject, level.get());
        }
        RegistryHttp.respond(exchange, 200,
                RegistryHttp.JSON.createObjectNode().put("compatibility", level.get().name()));
    }

    private static String levelIn(final byte[] body) {
        try {
            final JsonNode level = RegistryHttp.JSON.readTree(body).path("compatibility");
            return level.isTextual() ? level.asText() : null;
        } catch (final IOException e) {
            return null;
        }
    }

    /** {@code /compatibility/subjects/{subject}/versions[/{version}]}; path[1] is "compatibility". */
    void compatibility(final HttpExchange exchange, final String[] path, final byte[] body) throws IOException {
        final boolean shaped = (path.length == 5 || path.length == 6) && "subjects".equals(path[2])
                && "versions".equals(path[4]);
        if (!"POST".equals(exchange.getRequestMethod()) || !shaped) {
            RegistryHttp.notSupported(exchange);
            return;
        }
        final String subject = RegistryHttp.segment(path[3]);
        try {
            final Schema schema = RegistryHttp.schemaIn(body);
            final List<String> problems = path.length == 5 ? registry.compatibilityProblems(subject, schema)
                    : registry.compatibilityProblems(subject, schema, version(path[5]));
            final ObjectNode reply = RegistryHttp.JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if (RegistryHttp.flag(exchange, "verbose")) {
                reply.set("messages", RegistryHttp.JSON.valueToTree(problems));
            }
            RegistryHttp.respond(exchange, 200, reply);
        } catch (final SchemaRegistryException e) {
            RegistryHttp.error(exchange, e);
        }
    }

    /** A version number from 1, or {@code latest} (or -1, its other spelling). */
    private static int version(final String raw) {
        if (LATEST.equalsIgnoreCase(raw)) {
            return InMemorySchemaRegistry.LATEST;
        }
        try {
            final int version = Integer.parseInt(raw);
            if (version >= 1 || version == InMemorySchemaRegistry.LATEST) {
                return version;
            }
        } catch (final NumberFormatException e) {
            // not a number: refused below, like a number out of range
        }
        throw new SchemaRegistryException(SchemaRegistryErrors.INVALID_VERSION, "The specified version '" + raw
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }
}
