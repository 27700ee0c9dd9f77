package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.runtime.ResetPlan;
import dev.stockflow.runtime.ResetPlan.OffsetMove;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ResetReportTest {

    private final StringWriter text = new StringWriter();
    private final ResetReport report = new ResetReport(new PrintWriter(text));

    @Test
    void shouldPrintTheDryRunPlanStepByStep() {
        // Given
        final ResetPlan plan = new ResetPlan("stockflow", List.of("stockflow-offer-state-changelog"),
                List.of(new OffsetMove(new TopicPartition("stock-updates", 0), OptionalLong.of(1234), 0, false),
                        new OffsetMove(new TopicPartition("stock-updates", 1), OptionalLong.empty(), 0, false)),
                List.of("offer-delistings"), null, Path.of("/var/lib/stockflow/stockflow"), true);

        // When
        report.plan(plan, true);

        // Then
        assertThat(text.toString()).isEqualTo(String.join(System.lineSeparator(),
                "Dry run: a reset of application 'stockflow' would:",
                "  1. move the committed offsets of consumer group 'stockflow' on 2 input partitions to the "
                        + "beginning:",
                "       stock-updates-0: 1234 -> 0",
                "       stock-updates-1: none -> 0",
                "       offer-delistings: the topic does not exist",
                "  2. delete 1 internal topic (the state's changelogs; Kafka Streams creates them again):",
                "       stockflow-offer-state-changelog",
                "  3. delete the local state directory /var/lib/stockflow/stockflow",
                "  Not touched: the output and dead-letter topics; after the restart the processor emits the "
                        + "snapshots again and converges to the same final snapshots.",
                ""));
    }

    @Test
    void shouldNameTheDatetimeAndPartitionsLeftAtTheirEnd() {
        // Given
        final Instant at = Instant.parse("2026-01-31T12:00:00Z");
        final ResetPlan plan = new ResetPlan("stockflow", List.of(),
                List.of(new OffsetMove(new TopicPartition("price-updates", 0), OptionalLong.of(9), 9, true)),
                List.of(), at, Path.of("/tmp/kafka-streams/stockflow"), false);

        // When
        report.plan(plan, false);
        report.done(plan);

        // Then
        assertThat(text.toString())
                .contains("A reset of application 'stockflow' will:")
                .contains("to the first record at or after 2026-01-31T12:00:00Z:")
                .contains("price-updates-0: 9 -> 9 (the end: no record at or after that time)")
                .contains("  2. delete 0 internal topics (the state's changelogs; Kafka Streams creates them again)"
                        + System.lineSeparator())
                .contains("/tmp/kafka-streams/stockflow (it does not exist here)")
                .contains("Reset done: moved the committed offsets of 1 input partition to the first record at or "
                        + "after 2026-01-31T12:00:00Z, deleted 0 internal topics, no local state directory");
    }
}
