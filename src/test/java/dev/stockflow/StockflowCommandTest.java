package dev.stockflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockflowCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void shouldPrintUsageAndExitZeroOnHelp() {
        // When
        final int code = Stockflow.execute("--help");

        // Then
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: stockflow");
    }

    @Test
    void shouldExitWithUsageCodeOnAnUnknownCommand() {
        // When
        final int code = Stockflow.execute("frobnicate");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("frobnicate");
    }

    @Test
    void shouldExitWithUsageCodeWithoutACommand() {
        // When
        final int code = Stockflow.execute();

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: stockflow");
    }
}
