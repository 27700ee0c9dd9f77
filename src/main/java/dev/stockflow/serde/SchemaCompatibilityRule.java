package dev.stockflow.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Whether a new schema may follow a subject's versions under a {@link CompatibilityLevel}, decided as the
 * Confluent Schema Registry decides it for Avro: Avro's own reader/writer check, the new schema as the reader
 * of each checked version for BACKWARD, as the writer for FORWARD, both ways for FULL. Like the registry, it
 * checks the newest version first and reports the first one that fails, in the registry's message format.
 */
public final class SchemaCompatibilityRule {

    private SchemaCompatibilityRule() {
    }

    /**
     * Why the candidate may not follow the versions under the level: empty when it may.
     *
     * @param versions the versions to check against, oldest first (a transitive level checks them all, the
     *                 others only the last)
     */
    public static List<String> problems(final CompatibilityLevel level, final Schema candidate,
                                        final List<Version> versions) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        final int first = level.transitive() ? 0 : versions.size() - 1;
        for (int i = versions.size() - 1; i >= first; i--) {
            final List<String> problems = problemsWith(level, candidate, versions.get(i));
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        return List.of();
    }

    private static List<String> problemsWith(final CompatibilityLevel level, final Schema candidate,
                                             final Version old) {
        final List<String> problems = new ArrayList<>();
        if (level.backward()) {
            problems.addAll(describe(candidate, old.schema(),
                    "the new schema cannot read data written with version " + old.number()));
        }
        if (level.forward()) {
            problems.addAll(describe(old.schema(), candidate,
                    "version " + old.number() + " cannot read data written with the new schema"));
        }
        if (!problems.isEmpty()) {
            problems.add("{oldSchemaVersion: " + old.number() + "}");
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }

    private static List<String> describe(final Schema reader, final Schema writer, final String direction) {
        final List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        return found.stream()
                .map(incompatibility -> "{errorType:'" + incompatibility.getType() + "', description:'" + direction
                        + " at " + incompatibility.getLocation() + "', additionalInfo:'"
                        + incompatibility.getMessage() + "'}")
                .toList();
    }

    /** One registered version of a subject: its number (1 for the first) and its schema. */
    public record Version(int number, Schema schema) {
    }
}
