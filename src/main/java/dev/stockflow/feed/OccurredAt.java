package dev.stockflow.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads an occurredAt written as an ISO-8601 instant ({@code 2025-03-01T12:00:00Z}; an offset such as
 * {@code +01:00} is allowed) or as epoch milliseconds. Digits finer than a millisecond are dropped, as the
 * Avro field holds milliseconds.
 */
final class OccurredAt {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]+");

    private OccurredAt() {
    }

    /** Epoch milliseconds from text in either form. */
    static long parse(final String text) {
        if (EPOCH_MILLIS.matcher(text).matches()) {
            try {
                return checked(Long.parseLong(text));
            } catch (final NumberFormatException e) {
                throw outOfRange(text);
            }
        }
        final Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (final DateTimeException e) {
            throw new BadLineException("occurredAt must be an ISO-8601 instant such as 2025-03-01T12:00:00Z"
                    + " or epoch milliseconds, was '" + BadLineException.shorten(text) + "'");
        }
        try {
            return checked(instant.toEpochMilli());
        } catch (final ArithmeticException e) {
            throw outOfRange(text);
        }
    }

    /** The value itself, unless it is negative: Kafka timestamps cannot be. */
    static long checked(final long epochMillis) {
        if (epochMillis < 0) {
            throw new BadLineException(negativeMessage(epochMillis));
        }
        return epochMillis;
    }

    static String negativeMessage(final long epochMillis) {
        return "occurredAt must not be before 1970-01-01T00:00:00Z (Kafka timestamps cannot be negative), was "
                + epochMillis;
    }

    private static BadLineException outOfRange(final String text) {
        return new BadLineException("occurredAt is out of range, was '" + BadLineException.shorten(text) + "'");
    }
}
