package dev.stockflow.cli;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.deadletter.ReplayFilter;
import dev.stockflow.deadletter.ReplayTally;
import dev.stockflow.runtime.DeadLetterReplay;
import dev.stockflow.runtime.KafkaAccess;
import dev.stockflow.runtime.ReplayStoppedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stockflow dlq replay}: sends dead letters back to their source topics, unchanged, to go through every rule
 * again, and ends with the counts per error code.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Send dead-lettered records back to their source topic.",
            "Unchanged (same key, value and timestamp), with the header stockflow.replay.of=<dlq topic>/<partition>/"
                    + "<offset>. Reads the dead-letter topic from where the last replay stopped up to its end now; "
                    + "the progress is kept in the consumer group <application.id>-dlq-replay, so nothing is sent "
                    + "twice. Ends with the records replayed and skipped per error code."})
public final class DlqReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--code", paramLabel = "CODE", split = ",", converter = ErrorCodeConverter.class,
            description = "Replay only dead letters with this error code (repeatable, or comma-separated): "
                    + "empty, undecodable, invalid, key-mismatch, future-timestamp. Default: every code.")
    List<RejectReason> codes = new ArrayList<>();

    @Option(names = "--source-topic", paramLabel = "TOPIC",
            description = "Replay only dead letters that came from this input topic.")
    String sourceTopic;

    @Option(names = "--from", paramLabel = "ISO-8601", converter = IsoDateTimeConverter.class,
            description = "Replay only dead letters whose timestamp is at or after this time (the dead letter keeps "
                    + "the input record's timestamp), e.g. 2026-01-31T12:00:00Z.")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO-8601", converter = IsoDateTimeConverter.class,
            description = "Replay only dead letters whose timestamp is before this time.")
    Instant to;

    @Option(names = "--skip-replayed",
            description = "Leave out dead letters that are themselves replays that failed again (they carry "
                    + "stockflow.replay.of), say for a replay on a schedule, so a record that cannot succeed is not "
                    + "sent back on every run. Like every skipped record, they are behind the progress afterwards.")
    boolean skipReplayed;

    @Option(names = "--rescan",
            description = "Read the dead-letter topic from the beginning instead of where the last replay stopped, "
                    + "to reach records earlier runs skipped. Records replayed before are sent again (the processor "
                    + "counts them as duplicates).")
    boolean rescan;

    @Option(names = "--dry-run", description = "Count what would be replayed and skipped; send and commit nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final StockflowConfig settings = config.load(Map.of());
        settings.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "dlq replay reads and writes Kafka topics");
        final ReplayFilter filter = filter(settings);
        final ReplayReport report = new ReplayReport(spec.commandLine().getOut(), dryRun);
        final KafkaAccess access = KafkaAccess.of(settings);
        final String replayId = DeadLetterReplay.groupId(settings);
        final String dlqTopic = settings.getString(StockflowConfig.TOPIC_DLQ_CONFIG);
        try (DeadLetterReplay replay = DeadLetterReplay.open(settings, filter, dryRun, rescan)) {
            report.start(replay.range(), replayId, rescan);
            final ReplayTally tally = replay.run();
            report.summary(tally);
            return ExitCodes.OK;
        } catch (final ReplayStoppedException e) {
            report.summary(e.committed());
            final String why = access.inReplay(e, dlqTopic, replayId).map(RuntimeException::getMessage)
                    .orElse(e.getMessage());
            spec.commandLine().getErr().println("stockflow dlq replay: " + why
                    + " (the counts above were committed; run it again to carry on)");
            return ExitCodes.FAILURE;
        } catch (final RuntimeException e) {
            // A refusal says which ACL is missing, in one line, instead of Kafka's own message.
            throw access.inReplay(e, dlqTopic, replayId).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** The filters of the command line, refused as a usage error when they cannot select anything. */
    ReplayFilter filter(final StockflowConfig settings) {
        final ReplayFilter filter = new ReplayFilter(codes.isEmpty() ? Set.of() : EnumSet.copyOf(codes), sourceTopic,
                from, to, skipReplayed, Set.copyOf(settings.topologySettings().inputTopicNames()));
        final String problem = filter.problem();
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        return filter;
    }
}
