package dev.stockflow.serde;

/** A schema registry call failed; carries the registry's error code when it gave one (e.g. 40403). */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    public SchemaRegistryException(final int errorCode, final String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final int errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The Confluent error code (40401 subject not found, 40403 schema not found, ...) or the HTTP status. */
    public int errorCode() {
        return errorCode;
    }
}
