package io.leadscore.model;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The loader's refusals, as the model tests read them: every problem with its place. */
final class ModelProblems {
    private ModelProblems() {
    }

    /** Every problem of a model the loader must refuse. */
    static List<String> problems(String yaml) {
        try {
            ModelLoader.parse(yaml, "test");
        } catch (ModelException e) {
            return e.problems();
        }
        return fail("the model was accepted:\n" + yaml);
    }

    /** A problem that starts with its place and what is wrong, and mentions each fragment. */
    static void assertProblem(List<String> problems, String start, String... fragments) {
        boolean found = problems.stream()
                .anyMatch(p -> p.startsWith(start) && List.of(fragments).stream().allMatch(p::contains));
        assertTrue(found, () -> "no problem '" + start + "' mentioning " + List.of(fragments) + " in:\n"
                + String.join("\n", problems));
    }
}
