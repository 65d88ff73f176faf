package io.leadscore.model;

import java.util.List;

/** A model refused at load, with every problem found and where it is (e.g. {@code rules[2].when.urll}). */
public final class ModelException extends RuntimeException {
    private final List<String> problems;

    public ModelException(String source, List<String> problems) {
        super("scoring model " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
