package io.leadscore.lead;

import io.leadscore.lifecycle.Stage;
import io.leadscore.model.FitGrades;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A segment of the leads for a campaign, read from the text an API or a command line gives: a score range, lifecycle
 * stages, fit grades, each optional. "The A and B leads at mql or sql" for personal outreach; "scores 0 to 20" for a
 * re-engagement campaign. A part that cannot be read is refused with its name ({@link Invalid#field()}).
 */
public final class Segment {
    /** The parts' names, as the API's query parameters and the errors name them. */
    public static final String MIN_SCORE = "minScore";
    public static final String MAX_SCORE = "maxScore";
    public static final String STAGE = "stage";
    public static final String GRADE = "grade";

    private Segment() {
    }

    /** A part of a segment that cannot be read: {@link #field} names it. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Scores from {@code min} to {@code max}, both included; either null: unbounded on that side.
     */
    public record ScoreRange(Integer min, Integer max) {
        public static final ScoreRange ANY = new ScoreRange(null, null);

        public ScoreRange {
            if (min != null && max != null && min > max) {
                throw new Invalid(MAX_SCORE, MAX_SCORE + " (" + max + ") is below " + MIN_SCORE + " (" + min
                        + "): the range would be empty");
            }
        }

        /** The range of two bounds as text (each a whole number, or null). */
        public static ScoreRange of(String min, String max) {
            return new ScoreRange(score(MIN_SCORE, min), score(MAX_SCORE, max));
        }
    }

    /** A bound of the score range: a whole number, or null when {@code text} is null. */
    private static Integer score(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notWhole) {
            throw new Invalid(field, field + " is a whole number, e.g. 50, not '" + text + "'");
        }
    }

    /** Stages from a comma list of their labels ({@code mql,sql}); null: any. */
    public static Set<Stage> stages(String list) {
        Set<Stage> stages = new LinkedHashSet<>();
        for (String label : items(STAGE, list)) {
            stages.add(Arrays.stream(Stage.values()).filter(s -> s.label().equals(label)).findFirst()
                    .orElseThrow(() -> new Invalid(STAGE, "unknown stage '" + label + "' (stages: "
                            + String.join(", ", Arrays.stream(Stage.values()).map(Stage::label).toList()) + ")")));
        }
        return stages;
    }

    /** Grades from a comma list of letters ({@code A,B}), each one of {@code grades}' or F; null: any. */
    public static Set<String> grades(String list, FitGrades grades) {
        List<String> letters = items(GRADE, list);
        if (!letters.isEmpty() && !grades.defined()) {
            throw new Invalid(GRADE, "the model in force defines no grades (grades: in the model), so no lead has one");
        }
        Set<String> known = new TreeSet<>(grades.thresholds().keySet());
        known.add(FitGrades.BELOW);
        for (String letter : letters) {
            if (!known.contains(letter)) {
                throw new Invalid(GRADE, "unknown grade '" + letter + "' (the model's grades: "
                        + String.join(", ", known) + ")");
            }
        }
        return new LinkedHashSet<>(letters);
    }

    /** The items of a comma list, none of them empty; none when the list is null. */
    private static List<String> items(String field, String list) {
        if (list == null) {
            return List.of();
        }
        List<String> items = Arrays.stream(list.split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new Invalid(field, field + " is a comma list without empty items, e.g. " + (field.equals(STAGE)
                    ? "mql,sql" : "A,B") + ", not '" + list + "'");
        }
        return items;
    }
}
