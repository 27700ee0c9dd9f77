package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IsoDateTimeConverterTest {

    private final IsoDateTimeConverter converter = new IsoDateTimeConverter();

    @Test
    void shouldReadUtcAndOffsetDateTimes() {
        // When / Then
        assertThat(converter.convert("2026-01-31T12:00:00Z")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(converter.convert("2026-01-31T13:00:00+01:00")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(converter.convert("2026-01-31T12:00:00.250Z"))
                .isEqualTo(Instant.parse("2026-01-31T12:00:00.250Z"));
    }

    @Test
    void shouldReadADateTimeOrDateWithoutOffsetAsUtc() {
        // When / Then
        assertThat(converter.convert("2026-01-31T12:00:00")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(converter.convert("2026-01-31T12:00:00.000")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(converter.convert("2026-01-31")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void shouldRefuseWhatIsNoIsoDateTimeAndSayHowToWriteIt() {
        // When / Then
        for (final String bad : new String[] {"2026-01-31 12:00", "yesterday", "1769860800000"}) {
            assertThatThrownBy(() -> converter.convert(bad)).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("'" + bad + "' is not an ISO-8601 date-time")
                    .hasMessageContaining("2026-01-31T12:00:00Z");
        }
    }
}
