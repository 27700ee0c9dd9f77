package dev.stockflow.cli;

import java.util.ArrayList;
import java.util.List;

/** A terminal for tests: there or not, answering the given lines in turn and remembering the prompts. */
final class FakeTerminal implements Terminal {

    private final boolean present;
    private final List<String> answers;
    private final List<String> prompts = new ArrayList<>();

    FakeTerminal(final boolean present, final String... answers) {
        this.present = present;
        this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public boolean present() {
        return present;
    }

    @Override
    public String ask(final String prompt) {
        prompts.add(prompt);
        return answers.isEmpty() ? null : answers.remove(0);
    }

    List<String> prompts() {
        return prompts;
    }
}
