package dev.stockflow.offer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The version of a source event: its occurredAt, then its eventId as a tie-breaker.
 *
 * <p>EventIds compare by their UTF-8 bytes (unsigned), which is the same as comparing Unicode code
 * points and not the same as {@link String#compareTo}, which compares UTF-16 units. The id is held as
 * those UTF-8 bytes: every slot of every offer carries one, and the state codec copies them in and out
 * of the store without decoding or encoding text.
 */
public final class Version implements Comparable<Version> {

    private final long occurredAt;
    private final byte[] eventId;

    public Version(final long occurredAt, final String eventId) {
        this(occurredAt, utf8(eventId));
    }

    /** @param eventIdUtf8 the eventId's UTF-8 bytes, owned by this version from now on */
    public Version(final long occurredAt, final byte[] eventIdUtf8) {
        this.occurredAt = occurredAt;
        this.eventId = eventIdUtf8;
    }

    public long occurredAt() {
        return occurredAt;
    }

    public String eventId() {
        return new String(eventId, StandardCharsets.UTF_8);
    }

    /** The eventId's UTF-8 bytes; callers must not change them. */
    public byte[] eventIdUtf8() {
        return eventId;
    }

    @Override
    public int compareTo(final Version other) {
        final int byTime = Long.compare(occurredAt, other.occurredAt);
        return byTime != 0 ? byTime : Arrays.compareUnsigned(eventId, other.eventId);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Version version && occurredAt == version.occurredAt
                && Arrays.equals(eventId, version.eventId);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(occurredAt) + Arrays.hashCode(eventId);
    }

    @Override
    public String toString() {
        return "Version[occurredAt=" + occurredAt + ", eventId=" + eventId() + "]";
    }

    private static byte[] utf8(final String eventId) {
        if (eventId == null) {
            throw new IllegalArgumentException("eventId must not be null");
        }
        return eventId.getBytes(StandardCharsets.UTF_8);
    }
}
