package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.Stockflow;
import dev.stockflow.testkit.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The options of dlq replay, refused before any Kafka work. The broker side is in DlqReplayIT. */
class DlqReplayCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    /** A broker address where nothing listens: none of these tests may get as far as needing it. */
    private String config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve("stockflow.properties"), "bootstrap.servers=localhost:1\n").toString();
    }

    @Test
    void shouldRefuseAnUnknownCodeNamingTheValidOnes() {
        // When
        final int code = Stockflow.execute("dlq", "replay", "--config", config, "--code", "undecodable",
                "--code", "broken");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("Invalid value for option '--code' (CODE): 'broken' is not an error "
                + "code; the codes are empty, undecodable, invalid, key-mismatch, future-timestamp");
    }

    @Test
    void shouldRefuseATimeThatIsNotIso8601() {
        // When
        final int code = Stockflow.execute("dlq", "replay", "--config", config, "--from", "last tuesday");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).startsWith("Invalid value for option '--from': 'last tuesday' is not an "
                + "ISO-8601 date-time;");
    }

    @Test
    void shouldRefuseASourceTopicThatIsNotAnInput() {
        // When
        final int code = Stockflow.execute("dlq", "replay", "--config", config, "--source-topic", "offer-snapshots");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("--source-topic offer-snapshots is not an input topic of this "
                + "application; the input topics are offer-delistings, order-events, price-updates, stock-updates");
    }

    @Test
    void shouldRefuseAnEmptyTimeRange() {
        // When
        final int code = Stockflow.execute("dlq", "replay", "--config", config, "--from", "2026-02-01T00:00:00Z",
                "--to", "2026-01-31T00:00:00Z");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(firstErrorLine()).isEqualTo("--from (2026-02-01T00:00:00Z) must be before --to "
                + "(2026-01-31T00:00:00Z)");
    }

    @Test
    void shouldAcceptCommaSeparatedCodes() {
        // Given
        final DlqReplayCommand command = new DlqReplayCommand();

        // When
        new picocli.CommandLine(command).parseArgs("--code", "undecodable,future-timestamp", "--code", "invalid");

        // Then
        assertThat(command.codes).extracting(reason -> reason.code())
                .containsExactly("undecodable", "future-timestamp", "invalid");
    }

    @Test
    void shouldNameTheMissingBootstrapServersSetting() {
        // When
        final int code = Stockflow.execute("dlq", "replay", "--dry-run");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("bootstrap.servers").contains("STOCKFLOW_BOOTSTRAP_SERVERS").hasLineCount(1);
    }

    @Test
    void shouldShowTheSubCommandsOfDlq() {
        // When
        final int code = Stockflow.execute("dlq");

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("replay").contains("Send dead-lettered records back to their source topic");
    }

    private String firstErrorLine() {
        return console.err().lines().findFirst().orElse("");
    }
}
