package dev.stockflow.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as people write them: {@code 7d}, {@code 1h}, {@code 30m}, {@code 45s}, {@code 500ms}, ISO-8601
 * ({@code PT1H}) or plain milliseconds; and writes them the same way, so that a default kept as a {@link Duration}
 * in the settings is shown to people as {@code 7d} rather than {@code PT168H}.
 */
public final class DurationParser {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** The units {@link #format} writes above milliseconds, largest first. */
    private static final String[] UNITS = {"d", "h", "m", "s"};
    private static final long[] UNIT_MILLIS = {Duration.ofDays(1).toMillis(), Duration.ofHours(1).toMillis(),
        Duration.ofMinutes(1).toMillis(), Duration.ofSeconds(1).toMillis()};

    private DurationParser() {
    }

    public static Duration parse(final String text) {
        try {
            return parseChecked(text);
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /**
     * The duration in the largest unit that measures it exactly, e.g. {@code 7d}, {@code 90m}, {@code 1500ms};
     * {@link #parse} reads it back as the same duration.
     *
     * @throws IllegalArgumentException for a negative duration or one with a part below a millisecond
     */
    public static String format(final Duration duration) {
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(duration + " is not a whole, non-negative number of milliseconds");
        }
        final long millis = duration.toMillis();
        for (int i = 0; i < UNITS.length; i++) {
            if (millis % UNIT_MILLIS[i] == 0) {
                return millis / UNIT_MILLIS[i] + UNITS[i];
            }
        }
        return millis + "ms";
    }

    private static Duration parseChecked(final String text) {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+")) {
            return Duration.ofMillis(Long.parseLong(value));
        }
        final Matcher matcher = WITH_UNIT.matcher(value);
        if (matcher.matches()) {
            final long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration; write e.g. 7d, 1h, 30m, 45s, 500ms or PT1H");
        }
    }
}
