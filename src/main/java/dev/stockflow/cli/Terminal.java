package dev.stockflow.cli;

import java.io.Console;

/** Where a command asks a person to confirm: the process's terminal, when it has one. */
interface Terminal {

    /** Whether there is a person to ask (a terminal on standard input and output). */
    boolean present();

    /** Shows the prompt and returns the line typed, or null when there is no terminal or it was closed. */
    String ask(String prompt);

    /** The process's terminal ({@link System#console()}), absent when input or output is redirected. */
    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean present() {
                return System.console() != null;
            }

            @Override
            public String ask(final String prompt) {
                final Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }
}
