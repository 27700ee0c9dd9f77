package dev.stockflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stockflow dlq}: work with the dead-letter topic; the work is in its sub-commands. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Work with the dead-letter topic (topic.dlq, default stockflow-dlq).",
        subcommands = {DlqReplayCommand.class})
public final class DlqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a sub-command there is nothing to do: show what there is, and say the call was incomplete. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
