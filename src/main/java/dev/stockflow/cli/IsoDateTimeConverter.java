package dev.stockflow.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * An ISO-8601 date-time ({@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T13:00:00+01:00}), or a date-time or
 * date without an offset, taken as UTC ({@code 2026-01-31T12:00:00}, {@code 2026-01-31}): on-call commands that
 * move offsets or pick dead letters must not depend on the time zone of the machine they happen to run on.
 */
final class IsoDateTimeConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(final String value) {
        final String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (final DateTimeParseException withoutOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (final DateTimeParseException date) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 date-time; "
                            + "write it like 2026-01-31T12:00:00Z, 2026-01-31T13:00:00+01:00 or 2026-01-31 (UTC "
                            + "when no offset is given)");
                }
            }
        }
    }
}
