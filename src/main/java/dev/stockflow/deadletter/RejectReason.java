package dev.stockflow.deadletter;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** The reason whose {@link #code()} this is; empty for a code Stockflow does not write. */
    public static Optional<RejectReason> ofCode(final String code) {
        return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
    }

    /** Every code, comma-separated, for messages that list the valid ones. */
    public static String allCodes() {
        return Arrays.stream(values()).map(RejectReason::code).collect(Collectors.joining(", "));
    }
}
