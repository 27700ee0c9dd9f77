package dev.stockflow.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * An ISO-8601 date-time with its zone offset ({@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T13:00:00+01:00}). The
 * offset is required: on-call commands that move offsets or pick dead letters must not depend on the time zone
 * of the machine they happen to run on.
 */
final class IsoDateTimeConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(final String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (final DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 date-time with a zone "
                    + "offset; write it like 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00");
        }
    }
}
