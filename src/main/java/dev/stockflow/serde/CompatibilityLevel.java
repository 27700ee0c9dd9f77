package dev.stockflow.serde;

import java.util.Locale;
import java.util.Optional;

/**
 * The compatibility levels of the Confluent Schema Registry: which earlier versions of a subject a new
 * schema is checked against, and in which direction. BACKWARD (the registry's default): the new schema
 * reads data written with the old one; FORWARD: the old one reads data written with the new one; FULL:
 * both. A transitive level checks every earlier version, the others only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** What a registry applies to a subject that has no level of its own, unless told otherwise. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(final boolean backward, final boolean forward, final boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level of this name, in any case ({@code backward_transitive} too, as the registry accepts). */
    public static Optional<CompatibilityLevel> forName(final String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The new schema must read data written with the earlier ones. */
    public boolean backward() {
        return backward;
    }

    /** The earlier schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Every earlier version is checked, not only the latest. */
    public boolean transitive() {
        return transitive;
    }
}
