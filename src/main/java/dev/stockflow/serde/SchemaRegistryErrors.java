package dev.stockflow.serde;

/**
 * Error codes of the Confluent Schema Registry REST API that Stockflow acts on, plus the negative
 * codes Stockflow's own client uses for failures that come with no registry error code.
 */
public final class SchemaRegistryErrors {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** A schema the subject's compatibility level forbids (HTTP 409). */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** The same refusal as {@link #INCOMPATIBLE_SCHEMA}, as the newest Confluent releases code it. */
    public static final int INCOMPATIBLE_SCHEMA_SUBCODE = 40901;

    /** Not a registry code: no answer at all (connection refused, TLS failure, timeout). */
    public static final int UNREACHABLE = -1;
    /** Not a registry code: the registry answered with a success that Stockflow cannot read. */
    public static final int UNEXPECTED_RESPONSE = -2;
    /**
     * Not a registry code: the schema id names no Avro schema Stockflow can read (a Protobuf or JSON Schema,
     * one with references, or text that does not parse), so its records are undecodable.
     */
    public static final int NOT_AVRO = -3;

    private SchemaRegistryErrors() {
    }
}
