package dev.stockflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.cli.ExitCodes;
import dev.stockflow.testkit.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StockflowCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

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

    @Test
    void shouldExitWithUsageCodeNamingAKafkaClientSettingTheClientsRefuse() throws Exception {
        // Given: a feed file, and a Kafka setting passed through that Kafka's own clients refuse
        final Path feed = Files.writeString(dir.resolve("feed.jsonl"),
                "{\"type\":\"delist\",\"partnerId\":\"p\",\"sku\":\"s\",\"occurredAt\":1}\n");
        final Path config = Files.writeString(dir.resolve("stockflow.properties"),
                "bootstrap.servers=localhost:9092\nschema.registry.url=mock://command-test\n"
                        + "kafka.security.protocol=CARRIER_PIGEON\n");

        // When
        final int code = Stockflow.execute("feed", "--config", config.toString(), feed.toString());

        // Then: one line naming the setting and where to fix it
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("security.protocol")
                .contains("kafka.security.protocol in the --config file or STOCKFLOW_KAFKA_SECURITY_PROTOCOL")
                .hasLineCount(1);
    }

    @Test
    void shouldExitWithUsageCodeOnABootstrapAddressWithoutAPort() throws Exception {
        // Given
        final Path feed = Files.writeString(dir.resolve("feed.jsonl"),
                "{\"type\":\"delist\",\"partnerId\":\"p\",\"sku\":\"s\",\"occurredAt\":1}\n");
        final Path config = Files.writeString(dir.resolve("stockflow.properties"),
                "bootstrap.servers=localhost\nschema.registry.url=mock://command-test\n");

        // When
        final int code = Stockflow.execute("feed", "--config", config.toString(), feed.toString());

        // Then
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("bootstrap.servers").contains("localhost").hasLineCount(1);
    }

    @Test
    void shouldRefuseWorkloadOptionsNoWorkloadCanHaveBeforeStartingAnything() {
        // When
        final int generate = Stockflow.execute("generate", "--offers", "5", "--output", dir.resolve("x.jsonl").toString());
        final int demo = Stockflow.execute("demo", "--rate", "0");
        final int orders = Stockflow.execute("generate", "--order-share", "0.5", "--output",
                dir.resolve("x.jsonl").toString());

        // Then
        assertThat(generate).isEqualTo(ExitCodes.USAGE);
        assertThat(demo).isEqualTo(ExitCodes.USAGE);
        assertThat(orders).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--offers must be at least --partners").contains("--rate must be more than 0")
                .contains("--order-share must be between 0 and 0.3, was 0.5");
        assertThat(dir.resolve("x.jsonl")).doesNotExist();
    }

    @Test
    void shouldWriteTheSameFeedForTheSameSeedAndStart() throws Exception {
        // When
        final int first = Stockflow.execute("generate", "--events", "500", "--seed", "7", "--start",
                "2026-01-31T12:00:00Z", "--output", dir.resolve("a.jsonl").toString());
        final int second = Stockflow.execute("generate", "--events", "500", "--seed", "7", "--start",
                "1769860800000", "--output", dir.resolve("b.jsonl").toString());

        // Then
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(Files.readAllLines(dir.resolve("a.jsonl"))).hasSize(500)
                .isEqualTo(Files.readAllLines(dir.resolve("b.jsonl")));
    }
}
