package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import io.leadscore.support.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.formSubmit;
import static io.leadscore.lead.Activities.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each lead counts its interactions per buyer-journey stage; its moves to MQL and won remember the counts. */
class JourneyCountersTest {
    static final String YAML = """
            model: journey
            eventTypes: { page_view: { requires: [url] }, form_submit: { requires: [formId] } }
            thresholds:
              salesReady: 100
            journey: [awareness, consideration, decision]
            rules:
              - { id: blog, event: page_view, when: { url: { glob: "*/blog*" } }, points: 10,
                  cap: { times: 2, per: day }, journey: awareness }
              - { id: blog-any, event: page_view, when: { url: { glob: "*/blog*" } }, points: 1 }
              - { id: case-study, event: page_view, when: { url: { glob: "*/customers*" } }, points: 20,
                  journey: consideration }
              - { id: demo, event: form_submit, when: { formId: demo }, points: 40, journey: decision }
            feedback:
              lost: -30
            """;
    private static final ScoringModel MODEL = ModelLoader.parse(YAML, "test");
    private static final Duration HOUR = Duration.ofHours(1);

    private final LeadScorer scorer = new LeadScorer(MODEL);

    @Test
    void aTaggedRuleThatFiresCountsOneInteractionInItsStageACappedHitNone() {
        LeadJourney journey = LeadJourney.through(MODEL, List.of(
                pageView("/blog/a", T0), pageView("/blog/b", T0.plus(HOUR)),
                pageView("/blog/c", T0.plus(HOUR.multipliedBy(2))), // third of the day: capped
                pageView("/customers/acme", T0.plus(HOUR.multipliedBy(3)))));

        assertEquals(Map.of("awareness", 2, "consideration", 1), journey.lead().journey());
        assertEquals(10 + 10 + 3 + 20, journey.lead().score(), "the untagged blog-any scores, uncounted");
    }

    @Test
    void aHitAGroupCapScoresAtNothingIsStillAnInteraction() {
        ScoringModel capped = ModelLoader.parse(YAML
                .replace("thresholds:", "groups: { platform: { cap: 50 } }\nthresholds:")
                .replace("points: 40, journey: decision", "points: 40, group: platform, journey: decision"), "test");

        Lead lead = LeadJourney.through(capped, List.of(formSubmit("demo", T0), formSubmit("demo", T0.plus(HOUR)),
                formSubmit("demo", T0.plus(HOUR.multipliedBy(2))))).lead();

        assertEquals(50, lead.score(), "40, then 10 to the cap, then nothing");
        assertEquals(Map.of("decision", 3), lead.journey());
    }

    @Test
    void theMoveToMqlRemembersTheInteractionsUpToTheOneThatCrossedAndLaterOnesDoNotChangeIt() {
        LeadJourney journey = LeadJourney.through(MODEL, List.of(
                pageView("/blog/a", T0), pageView("/customers/acme", T0.plus(HOUR)),
                formSubmit("demo", T0.plus(HOUR.multipliedBy(2))), // 11 + 20 + 40 = 71
                formSubmit("demo", T0.plus(HOUR.multipliedBy(3))), // 111: MQL
                pageView("/customers/globex", T0.plus(HOUR.multipliedBy(4)))));

        StageChange mql = journey.lead().stageHistory().get(0);
        assertEquals(Stage.MQL, mql.to());
        assertEquals(Map.of("awareness", 1, "consideration", 1, "decision", 2), mql.journey());
        assertEquals(mql, journey.ledger().get(3).stage(), "the ledger entry records the same move");
        assertEquals(Map.of("awareness", 1, "consideration", 2, "decision", 2), journey.lead().journey());
    }

    @Test
    void aWonVerdictRemembersTheInteractionsWhenItCameAndOtherVerdictsNone() {
        Lead lead = LeadJourney.through(MODEL, List.of(pageView("/blog/a", T0))).lead();
        Lead lost = scorer.feedback(lead, verdict("f-1", FeedbackType.LOST, T0.plus(HOUR)), T0).lead();
        Lead won = scorer.feedback(scorer.apply(lost, formSubmit("demo", T0.plus(HOUR.multipliedBy(2))), T0).lead(),
                verdict("f-2", FeedbackType.WON, T0.plus(HOUR.multipliedBy(3))), T0).lead();

        assertEquals(List.of(Stage.LOST, Stage.WON), won.stageHistory().stream().map(StageChange::to).toList());
        assertNull(won.stageHistory().get(0).journey());
        assertEquals(Map.of("awareness", 1, "decision", 1), won.stageHistory().get(1).journey());
    }

    @Test
    void aVisitorMergedIntoALeadAddsItsInteractions() {
        Lead lead = LeadJourney.through(MODEL, List.of(pageView("/blog/a", T0))).lead();
        Lead visitor = LeadJourney.through(MODEL, List.of(pageView("/blog/b", T0), pageView("/customers/x", T0)))
                .lead();

        Lead merged = scorer.merge(lead, visitor, T0.plus(HOUR), T0.plus(HOUR)).lead();

        assertEquals(Map.of("awareness", 2, "consideration", 1), merged.journey());
    }

    @Test
    void aReScoreUnderAModelThatTagsRulesAnewRecountsTheLeadAndItsMqlMove() {
        ScoringModel untagged = ModelLoader.parse(YAML.replaceAll(",\\s*journey: [a-z]+", "")
                .replace("journey: [awareness, consideration, decision]\n", ""), "test");
        List<Activity> history = List.of(pageView("/blog/a", T0), pageView("/customers/acme", T0.plus(HOUR)),
                formSubmit("demo", T0.plus(HOUR.multipliedBy(2))), formSubmit("demo", T0.plus(HOUR.multipliedBy(3))));
        Lead stored = LeadJourney.through(untagged, history).lead().withRevision(4);
        assertEquals(Map.of(), stored.journey());
        assertEquals(Map.of(), stored.stageHistory().get(0).journey());

        Lead rescored = new Rescorer(MODEL).rescore(stored, history, T0.plus(HOUR.multipliedBy(5)), false)
                .orElseThrow().lead();

        assertEquals(Map.of("awareness", 1, "consideration", 1, "decision", 2), rescored.journey());
        assertEquals(Map.of("awareness", 1, "consideration", 1, "decision", 2),
                rescored.stageHistory().get(0).journey());
        assertEquals(stored.stageHistory().get(0).at(), rescored.stageHistory().get(0).at());
    }

    @Test
    void aLeadAndAMoveStoredBeforeCountingReadAsNoInteractionsAndUncounted() throws Exception {
        Lead lead = LeadJourney.through(MODEL, List.of(formSubmit("demo", T0), formSubmit("demo", T0.plus(HOUR)),
                formSubmit("demo", T0.plus(HOUR.multipliedBy(2))))).lead();
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(Json.write(lead));
        stored.remove("journey");
        ((ObjectNode) stored.get("stageHistory").get(0)).remove("journey");

        Lead back = Json.mapper().treeToValue(stored, Lead.class);

        assertEquals(Map.of(), back.journey());
        assertNull(back.stageHistory().get(0).journey());
        assertEquals(Map.of("decision", 3), lead.stageHistory().get(0).journey());
    }

    private static Feedback verdict(String id, FeedbackType type, java.time.Instant at) {
        return new Feedback(Activities.LEAD, id, type, null, "sam", at);
    }
}
