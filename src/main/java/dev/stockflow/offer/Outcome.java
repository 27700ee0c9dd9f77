package dev.stockflow.offer;

import java.util.Locale;

/** What applying one valid event did to its offer (SPEC: exactly one outcome per valid update). */
public enum Outcome {
    /** Newer version with a new observable value: the state changed and a snapshot follows. */
    CHANGED,
    /** Newer version, same observable value: only the stored version advanced. */
    UNCHANGED,
    /** Older than the stored version or than the offer's delisting: dropped. */
    STALE,
    /** Same version as stored: a redelivery or retry, dropped. */
    DUPLICATE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case word used in metrics and logs. */
    public String label() {
        return label;
    }
}
