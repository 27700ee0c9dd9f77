package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.offer.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedFilesTest {

    private static final String STOCK_LINE = "{\"type\":\"stock\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
            + "\"locationId\":\"wh-1\",\"quantity\":5,\"occurredAt\":1000}";
    private static final String CSV = "partnerId,sku,locationId,quantity,occurredAt\r\np1,S-1,wh-1,5,1000\r\n";

    @TempDir
    Path directory;

    private final CollectingSink sink = new CollectingSink();

    @ParameterizedTest
    @ValueSource(strings = {"feed.jsonl", "feed.ndjson", "feed.json", "FEED.JSONL", "dir.csv.jsonl"})
    void shouldReadJsonLinesFromFilesNamedSo(final String name) throws IOException {
        // Given
        final Path file = Files.writeString(directory.resolve(name), STOCK_LINE + "\n");

        // When
        final FeedSummary summary = FeedFiles.parse(file, sink);

        // Then
        assertThat(FeedFormat.of(file)).isEqualTo(FeedFormat.JSON_LINES);
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {1, 0, 0, 0}, 0));
        assertThat(sink.records).extracting(ParsedRecord::position).containsExactly(file + ":1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stock.csv", "STOCK.CSV"})
    void shouldReadCsvFromFilesNamedSo(final String name) throws IOException {
        // Given
        final Path file = Files.writeString(directory.resolve(name), CSV);

        // When
        final FeedSummary summary = FeedFiles.parse(file, sink);

        // Then
        assertThat(FeedFormat.of(file)).isEqualTo(FeedFormat.CSV);
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {1, 0, 0, 0}, 0));
        assertThat(sink.records).extracting(ParsedRecord::position).containsExactly(file + ":2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"feed.txt", "feed.jsonl.gz", "feed", "feed.tsv"})
    void shouldRefuseAFileWhoseNameTellsNoFormat(final String name) throws IOException {
        // Given
        final Path file = Files.writeString(directory.resolve(name), STOCK_LINE);

        // Then
        assertThatThrownBy(() -> FeedFiles.parse(file, sink))
                .isInstanceOf(UnsupportedFeedFormatException.class)
                .hasMessage("cannot tell the format of " + file
                        + ": name JSON Lines feeds *.jsonl, *.ndjson or *.json and CSV stock feeds *.csv");
        assertThat(sink.records).isEmpty();
    }

    @Test
    void shouldReportALineWithInvalidUtf8AndReadTheOthers() throws IOException {
        // Given
        final int sku = STOCK_LINE.indexOf("S-1");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((STOCK_LINE + "\n" + STOCK_LINE.substring(0, sku)).getBytes(StandardCharsets.UTF_8));
        // A lead byte of a two-byte sequence, followed by no continuation byte.
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.writeBytes((STOCK_LINE.substring(sku) + "\n" + STOCK_LINE + "\n").getBytes(StandardCharsets.UTF_8));
        final Path file = Files.write(directory.resolve("feed.jsonl"), bytes.toByteArray());

        // When
        final FeedSummary summary = FeedFiles.parse(file, sink);

        // Then
        assertThat(sink.errorLines()).containsExactly(file + ":2: line is not valid UTF-8");
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(1L, 3L);
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {2, 0, 0, 0}, 1));
    }

    @Test
    void shouldSkipAUtf8ByteOrderMark() throws IOException {
        // Given
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes(CSV.getBytes(StandardCharsets.UTF_8));
        final Path file = Files.write(directory.resolve("stock.csv"), bytes.toByteArray());

        // When
        final FeedSummary summary = FeedFiles.parse(file, sink);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(summary.count(Input.STOCK)).isEqualTo(1);
    }

    @Test
    void shouldFailOnAMissingFile() {
        // Then
        assertThatThrownBy(() -> FeedFiles.parse(directory.resolve("absent.jsonl"), sink))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldAddUpTheSummariesOfSeveralFiles() throws IOException {
        // Given
        final Path json = Files.writeString(directory.resolve("a.jsonl"), STOCK_LINE + "\nbad\n");
        final Path csv = Files.writeString(directory.resolve("b.csv"), CSV);

        // When
        final FeedSummary total = FeedFiles.parse(json, sink).plus(FeedFiles.parse(csv, sink));

        // Then
        assertThat(total).isEqualTo(new FeedSummary(new long[] {2, 0, 0, 0}, 1));
        assertThat(total).hasToString("2 records (2 stock, 0 price, 0 delist, 0 order), 1 bad line");
    }
}
