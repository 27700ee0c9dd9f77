package dev.stockflow.deadletter;

/** Why an input record went to the dead-letter topic; {@link #code()} is the header and metrics value. */
public enum RejectReason {
    EMPTY("empty"),
    UNDECODABLE("undecodable"),
    INVALID("invalid"),
    KEY_MISMATCH("key-mismatch"),
    FUTURE_TIMESTAMP("future-timestamp");

    private final String code;

    RejectReason(final String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
