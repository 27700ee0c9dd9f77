package dev.stockflow.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as people write them: {@code 7d}, {@code 1h}, {@code 30m}, {@code 45s}, {@code 500ms}, ISO-8601
 * ({@code PT1H}) or plain milliseconds.
 */
public final class DurationParser {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationParser() {
    }

    public static Duration parse(final String text) {
        try {
            return parseChecked(text);
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
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
