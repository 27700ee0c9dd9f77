package dev.stockflow.cli;

import dev.stockflow.runtime.ResetPlan;
import java.io.PrintWriter;
import java.util.List;

/** What {@code reset} prints: the plan before anything changes, and what was done after. */
final class ResetReport {

    private final PrintWriter out;

    ResetReport(final PrintWriter out) {
        this.out = out;
    }

    /** The plan, step by step, in the order the reset takes them. */
    void plan(final ResetPlan plan, final boolean dryRun) {
        out.println((dryRun ? "Dry run: a reset of application '" : "A reset of application '")
                + plan.applicationId() + "' " + (dryRun ? "would" : "will") + ":");
        out.println("  1. move the committed offsets of consumer group '" + plan.applicationId() + "' on "
                + count(plan.offsets().size(), "input partition") + " to " + target(plan) + ":");
        plan.offsets().forEach(move -> out.println("       " + move.partition() + ": "
                + (move.current().isPresent() ? Long.toString(move.current().getAsLong()) : "none") + " -> "
                + move.target() + (move.atEnd() ? " (the end: no record at or after that time)" : "")));
        plan.missingInputs().forEach(topic -> out.println("       " + topic + ": the topic does not exist"));
        out.println("  2. delete " + count(plan.internalTopics().size(), "internal topic") + " (the state's "
                + "changelogs; Kafka Streams creates them again)" + (plan.internalTopics().isEmpty() ? "" : ":"));
        plan.internalTopics().forEach(topic -> out.println("       " + topic));
        out.println("  3. delete the local state directory " + plan.stateDirectory()
                + (plan.stateDirectoryExists() ? "" : " (it does not exist here)"));
        out.println("  Not touched: the output and dead-letter topics; after the restart the processor emits the "
                + "snapshots again and converges to the same final snapshots.");
        out.flush();
    }

    void removingStaticMembers(final List<String> instanceIds, final boolean dryRun) {
        out.println((dryRun ? "It would first remove" : "Removing") + " the static members " + instanceIds
                + " from the consumer group (" + ResetCommand.FORCE_OPTION + ").");
        out.flush();
    }

    void done(final ResetPlan plan) {
        out.println("Reset done: moved the committed offsets of " + count(plan.offsets().size(), "input partition")
                + " to " + target(plan) + ", deleted " + count(plan.internalTopics().size(), "internal topic") + ", "
                + (plan.stateDirectoryExists() ? "deleted " : "no ") + "local state directory "
                + plan.stateDirectory() + ".");
        out.println("Start the instances again: they rebuild the state from the input topics. Instances on other "
                + "hosts keep their own state directory: run the same reset there too (with --yes) before any "
                + "instance starts, or delete <state.dir>/" + plan.applicationId() + " there.");
        out.flush();
    }

    private static String target(final ResetPlan plan) {
        return plan.toDatetime() == null ? "the beginning"
                : "the first record at or after " + plan.toDatetime();
    }

    private static String count(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
