package dev.stockflow.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for {@code schema.registry.url=mock://scope}: every client of the
 * same scope in one JVM sees the same subjects and ids, like a shared registry server would.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, Integer> idsByCanonicalForm = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new ConcurrentHashMap<>();

    /** The registry shared by everything in this JVM that names the same scope. */
    public static InMemorySchemaRegistry forScope(final String scope) {
        return SCOPES.computeIfAbsent(scope, ignored -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so the next {@link #forScope} starts empty. */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final int id = idsByCanonicalForm.computeIfAbsent(schema.toString(), ignored -> {
            schemasById.add(schema);
            return schemasById.size();
        });
        final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, ignored -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(SchemaRegistryErrors.SUBJECT_NOT_FOUND, "Subject '" + subject
                    + "' not found.");
        }
        final Integer id = idsByCanonicalForm.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaRegistryException(SchemaRegistryErrors.SCHEMA_NOT_FOUND,
                    "Schema not found under subject '" + subject + "'.");
        }
        return id;
    }

    /** The version number (1-based) of a registered schema id within a subject. */
    public synchronized int versionOf(final String subject, final int id) {
        return versionsBySubject.getOrDefault(subject, List.of()).indexOf(id) + 1;
    }

    /** The subjects with at least one schema, sorted. */
    public synchronized List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new SchemaRegistryException(SchemaRegistryErrors.SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
        }
        return schemasById.get(id - 1);
    }
}
