package dev.stockflow.cli;

import dev.stockflow.deadletter.ReplayDecision;
import dev.stockflow.deadletter.ReplayTally;
import dev.stockflow.runtime.ReplayRange;
import java.io.PrintWriter;

/** What {@code dlq replay} prints: the range it reads, then the counts per error code and why records were skipped. */
final class ReplayReport {

    private static final String ROW = "  %-18s %12s %12s%n";

    private final PrintWriter out;
    private final boolean dryRun;

    ReplayReport(final PrintWriter out, final boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    void start(final ReplayRange range, final String groupId, final boolean rescan) {
        final String from;
        if (rescan) {
            from = "from the beginning (--rescan)";
        } else {
            from = range.resumed() ? "from where the last replay stopped" : "from the beginning (no replay before)";
        }
        final int partitions = range.end().size();
        out.println((dryRun ? "Dry run: reading " : "Reading ") + range.topic() + " (" + partitions
                + (partitions == 1 ? " partition) " : " partitions) ") + from
                + " up to its end now; the progress is kept in consumer group " + groupId + ".");
        out.flush();
    }

    void summary(final ReplayTally tally) {
        out.printf(ROW, "code", dryRun ? "would replay" : "replayed", dryRun ? "would skip" : "skipped");
        for (final String code : tally.codes()) {
            out.printf(ROW, code, tally.replayed(code), tally.skipped(code));
        }
        out.printf(ROW, "total", tally.replayed(), tally.skipped());
        note(tally.count(ReplayDecision.FILTERED_OUT), "not selected by --code, --source-topic, --from or --to"
                + (dryRun ? "." : "; they are behind the replay's progress now (--rescan reads them again)."));
        note(tally.count(ReplayDecision.FAILED_REPLAY), "replays that failed again (--skip-replayed).");
        note(tally.count(ReplayDecision.NO_INPUT_TOPIC), "their stockflow.source.topic is no input topic of this "
                + "application: there is nowhere to send them.");
        if (tally.replayedAgain() > 0) {
            out.println((dryRun ? "  of those it would replay, " : "  of the replayed, ") + tally.replayedAgain()
                    + " had failed in an earlier replay (they carry "
                    + "stockflow.replay.of); if they keep failing, leave them out with --code or --skip-replayed.");
        }
        out.println(dryRun ? "Dry run: nothing was sent and the progress was not moved."
                : "Sent " + tally.replayed() + " records back to their source topics; the progress is committed with "
                        + "them, so the next replay starts after these records.");
        out.flush();
    }

    private void note(final long count, final String why) {
        if (count > 0) {
            out.println("  skipped, " + count + ": " + why);
        }
    }
}
