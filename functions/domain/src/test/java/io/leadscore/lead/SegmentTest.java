package io.leadscore.lead;

import io.leadscore.lifecycle.Stage;
import io.leadscore.model.FitGrades;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentTest {
    private static final FitGrades ABCD = new FitGrades(Map.of("A", 40, "B", 30, "C", 20, "D", 10));

    @Test
    void aScoreRangeHasWholeBoundsEitherOptionalAndNeverEmpty() {
        assertEquals(new Segment.ScoreRange(50, 100), Segment.ScoreRange.of("50", " 100 "));
        assertEquals(new Segment.ScoreRange(-5, null), Segment.ScoreRange.of("-5", null));
        assertEquals(Segment.ScoreRange.ANY, Segment.ScoreRange.of(null, null));
        assertEquals(new Segment.ScoreRange(7, 7), Segment.ScoreRange.of("7", "7"));

        assertEquals("minScore", refused(() -> Segment.ScoreRange.of("fifty", null)).field());
        assertEquals("maxScore", refused(() -> Segment.ScoreRange.of(null, "9.5")).field());
        Segment.Invalid empty = refused(() -> Segment.ScoreRange.of("60", "59"));
        assertEquals("maxScore", empty.field());
        assertTrue(empty.getMessage().contains("(59) is below minScore (60)"), empty.getMessage());
    }

    @Test
    void stagesAreTheirLabelsInACommaList() {
        assertEquals(Set.of(Stage.MQL, Stage.SQL), Segment.stages("mql, sql"));
        assertEquals(Set.of(), Segment.stages(null));

        Segment.Invalid unknown = refused(() -> Segment.stages("mql,hot"));
        assertEquals("stage", unknown.field());
        assertTrue(unknown.getMessage().startsWith("unknown stage 'hot' (stages: lead, mql, sql, rejected,"
                + " opportunity, won, lost, recycled)"), unknown.getMessage());
        assertEquals("stage", refused(() -> Segment.stages("mql,,sql")).field());
        assertEquals("stage", refused(() -> Segment.stages("")).field());
    }

    @Test
    void gradesAreTheModelsLettersAndF() {
        assertEquals(List.of("A", "B", "F"), List.copyOf(Segment.grades("A,B,F", ABCD)));
        assertEquals(Set.of(), Segment.grades(null, FitGrades.NONE));

        Segment.Invalid unknown = refused(() -> Segment.grades("A,E", ABCD));
        assertEquals("grade", unknown.field());
        assertEquals("unknown grade 'E' (the model's grades: A, B, C, D, F)", unknown.getMessage());
        assertEquals("grade", refused(() -> Segment.grades("a", ABCD)).field());
        Segment.Invalid ungraded = refused(() -> Segment.grades("A", FitGrades.NONE));
        assertTrue(ungraded.getMessage().startsWith("the model in force defines no grades"), ungraded.getMessage());
    }

    private static Segment.Invalid refused(Runnable read) {
        return assertThrows(Segment.Invalid.class, read::run);
    }
}
