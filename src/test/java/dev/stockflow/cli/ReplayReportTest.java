package dev.stockflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.deadletter.DeadLetter;
import dev.stockflow.deadletter.ReplayDecision;
import dev.stockflow.deadletter.ReplayTally;
import dev.stockflow.runtime.ReplayRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayReportTest {

    private final StringWriter text = new StringWriter();

    @Test
    void shouldPrintTheDryRunCountsPerCodeAndWhyRecordsWereSkipped() {
        // Given
        final ReplayReport report = new ReplayReport(new PrintWriter(text), true);
        final ReplayTally tally = new ReplayTally();
        tally.count(letter("undecodable"), ReplayDecision.REPLAY);
        tally.count(letter("undecodable"), ReplayDecision.REPLAY);
        tally.count(letter("invalid"), ReplayDecision.FILTERED_OUT);
        tally.count(letter("invalid"), ReplayDecision.FAILED_REPLAY);

        // When
        report.start(new ReplayRange("stockflow-dlq", Map.of(0, 10L, 1, 0L), Map.of(0, 14L, 1, 3L), true),
                "stockflow-dlq-replay", false);
        report.summary(tally);

        // Then
        assertThat(text.toString()).isEqualTo(String.join(System.lineSeparator(),
                "Dry run: reading stockflow-dlq (2 partitions) from where the last replay stopped up to its end now; "
                        + "the progress is kept in consumer group stockflow-dlq-replay.",
                "  code               would replay   would skip",
                "  empty                         0            0",
                "  undecodable                   2            0",
                "  invalid                       0            2",
                "  key-mismatch                  0            0",
                "  future-timestamp              0            0",
                "  total                         2            2",
                "  skipped, 1: not selected by --code, --source-topic, --from or --to.",
                "  skipped, 1: replays that failed again (--skip-replayed).",
                "Dry run: nothing was sent and the progress was not moved.",
                ""));
    }

    @Test
    void shouldSayWhereTheNextReplayStartsAfterARealRun() {
        // Given
        final ReplayReport report = new ReplayReport(new PrintWriter(text), false);
        final ReplayTally tally = new ReplayTally();
        tally.count(letter("key-mismatch"), ReplayDecision.FILTERED_OUT);
        tally.count(new DeadLetter("stockflow-dlq", 0, 2, 1, "invalid", "stock-updates", 0, true),
                ReplayDecision.REPLAY);

        // When
        report.start(new ReplayRange("stockflow-dlq", Map.of(0, 0L), Map.of(0, 1L), false), "g", true);
        report.summary(tally);

        // Then
        assertThat(text.toString()).contains("Reading stockflow-dlq (1 partition) from the beginning (--rescan) up to its end now")
                .contains("  code                   replayed      skipped")
                .contains("(--rescan reads them again)")
                .contains("  of the replayed, 1 had failed in an earlier replay (they carry stockflow.replay.of); if "
                        + "they keep failing, leave them out with --code or --skip-replayed.")
                .contains("Sent 1 records back to their source topics; the progress is committed with them");
    }

    @Test
    void shouldCountEarlierFailedReplaysAmongThoseADryRunWouldReplayNotAmongTheSkipped() {
        // Given: one record is filtered out, one would be replayed and had failed in an earlier replay
        final ReplayReport report = new ReplayReport(new PrintWriter(text), true);
        final ReplayTally tally = new ReplayTally();
        tally.count(letter("key-mismatch"), ReplayDecision.FILTERED_OUT);
        tally.count(new DeadLetter("stockflow-dlq", 0, 2, 1, "invalid", "stock-updates", 0, true),
                ReplayDecision.REPLAY);

        // When
        report.summary(tally);

        // Then: the note follows the skipped ones, so it must say which records it counts
        assertThat(text.toString()).contains("  skipped, 1: not selected by --code, --source-topic, --from or --to.")
                .contains("  of those it would replay, 1 had failed in an earlier replay (they carry "
                        + "stockflow.replay.of)");
    }

    private static DeadLetter letter(final String code) {
        return new DeadLetter("stockflow-dlq", 0, 1, 1, code, "stock-updates", 0, false);
    }
}
