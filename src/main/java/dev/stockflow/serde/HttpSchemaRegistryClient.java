package dev.stockflow.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, which Confluent, Karapace,
 * Apicurio (ccompat) and Redpanda all speak. Only Avro schemas without references are supported.
 *
 * <p>Ids and schemas never change once assigned, so each (subject, schema) id and each schema by id is
 * asked for at most once and then served from memory. Failures of the registry itself (5xx, no answer)
 * are retried with failover and backoff as {@link RegistryTransport} describes; refusals (4xx) are not.
 * Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AVRO = "AVRO";

    private final SchemaRegistrySettings settings;
    private final RegistryTransport transport;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(final SchemaRegistrySettings settings) {
        this(settings, Pause.SLEEP);
    }

    HttpSchemaRegistryClient(final SchemaRegistrySettings settings, final Pause pause) {
        this.settings = settings;
        this.transport = new RegistryTransport(settings, pause);
    }

    /** {@code POST /subjects/{subject}/versions}: registers, or finds the id of the identical schema. */
    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final RegistryOperation operation = RegistryOperation.register(subject);
        final RegistryReply reply = transport.post(subjectPath(subject) + "/versions", schemaBody(schema), operation);
        return remember(key, idIn(reply, operation));
    }

    /** {@code POST /subjects/{subject}}: the id of the schema if it is registered under the subject. */
    @Override
    public int idOf(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final RegistryOperation operation = RegistryOperation.lookUp(subject);
        final RegistryReply reply = transport.post(subjectPath(subject), schemaBody(schema), operation);
        return remember(key, idIn(reply, operation));
    }

    /** {@code GET /schemas/ids/{id}}. */
    @Override
    public Schema schemaById(final int id) {
        final Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        final RegistryOperation operation = RegistryOperation.fetch(id);
        final RegistryReply reply = transport.get("/schemas/ids/" + id, operation);
        final Schema schema = schemaIn(reply, operation);
        final Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    private int remember(final SubjectSchema key, final int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        // The id now names this schema: decoding what we wrote ourselves needs no fetch.
        schemasById.putIfAbsent(id, key.schema());
        return id;
    }

    private static int idIn(final RegistryReply reply, final RegistryOperation operation) {
        if (!reply.isSuccess()) {
            throw operation.failure(reply);
        }
        final JsonNode id = reply.json().path("id");
        if (!id.canConvertToInt()) {
            throw operation.unexpected(reply, "no integer \"id\" in " + reply.registryMessage());
        }
        return id.asInt();
    }

    private static Schema schemaIn(final RegistryReply reply, final RegistryOperation operation) {
        if (!reply.isSuccess()) {
            throw operation.failure(reply);
        }
        final String type = reply.json().path("schemaType").asText(AVRO);
        if (!AVRO.equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(SchemaRegistryErrors.NOT_AVRO,
                    "Schema id " + operation.id() + " is a " + type + " schema, not Avro (registry "
                            + reply.registry() + ")");
        }
        final JsonNode text = reply.json().path("schema");
        if (!text.isTextual()) {
            throw operation.unexpected(reply, "no \"schema\" string in " + reply.registryMessage());
        }
        // A schema Stockflow cannot read is the data's problem, not the registry's: its records are
        // undecodable (dead letters), where a registry failure would stop the task again and again.
        final JsonNode references = reply.json().path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryErrors.NOT_AVRO, "Schema id " + operation.id()
                    + " refers to other schemas, which Stockflow does not read (registry " + reply.registry() + ")");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (final SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryErrors.NOT_AVRO, "Schema id " + operation.id()
                    + " does not parse as Avro: " + e.getMessage() + " (registry " + reply.registry() + ")");
        }
    }

    /** The request body both register and look-up take; schemaType is left out, AVRO being the default. */
    private static String schemaBody(final Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
    }

    /** Percent-encodes the subject as one path segment (URLEncoder is for forms: it writes spaces as '+'). */
    static String subjectPath(final String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient[" + settings + "]";
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
