package dev.stockflow.serde;

/** Bytes that are not a decodable record: wrong magic byte, unknown schema id, or corrupt Avro. */
public class UndecodableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UndecodableException(final String message) {
        super(message);
    }

    public UndecodableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
