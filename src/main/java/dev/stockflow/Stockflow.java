package dev.stockflow;

import dev.stockflow.cli.DemoCommand;
import dev.stockflow.cli.DlqCommand;
import dev.stockflow.cli.ExitCodes;
import dev.stockflow.cli.FeedCommand;
import dev.stockflow.cli.GenerateCommand;
import dev.stockflow.cli.ResetCommand;
import dev.stockflow.cli.RunCommand;
import dev.stockflow.config.ConfigLoader;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stockflow} command: parses the command line and runs one sub-command. */
@Command(name = "stockflow", mixinStandardHelpOptions = true, version = "Stockflow 0.1.0",
        description = "Turns partner stock and price feeds into one current snapshot per offer.",
        subcommands = {RunCommand.class, DemoCommand.class, FeedCommand.class, GenerateCommand.class,
            ResetCommand.class, DlqCommand.class, CommandLine.HelpCommand.class})
public final class Stockflow implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCodes}). */
    public static int execute(final String... args) {
        return new CommandLine(new Stockflow())
                .setExecutionExceptionHandler(Stockflow::reportFailure)
                .execute(args);
    }

    /** Without a command there is nothing to do: show what there is, and say the call was incomplete. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static int reportFailure(final Exception exception, final CommandLine command,
                                     final CommandLine.ParseResult parsed) {
        // Kafka's clients wrap a bad setting (say, a bootstrap address without a port) in a KafkaException.
        final ConfigException badSetting = configExceptionIn(exception);
        if (badSetting != null) {
            command.getErr().println("stockflow: configuration error: "
                    + ConfigLoader.withFix(badSetting).getMessage());
            return ExitCodes.USAGE;
        }
        command.getErr().println("stockflow: " + rootMessage(exception));
        return ExitCodes.FAILURE;
    }

    private static ConfigException configExceptionIn(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException config) {
                return config;
            }
        }
        return null;
    }

    private static String rootMessage(final Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
