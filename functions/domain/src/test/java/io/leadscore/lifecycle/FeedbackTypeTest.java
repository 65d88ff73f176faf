package io.leadscore.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedbackTypeTest {

    @Test
    void salesAcceptsAnMqlAndAClosedDealStaysClosed() {
        assertEquals(Optional.empty(), FeedbackType.ACCEPTED.refusal(Stage.MQL));
        assertEquals(Optional.of("cannot move a lead from won to sql (accepted applies to a lead in lead, mql,"
                + " rejected, recycled)"), FeedbackType.ACCEPTED.refusal(Stage.WON));
        assertEquals(Optional.of("cannot move a lead from lost to won (won applies to a lead in lead, mql, sql,"
                + " rejected, opportunity, recycled)"), FeedbackType.WON.refusal(Stage.LOST));
    }

    @Test
    void aDealWonBeforeAnyMqlIsTakenForImports() {
        assertEquals(Optional.empty(), FeedbackType.WON.refusal(Stage.LEAD));
        assertEquals(Optional.empty(), FeedbackType.LOST.refusal(Stage.LEAD));
    }

    @Test
    void onlyALeadThatWentSomewhereIsRecycled() {
        assertEquals(Optional.empty(), FeedbackType.RECYCLED.refusal(Stage.LOST));
        assertEquals(Optional.of("cannot move a lead from lead to recycled (recycled applies to a lead in mql, sql,"
                + " rejected, opportunity, won, lost)"), FeedbackType.RECYCLED.refusal(Stage.LEAD));
    }

    @Test
    void eachVerdictMovesToItsStage() {
        assertEquals(Stage.SQL, FeedbackType.ACCEPTED.stage());
        assertEquals(Stage.REJECTED, FeedbackType.REJECTED.stage());
        assertEquals(Stage.RECYCLED, FeedbackType.RECYCLED.stage());
    }
}
