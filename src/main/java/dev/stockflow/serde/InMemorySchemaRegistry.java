package dev.stockflow.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, for {@code schema.registry.url=mock://scope}: every client of the
 * same scope in one JVM sees the same subjects and ids, like a shared registry server would. Like the
 * Confluent Schema Registry it keeps a compatibility level per subject (else the global one, BACKWARD
 * unless set) and refuses to register a schema that breaks it, so a test catches an incompatible
 * change where production would.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** The version number that stands for a subject's latest version, as in the registry's API. */
    public static final int LATEST = -1;

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

    /** The registry shared by everything in this JVM that names the same scope. */
    public static InMemorySchemaRegistry forScope(final String scope) {
        return SCOPES.computeIfAbsent(scope, ignored -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so the next {@link #forScope} starts empty. */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }

    /**
     * Registers the schema as the subject's next version, or finds it already registered there.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryErrors#INCOMPATIBLE_SCHEMA} when the subject's
     *                                 compatibility level forbids the schema after its versions
     */
    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final Integer known = idsByCanonicalForm.get(schema.toString());
        final List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (known != null && versions.contains(known)) {
            return known;
        }
        final List<String> problems = compatibilityProblems(subject, schema);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryErrors.INCOMPATIBLE_SCHEMA, "Schema being registered is "
                    + "incompatible with an earlier schema for subject \"" + subject + "\", details: " + problems);
        }
        final int id = known != null ? known : newId(schema);
        versionsBySubject.computeIfAbsent(subject, ignored -> new ArrayList<>()).add(id);
        return id;
    }

    private int newId(final Schema schema) {
        schemasById.add(schema);
        idsByCanonicalForm.put(schema.toString(), schemasById.size());
        return schemasById.size();
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw subjectNotFound(subject);
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

    /** The level of subjects that have none of their own. */
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    public synchronized void setGlobalCompatibility(final CompatibilityLevel level) {
        globalLevel = level;
    }

    /** The subject's own level, if it was given one. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(final String subject) {
        return Optional.ofNullable(levelsBySubject.get(subject));
    }

    public synchronized void setCompatibility(final String subject, final CompatibilityLevel level) {
        levelsBySubject.put(subject, level);
    }

    /** The level that applies to the subject: its own, else the global one. */
    public synchronized CompatibilityLevel compatibility(final String subject) {
        return levelsBySubject.getOrDefault(subject, globalLevel);
    }

    /** Why registering the schema under the subject would be refused: empty when it would not. */
    public synchronized List<String> compatibilityProblems(final String subject, final Schema schema) {
        return SchemaCompatibilityRule.problems(compatibility(subject), schema, versions(subject));
    }

    /**
     * Why the schema is not compatible with one version of the subject under the subject's level: empty when
     * it is. Against the {@link #LATEST} version of a subject that has none, every schema is compatible.
     *
     * @throws SchemaRegistryException subject or version not found
     */
    public synchronized List<String> compatibilityProblems(final String subject, final Schema schema,
                                                           final int version) {
        final List<SchemaCompatibilityRule.Version> versions = versions(subject);
        if (version == LATEST && versions.isEmpty()) {
            return List.of();
        }
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        final int number = version == LATEST ? versions.size() : version;
        if (number < 1 || number > versions.size()) {
            throw new SchemaRegistryException(SchemaRegistryErrors.VERSION_NOT_FOUND,
                    "Version " + version + " not found.");
        }
        return SchemaCompatibilityRule.problems(compatibility(subject), schema, versions.subList(number - 1, number));
    }

    private List<SchemaCompatibilityRule.Version> versions(final String subject) {
        final List<Integer> ids = versionsBySubject.getOrDefault(subject, List.of());
        final List<SchemaCompatibilityRule.Version> versions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            versions.add(new SchemaCompatibilityRule.Version(i + 1, schemasById.get(ids.get(i) - 1)));
        }
        return versions;
    }

    private static SchemaRegistryException subjectNotFound(final String subject) {
        return new SchemaRegistryException(SchemaRegistryErrors.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' not found.");
    }
}
