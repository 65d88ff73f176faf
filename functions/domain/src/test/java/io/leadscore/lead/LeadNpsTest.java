package io.leadscore.lead;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;
import io.leadscore.nps.NpsCategory;
import io.leadscore.revision.Rescorer;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Activities.pageView;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A lead's answers to the NPS survey: the latest kept on the lead, classed, and scored by the model's rule. */
class LeadNpsTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final LeadScorer SCORER = new LeadScorer(MODEL);

    @Test
    void theLeadKeepsItsAnswerWithWhenAndItsClass() {
        Lead lead = LeadJourney.through(MODEL, List.of(answer(9, T0))).lead();

        assertEquals(new NpsAnswer(9, T0), lead.nps());
        assertEquals(NpsCategory.PROMOTER, lead.nps().category());
    }

    @Test
    void theLaterAnswerStandsWhateverTheOrderTheyArriveIn() {
        Lead inOrder = LeadJourney.through(MODEL, List.of(answer(10, T0), answer(3, T0.plus(ofDays(90))))).lead();
        Lead lateArrival = LeadJourney.through(MODEL, List.of(answer(3, T0.plus(ofDays(90))), answer(10, T0))).lead();

        assertEquals(new NpsAnswer(3, T0.plus(ofDays(90))), inOrder.nps());
        assertEquals(inOrder.nps(), lateArrival.nps());
        assertEquals(NpsCategory.DETRACTOR, lateArrival.nps().category());
    }

    @Test
    void otherEventsLeaveTheAnswerAsItIs() {
        Lead lead = LeadJourney.through(MODEL, List.of(answer(8, T0), pageView("/pricing", T0.plusSeconds(60))))
                .lead();

        assertEquals(new NpsAnswer(8, T0), lead.nps());
    }

    @Test
    void aDetractorsScoreFallsByTheShippedRuleAndAPassiveKeepsIt() {
        LeadJourney journey = LeadJourney.through(MODEL, List.of(pageView("/pricing", T0),
                pageView("/pricing", T0.plus(ofMinutes(1)))));
        assertEquals(30, journey.lead().score());

        LedgerEntry passive = journey.then(answer(7, T0.plus(ofMinutes(2))));
        LedgerEntry detractor = journey.then(answer(6, T0.plus(ofMinutes(3))));

        assertEquals(0, passive.change());
        assertEquals(-20, detractor.change());
        assertEquals("nps-detractor", detractor.contributions().get(0).rule());
        assertEquals(10, journey.lead().score());
    }

    @Test
    void aMergeKeepsThePersonsLaterAnswerWhoeverGaveIt() {
        Lead visitor = SCORER.apply(Lead.newLead("anon:v1"), answer("anon:v1", 2, T0.plus(ofDays(1))), T0).lead();
        Lead earlier = SCORER.apply(Lead.newLead("dana"), answer("dana", 10, T0), T0).lead();
        Lead later = SCORER.apply(Lead.newLead("dana"), answer("dana", 10, T0.plus(ofDays(2))), T0).lead();

        assertEquals(new NpsAnswer(2, T0.plus(ofDays(1))), SCORER.merge(earlier, visitor, T0, T0).lead().nps());
        assertEquals(new NpsAnswer(10, T0.plus(ofDays(2))), SCORER.merge(later, visitor, T0, T0).lead().nps());
        assertEquals(visitor.nps(), SCORER.merge(Lead.newLead("dana"), visitor, T0, T0).lead().nps());
    }

    @Test
    void aReScoreReplaysTheAnswersFromTheActivities() {
        Lead replayed = new Rescorer(MODEL).replay(Activities.LEAD, List.of(answer(5, T0.plus(ofDays(3))),
                answer(9, T0)), List.of(), T0.plus(ofDays(4)));

        assertEquals(new NpsAnswer(5, T0.plus(ofDays(3))), replayed.nps());
    }

    @Test
    void aLeadStoredBeforeAnswersExistedReadsWithoutOne() throws Exception {
        Lead lead = LeadJourney.through(MODEL, List.of(answer(9, T0))).lead();
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(Json.write(lead));
        assertEquals("promoter", stored.at("/nps/category").asText());
        stored.remove("nps");

        Lead back = Json.mapper().treeToValue(stored, Lead.class);

        assertNull(back.nps());
        assertEquals(lead.toBuilder().nps(null).build(), back);
        assertEquals(lead, Json.mapper().readValue(Json.write(lead), Lead.class));
    }

    private static Activity answer(int score, Instant at) {
        return activity(NpsAnswer.EVENT_TYPE, at, Map.of("score", BigDecimal.valueOf(score)));
    }

    private static Activity answer(String leadId, int score, Instant at) {
        return new Activity(leadId + "-nps-" + at, NpsAnswer.EVENT_TYPE, leadId, at, Map.of("score",
                BigDecimal.valueOf(score)), Activities.SITE, at);
    }
}
