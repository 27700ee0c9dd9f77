package dev.stockflow.cli;

/** What the {@code stockflow} command's exit status means. */
public final class ExitCodes {

    /** Done, nothing wrong. */
    public static final int OK = 0;
    /** Something failed at run time (Kafka unreachable, bad feed lines, ...). */
    public static final int FAILURE = 1;
    /** The command line or the configuration is wrong; the message names what to fix. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
