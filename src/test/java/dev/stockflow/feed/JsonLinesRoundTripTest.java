package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import dev.stockflow.workload.WorkloadGeneratorTest;
import dev.stockflow.workload.WorkloadSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesRoundTripTest {

    @TempDir
    Path directory;

    @Test
    void shouldReadBackEveryGeneratedRecordAndReportEveryBadOneAtItsLine() throws IOException {
        // Given
        final WorkloadGenerator generator = new WorkloadGenerator(WorkloadSettings.builder().seed(5).badShare(0.02)
                .build());
        final Path file = directory.resolve("generated.jsonl");
        final List<SpecificRecord> written = new ArrayList<>();
        final List<Long> badLines = new ArrayList<>();
        final List<String> badMessages = new ArrayList<>();
        int notWritable = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonLinesFeedWriter writer = new JsonLinesFeedWriter(out)) {
            for (int i = 0; i < 30_000; i++) {
                final GeneratedEvent event = generator.next();
                if (!writer.write(event)) {
                    notWritable++;
                } else if (event.isBad()) {
                    badLines.add(written.size() + badLines.size() + 1L);
                    badMessages.add(WorkloadGeneratorTest.inputRuleError(event.value()));
                } else {
                    written.add(event.value());
                }
            }
        }
        final CollectingSink sink = new CollectingSink();

        // When
        final FeedSummary summary = FeedFiles.parse(file, sink);

        // Then
        assertThat(sink.records).extracting(ParsedRecord::value).isEqualTo(written);
        assertThat(sink.errors).extracting(FeedError::line).isEqualTo(badLines);
        assertThat(sink.errors).extracting(FeedError::message).isEqualTo(badMessages);
        assertThat(sink.records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(FeedRecords.offerKey(record.value()));
            assertThat(record.input()).isEqualTo(FeedRecords.inputOf(record.value()));
            assertThat(record.occurredAt()).isEqualTo(FeedRecords.occurredAt(record.value()));
        });
        assertThat(summary.records()).isEqualTo(written.size());
        assertThat(summary.badLines()).isEqualTo(badLines.size()).isPositive();
        assertThat(notWritable).as("mis-keyed events cannot be written").isPositive();
    }
}
