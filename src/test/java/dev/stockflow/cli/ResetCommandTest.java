package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.Stockflow;
import dev.stockflow.testkit.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The reset command's checks that come before any Kafka work. The broker side is in ResetIT. */
class ResetCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void shouldRefuseABadToDatetimeWithOneClearLine() {
        // When
        final int code = Stockflow.execute("reset", "--yes", "--to-datetime", "2026-01-31 12:00");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err().lines().findFirst()).hasValue("Invalid value for option '--to-datetime': "
                + "'2026-01-31 12:00' is not an ISO-8601 date-time; write it like 2026-01-31T12:00:00Z, "
                + "2026-01-31T13:00:00+01:00 or 2026-01-31 (UTC when no offset is given)");
    }

    @Test
    void shouldRefuseWithoutATerminalOrYesBeforeContactingKafka() throws Exception {
        // Given: a broker address where nothing listens; it must not be needed to refuse
        final Path config = Files.writeString(dir.resolve("stockflow.properties"), "bootstrap.servers=localhost:1\n");

        // When
        final int code = new CommandLine(new ResetCommand(new FakeTerminal(false))).execute("--config",
                config.toString());

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).isEqualTo("stockflow reset: there is no terminal to confirm on; pass --yes to reset "
                + "without asking (or --dry-run to see what it would do). Nothing was changed." + System.lineSeparator());
    }

    @Test
    void shouldNameTheMissingBootstrapServersSetting() {
        // When
        final int code = Stockflow.execute("reset", "--yes");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("bootstrap.servers").contains("STOCKFLOW_BOOTSTRAP_SERVERS").hasLineCount(1);
    }
}
