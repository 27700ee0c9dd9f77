package dev.stockflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.cli.ExitCodes;
import dev.stockflow.testkit.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StockflowCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void shouldPrintUsageAndExitZeroOnHelp() {
        // When
        final int code = Stockflow.execute("--help");

        // Then
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(console.out()).contains("Usage: stockflow");
    }

    @Test
    void shouldExitWithUsageCodeOnAnUnknownCommand() {
        // When
        final int code = Stockflow.execute("frobnicate");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("frobnicate");
    }

    @Test
    void shouldExitWithUsageCodeWithoutACommand() {
        // When
        final int code = Stockflow.execute();

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("Usage: stockflow");
    }
}
