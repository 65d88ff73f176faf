package io.leadscore.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One goal as a benchmark measured it, printed as a line of its own that {@link Suite} takes out of the benchmark's
 * output and puts in the goals table at the top of {@code benchmarks.md}:
 * <pre>GOAL|&lt;key&gt;|&lt;measure&gt;|&lt;goal&gt;|&lt;measured&gt;|&lt;met: yes or no&gt;</pre>
 * The key is one of {@link GoalTable#GOALS}' (it places the row; an unknown key goes at the end); the texts are the
 * benchmark's own words for this run ("at 10,000 members", the size it ran at). A benchmark outside this module (the
 * local runtime's drivers) prints the same line with {@code printf}. Several lines may share a key (a figure per size).
 *
 * @param met whether the measured figure meets the goal; a benchmark that cannot tell (a failed run) prints none
 */
public record Goal(String key, String measure, String goal, String measured, boolean met) {
    static final String PREFIX = "GOAL|";

    public Goal {
        for (String text : new String[] {key, measure, goal, measured}) {
            if (text == null || text.isBlank() || text.contains("|") || text.contains("\n")) {
                throw new IllegalArgumentException("a goal's texts are one line each, non-blank, without '|': "
                        + key + " / " + text);
            }
        }
    }

    /** The line a benchmark prints. */
    public String line() {
        return String.join("|", PREFIX + key, measure, goal, measured, met ? "yes" : "no");
    }

    /** Prints this goal's line on standard output, where {@link Suite} reads it. */
    public void report() {
        System.out.println(line());
    }

    /** Reports a goal: a shorthand for the benchmarks, whose measured figure is formatted as {@link String#format}. */
    public static void report(String key, String measure, String goal, boolean met, String measured, Object... args) {
        new Goal(key, measure, goal, String.format(Locale.ROOT, measured, args), met).report();
    }

    /** The goal a line states, or empty for any other line; a line that starts like one but is malformed is an error. */
    static Optional<Goal> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] fields = line.substring(PREFIX.length()).split("\\|", -1);
        if (fields.length != 5 || !(fields[4].equals("yes") || fields[4].equals("no"))) {
            throw new IllegalArgumentException("a goal line is GOAL|key|measure|goal|measured|yes or no, not: " + line);
        }
        return Optional.of(new Goal(fields[0], fields[1], fields[2], fields[3], fields[4].equals("yes")));
    }
}
