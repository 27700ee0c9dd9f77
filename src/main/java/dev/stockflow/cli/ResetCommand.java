package dev.stockflow.cli;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.runtime.ApplicationReset;
import dev.stockflow.runtime.GroupMembership;
import dev.stockflow.runtime.ResetPlan;
import dev.stockflow.runtime.ResetRefusedException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stockflow reset}: rebuild everything from the input topics. Shows its plan first; refuses while an
 * instance is in the consumer group; asks before it changes anything unless {@code --yes}.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Rebuild everything from the input topics.",
            "Moves the consumer group's committed input offsets to the beginning (or --to-datetime), deletes the "
                    + "application's internal topics (its changelogs) and the local state directory. Stop every "
                    + "instance first: reset refuses while the consumer group has members. It prints its plan and "
                    + "asks before changing anything."})
public final class ResetCommand implements Callable<Integer> {

    static final String FORCE_OPTION = "--force-remove-static-members";

    @Mixin
    ConfigOption config;

    @Option(names = "--to-datetime", paramLabel = "ISO-8601", converter = IsoDateTimeConverter.class,
            description = "Move the input offsets to the first record at or after this time (the end of a partition "
                    + "without one) instead of the beginning, e.g. 2026-01-31T12:00:00Z.")
    Instant toDatetime;

    @Option(names = "--dry-run", description = "Print what the reset would do, and change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = FORCE_OPTION,
            description = "Remove static members (stopped instances waiting out their session, 45 s by default) "
                    + "from the consumer group first, then watch it for a few seconds: a member that comes back was "
                    + "running, and the reset refuses. Only when you are sure every instance is stopped.")
    boolean forceRemoveStaticMembers;

    @Spec
    CommandSpec spec;

    private final Terminal terminal;

    public ResetCommand() {
        this(Terminal.system());
    }

    ResetCommand(final Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        final PrintWriter err = spec.commandLine().getErr();
        if (!dryRun && !yes && !terminal.present()) {
            err.println("stockflow reset: there is no terminal to confirm on; pass --yes to reset without asking "
                    + "(or --dry-run to see what it would do). Nothing was changed.");
            return ExitCodes.USAGE;
        }
        final StockflowConfig settings = config.load(Map.of());
        settings.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "reset works on the application's Kafka topics");
        try (ApplicationReset reset = ApplicationReset.connect(settings)) {
            return reset(reset, new ResetReport(spec.commandLine().getOut()));
        } catch (final ResetRefusedException e) {
            err.println("stockflow reset: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private int reset(final ApplicationReset reset, final ResetReport report) {
        final ResetPlan plan = reset.plan(toDatetime);
        report.plan(plan, dryRun);
        if (!admissible(reset.membership(), report)) {
            return ExitCodes.USAGE;
        }
        if (dryRun) {
            spec.commandLine().getOut().println("Dry run: nothing was changed.");
            return ExitCodes.OK;
        }
        if (!yes && !confirmed(plan)) {
            spec.commandLine().getErr().println("stockflow reset: not confirmed; nothing was changed.");
            return ExitCodes.FAILURE;
        }
        // Checked again: the answer may have taken a while, and an instance may have started meanwhile.
        final GroupMembership membership = reset.membership();
        if (membership.active() && forceRemoveStaticMembers && membership.onlyStaticMembers()) {
            report.removingStaticMembers(membership.staticInstanceIds(), false);
            final GroupMembership after = reset.removeStaticMembers(membership);
            if (after.active()) {
                spec.commandLine().getErr().println("stockflow reset: " + after.refusalAfterRemoval());
                return ExitCodes.USAGE;
            }
        } else if (membership.active()) {
            return refuse(membership);
        }
        reset.execute(plan);
        report.done(plan);
        return ExitCodes.OK;
    }

    /** Whether the group lets a reset go ahead: inactive, or only static members that may be removed. */
    private boolean admissible(final GroupMembership membership, final ResetReport report) {
        if (!membership.active()) {
            return true;
        }
        if (forceRemoveStaticMembers && membership.onlyStaticMembers()) {
            if (dryRun) {
                report.removingStaticMembers(membership.staticInstanceIds(), true);
            }
            return true;
        }
        refuse(membership);
        return false;
    }

    private int refuse(final GroupMembership membership) {
        spec.commandLine().getErr().println("stockflow reset: " + membership.refusal(FORCE_OPTION));
        return ExitCodes.USAGE;
    }

    private boolean confirmed(final ResetPlan plan) {
        final String answer = terminal.ask("Reset application '" + plan.applicationId() + "'? Type yes to go on: ");
        final String word = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
