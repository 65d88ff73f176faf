package io.leadscore.notify;

import java.util.List;

/** Configuration refused at start, with every problem found and where it is (e.g. {@code destinations[1].url}). */
public final class NotifyConfigException extends RuntimeException {
    private final List<String> problems;

    public NotifyConfigException(String source, List<String> problems) {
        super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
