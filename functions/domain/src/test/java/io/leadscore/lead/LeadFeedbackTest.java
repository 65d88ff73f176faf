package io.leadscore.lead;

import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** CRM verdicts on a lead: its stage with who and why, and the model's feedback rules as ordinary ledger lines. */
class LeadFeedbackTest {
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: crm
            version: 3
            eventTypes: { form_submit: {}, identify: {} }
            profileFields: { industry: string }
            thresholds:
              salesReady: { points: 100, rearmBelow: 90 }
            rules:
              - { id: demo, description: Asked for a demo, event: form_submit, points: 50 }
            fit:
              - { id: target-industry, description: Software, when: { industry: { in: [software] } }, points: 10 }
            feedback:
              lost: -30
              recycled: reset-engagement
            """, "test");

    private final LeadJourney journey = new LeadJourney(MODEL);
    private final LeadScorer scorer = new LeadScorer(MODEL);

    @Test
    void reachingSalesReadyMakesAnMqlWithTheThresholdAsTheReason() {
        journey.then(activity("form_submit", T0, Map.of()));
        assertEquals(Stage.LEAD, journey.lead().stage());

        LedgerEntry crossed = journey.then(activity("form_submit", T0.plusSeconds(60), Map.of()));

        StageChange mql = new StageChange(Stage.LEAD, Stage.MQL, T0.plusSeconds(60), "leadscore",
                "reached salesReady (100) at 100 points, crm@3", null, Map.of());
        assertEquals(Stage.MQL, journey.lead().stage());
        assertEquals(mql, crossed.stage());
        assertEquals(List.of(mql), journey.lead().stageHistory());
        assertNull(journey.ledger().get(0).stage(), "an entry that moves no stage says none");
    }

    @Test
    void aLostLeadsScoreFallsByTheModelsRuleInTheVerdictsLedgerEntry() {
        qualified();
        Feedback lost = new Feedback("lead-1", "crm-7", FeedbackType.LOST, "went with a competitor", "sam",
                T0.plusSeconds(3600));

        Scored scored = scorer.feedback(journey.lead(), lost, T0.plusSeconds(3601));

        assertEquals(70, scored.lead().score());
        assertEquals(Stage.LOST, scored.lead().stage());
        assertEquals(new LedgerEntry("lead-1", "feedback", "feedback-crm-7", "lost", T0.plusSeconds(3600),
                T0.plusSeconds(3601), List.of(new Contribution("feedback:lost", ScoreKind.ENGAGEMENT, null, -30, null)),
                -30, 70, "crm@3", new StageChange(Stage.MQL, Stage.LOST, T0.plusSeconds(3600), "sam",
                "went with a competitor", "crm-7")), scored.entry());
        assertEquals(List.of(Crossing.Kind.DISQUALIFIED), scored.crossings().stream().map(Crossing::kind).toList(),
                "below the re-arm line, as any score change would be");
        assertEquals(new RuleTally(ScoreKind.ENGAGEMENT, null, -30, 1, T0.plusSeconds(3600)),
                scored.lead().breakdown().get("feedback:lost"));
    }

    @Test
    void aRecycledLeadStartsOverOnEngagementKeepingItsFit() {
        journey.then(activity("identify", T0, Map.of("industry", "software")));
        qualified();
        Lead before = journey.lead();

        Scored scored = scorer.feedback(before, new Feedback("lead-1", "crm-8", FeedbackType.RECYCLED, "no budget",
                "sam", T0.plusSeconds(7200)), T0.plusSeconds(7200));

        assertEquals(10, scored.lead().score());
        assertEquals(0, scored.lead().engagement());
        assertEquals(10, scored.lead().fit());
        assertEquals(List.of(new Contribution("demo", ScoreKind.ENGAGEMENT, null, -100,
                "CRM verdict recycled: engagement starts over")), scored.entry().contributions());
        assertEquals(Map.of(), scored.lead().capHits());
        assertEquals(Stage.RECYCLED, scored.lead().stage());
        assertFalse(scored.lead().qualifications().get("salesReady").qualified(), "re-armed: it may qualify again");
    }

    @Test
    void aRecycledLeadThatQualifiesAgainIsAnMqlAgain() {
        qualified();
        Lead recycled = scorer.feedback(journey.lead(), new Feedback("lead-1", "crm-8", FeedbackType.RECYCLED, null,
                "sam", T0.plusSeconds(7200)), T0.plusSeconds(7200)).lead();

        Scored once = scorer.apply(recycled, activity("form_submit", T0.plusSeconds(7300), Map.of()), T0);
        Scored twice = scorer.apply(once.lead(), activity("form_submit", T0.plusSeconds(7400), Map.of()), T0);

        assertEquals(Stage.MQL, twice.lead().stage());
        assertEquals(List.of(Stage.MQL, Stage.RECYCLED, Stage.MQL),
                twice.lead().stageHistory().stream().map(StageChange::to).toList());
    }

    @Test
    void aVerdictWithoutARuleMovesOnlyTheStage() {
        qualified();

        Scored scored = scorer.feedback(journey.lead(), new Feedback("lead-1", "crm-9", FeedbackType.ACCEPTED, null,
                "sam", T0.plusSeconds(60)), T0);

        assertEquals(100, scored.lead().score());
        assertEquals(List.of(), scored.entry().contributions());
        assertEquals(Stage.SQL, scored.lead().stage());
        assertEquals(0, scored.entry().change());
    }

    @Test
    void theStageHistoryKeepsTheLatestChangesAndKnowsTheirVerdicts() {
        Lead lead = Lead.newLead("lead-1");
        for (int i = 0; i < Lead.MAX_STAGE_HISTORY + 5; i++) {
            lead = lead.movedTo(new StageChange(lead.stage(), i % 2 == 0 ? Stage.WON : Stage.RECYCLED,
                    Instant.EPOCH, "sam", null, "f-" + i));
        }

        assertEquals(Lead.MAX_STAGE_HISTORY, lead.stageHistory().size());
        assertEquals("f-5", lead.stageHistory().get(0).feedbackId());
        assertEquals(true, lead.hasFeedback("f-54"));
        assertEquals(false, lead.hasFeedback("f-4"));
    }

    @Test
    void aReScoreTakesTheVerdictsPointsFromTheReplayAndKeepsTheStoredStageAndItsHistory() {
        qualified();
        Feedback verdict = new Feedback("lead-1", "crm-7", FeedbackType.LOST, null, "sam", T0.plusSeconds(3600));
        Lead lost = scorer.feedback(journey.lead(), verdict, T0).lead();
        Lead replayed = scorer.feedback(LeadJourney.through(MODEL, List.of(
                activity("form_submit", T0.plusSeconds(1), Map.of()),
                activity("form_submit", T0.plusSeconds(2), Map.of()))).lead(), verdict, T0).lead();

        Lead remodelled = scorer.remodel(lost, replayed.toBuilder().stageHistory(List.of()).build(),
                T0.plusSeconds(7200)).lead();

        assertEquals(70, remodelled.score());
        assertEquals(Stage.LOST, remodelled.stage());
        assertEquals(lost.stageHistory(), remodelled.stageHistory());
    }

    private void qualified() {
        journey.then(activity("form_submit", T0.plusSeconds(1), Map.of()));
        journey.then(activity("form_submit", T0.plusSeconds(2), Map.of()));
    }
}
