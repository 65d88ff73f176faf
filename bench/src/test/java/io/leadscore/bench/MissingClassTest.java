package io.leadscore.bench;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A function's JVM that lacked a class fails the run, even where its code caught the error and answered. */
class MissingClassTest {
    /** A first invocation that reports success after catching a class its jar lacks, as a lenient library does. */
    public static final class CaughtMissingClass {
        public static void main(String[] args) {
            if (args.length > 0) {
                new NoClassDefFoundError("com/example/Gone").printStackTrace();
            }
            System.out.println(FirstInvocation.ANSWER + " {\"ok\":true}");
            System.out.println(FirstInvocation.RESULT + " classes=7 end=" + System.currentTimeMillis());
        }
    }

    @Test
    void aCaughtMissingClassFailsTheRun() {
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> run("missing"));
        assertTrue(failed.getMessage().contains("NoClassDefFoundError: com/example/Gone"), failed.getMessage());
    }

    @Test
    void aCleanRunGivesItsAnswerAndResult() throws Exception {
        ColdStart.Child child = run();
        assertEquals("{\"ok\":true}", child.answer());
        assertEquals("7", child.result().get("classes"));
    }

    private static ColdStart.Child run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("-cp",
                ColdStart.classPath(CaughtMissingClass.class) + File.pathSeparator
                        + ColdStart.classPath(FirstInvocation.class), CaughtMissingClass.class.getName()));
        command.addAll(List.of(arguments));
        return ColdStart.run(ColdStart.java(), command, Map.of());
    }
}
