package dev.stockflow.topology;

/**
 * The version of a source event: its occurredAt, then its eventId as a tie-breaker.
 *
 * <p>EventIds compare by their UTF-8 bytes, which is the same as comparing Unicode code points
 * (and not the same as {@link String#compareTo}, which compares UTF-16 units).
 */
public record Version(long occurredAt, String eventId) implements Comparable<Version> {

    public Version {
        if (eventId == null) {
            throw new IllegalArgumentException("eventId must not be null");
        }
    }

    @Override
    public int compareTo(final Version other) {
        final int byTime = Long.compare(occurredAt, other.occurredAt);
        return byTime != 0 ? byTime : Utf8Order.compare(eventId, other.eventId);
    }
}
