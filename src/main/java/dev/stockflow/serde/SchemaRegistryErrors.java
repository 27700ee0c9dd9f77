package dev.stockflow.serde;

/** Error codes of the Confluent Schema Registry REST API that Stockflow acts on. */
public final class SchemaRegistryErrors {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private SchemaRegistryErrors() {
    }
}
