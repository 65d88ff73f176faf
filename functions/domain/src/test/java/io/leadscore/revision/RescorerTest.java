package io.leadscore.revision;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Qualification;
import io.leadscore.lead.Scored;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.leadscore.revision.Histories.DAY;
import static io.leadscore.revision.Histories.T0;
import static io.leadscore.revision.Histories.formSubmit;
import static io.leadscore.revision.Histories.identify;
import static io.leadscore.revision.Histories.live;
import static io.leadscore.revision.Histories.pageView;
import static io.leadscore.revision.Histories.vp;
import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What publishing a revision does to a stored lead, re-scored from its recorded history. */
class RescorerTest {
    static final ScoringModel FIRST = revision(1, defaultYaml());
    static final Duration HOUR = Duration.ofHours(1);

    /** Dana: three pricing views (45, capped at three a day), a demo request (20), a VP profile (fit 30), a case study (5): 100. */
    static final List<Activity> DANA = List.of(
            pageView("dana", "/pricing", T0), pageView("dana", "/pricing", T0.plus(HOUR)),
            pageView("dana", "/pricing/teams", T0.plus(HOUR.multipliedBy(2))),
            formSubmit("dana", "demo-request", T0.plus(HOUR.multipliedBy(3))),
            identify("dana", vp(), T0.plus(HOUR.multipliedBy(4))),
            pageView("dana", "/customers/acme", T0.plus(HOUR.multipliedBy(5))));

    static ScoringModel revision(int number, String yaml) {
        return ModelRevision.draft("default", number, yaml, "test", T0, null, number - 1 > 0 ? number - 1 : null)
                .model();
    }

    static ScoringModel second(String from, String to) {
        String yaml = defaultYaml();
        assertTrue(yaml.contains(from), from);
        return revision(2, yaml.replace(from, to));
    }

    @Test
    void replaysInTimeOrderWithTheDecayDueBetweenAndAfterOnceForEachEvent() {
        List<Activity> history = new ArrayList<>(DANA);
        history.add(pageView("dana", "/pricing", T0.plus(DAY.multipliedBy(50))));
        List<Activity> shuffled = new ArrayList<>(history);
        Collections.reverse(shuffled);
        shuffled.add(DANA.get(0)); // read twice
        Instant now = T0.plus(DAY.multipliedBy(90));

        Lead replayed = new Rescorer(FIRST).replay("dana", shuffled, List.of(), now);

        assertEquals(live(FIRST, "dana", history, List.of(), now).withRevision(0), replayed);
        assertTrue(replayed.breakdown().get("decay").hits() > 1, "decay before the last visit and after it");
        assertEquals(7, replayed.appliedActivities());
    }

    @Test
    void aMergedVisitorsActivitiesAreReplayedAsTheLeads() {
        List<Activity> history = List.of(pageView("anon:v1", "/pricing", T0),
                identify("dana", vp(), T0.plus(HOUR)));

        Lead replayed = new Rescorer(FIRST).replay("dana", history, List.of(), T0.plus(HOUR));

        assertEquals("dana", replayed.id());
        assertEquals(15 + 30, replayed.score());
        assertEquals(2, replayed.appliedActivities());
    }

    @Test
    void aLeadTheModelDoesNotChangeCostsNoWrite() {
        Instant now = T0.plus(DAY.multipliedBy(70));
        Lead stored = live(FIRST, "dana", DANA, List.of(T0.plus(DAY.multipliedBy(33))), now);

        assertEquals(Optional.empty(), new Rescorer(FIRST).rescore(stored, DANA, now, true));
        assertEquals(Optional.empty(), new Rescorer(revision(2, defaultYaml())).rescore(stored, DANA, now, true),
                "the same rules under a new revision number");
        assertEquals(Optional.empty(), new Rescorer(second("points: -25", "points: -20")).rescore(stored, DANA, now,
                true), "a change to a rule the lead never met");
    }

    @Test
    void aChangedLeadGetsOneModelChangeEntryRuleByRuleWithItsStoredRevisionAndLinksCarriedOver() {
        Instant now = T0.plus(DAY);
        Lead stored = live(FIRST, "dana", DANA, List.of(), now).toBuilder().mergedVisitors(List.of("anon:v1"))
                .appliedActivities(DANA.size() + 1).build();
        ScoringModel second = second("points: 15\n    group: platform", "points: 14\n    group: platform");

        Scored rescored = new Rescorer(second).rescore(stored, DANA, now, true).orElseThrow();

        Lead lead = rescored.lead();
        assertEquals(97, lead.score());
        assertEquals(stored.revision(), lead.revision(), "the store's lock");
        assertEquals(List.of("anon:v1"), lead.mergedVisitors());
        assertEquals(DANA.size() + 1, lead.appliedActivities(), "the ledger still holds the same activities");
        assertEquals("default@2", lead.model());
        LedgerEntry entry = rescored.entry();
        assertEquals(LedgerEntry.MODEL_CHANGE, entry.reason());
        assertEquals("model-change-default@2", entry.eventId());
        assertEquals(now, entry.occurredAt());
        assertEquals(-3, entry.change());
        assertEquals(97, entry.scoreAfter());
        assertEquals("default@2", entry.model());
        assertEquals(List.of(new Contribution("pricing-page", io.leadscore.lead.ScoreKind.ENGAGEMENT, "platform", -3,
                "45 -> 42")), entry.contributions());
        assertEquals(List.of(), rescored.crossings(), "still above the re-arm line: qualified once, announced once");
        assertEquals(stored.qualifications(), lead.qualifications());
        assertEquals(Optional.empty(), new Rescorer(second).rescore(lead, DANA, now, true), "re-scoring twice");
    }

    @Test
    void aLeadThatFallsBelowTheReArmLineIsDisqualifiedInTheCycleItWasIn() {
        Instant now = T0.plus(DAY);
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);
        assertEquals(new Qualification(true, 1, T0.plus(HOUR.multipliedBy(5))), stored.qualifications().get("salesReady"));

        Scored rescored = new Rescorer(second("points: 15\n    group: platform", "points: 5\n    group: platform"))
                .rescore(stored, DANA, now, true).orElseThrow();

        assertEquals(List.of("dana/salesReady/1"), ids(rescored.crossings()));
        assertEquals(Crossing.Kind.DISQUALIFIED, rescored.crossings().get(0).kind());
        assertEquals(new Qualification(false, 1, now), rescored.lead().qualifications().get("salesReady"));
        assertEquals("model-change-default@2", rescored.crossings().get(0).eventId());
    }

    @Test
    void aCycleContinuesFromTheStoredStatesNeverStartingAgainAtOne() {
        Instant now = T0.plus(DAY.multipliedBy(60));
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);
        assertEquals(new Qualification(false, 1, stored.qualifications().get("salesReady").since()),
                stored.qualifications().get("salesReady"), "qualified once, then decayed below 90");

        Scored rescored = new Rescorer(second("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: 50"))
                .rescore(stored, DANA, now, true).orElseThrow();

        assertEquals(List.of("dana/salesReady/2"), ids(rescored.crossings()));
        assertEquals(Crossing.Kind.QUALIFIED, rescored.crossings().get(0).kind());
        assertEquals(new Qualification(true, 2, now), rescored.lead().qualifications().get("salesReady"));
    }

    @Test
    void withoutAnnouncingTheStatesAreSetButNothingIsAnnounced() {
        Instant now = T0.plus(DAY.multipliedBy(60));
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);
        Rescorer rescorer = new Rescorer(second("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: 50"));

        Scored silent = rescorer.rescore(stored, DANA, now, false).orElseThrow();

        assertEquals(List.of(), silent.crossings());
        assertEquals(rescorer.rescore(stored, DANA, now, true).orElseThrow().lead(), silent.lead());
        assertEquals(new Qualification(true, 2, now), silent.lead().qualifications().get("salesReady"));
    }

    @Test
    void aLeadTheNewColdPeriodMakesColdIsAnnouncedGoingColdOnce() {
        Instant now = T0.plus(DAY.multipliedBy(20));
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);
        assertNull(stored.coldSince());

        Scored rescored = new Rescorer(second("cold:\n  after: 45d", "cold:\n  after: 10d"))
                .rescore(stored, DANA, now, true).orElseThrow();

        Instant coldSince = T0.plus(HOUR.multipliedBy(5)).plus(DAY.multipliedBy(10));
        assertEquals(coldSince, rescored.lead().coldSince());
        assertEquals(List.of("dana/cold/" + coldSince.getEpochSecond()), ids(rescored.crossings()));
        assertEquals(Crossing.Kind.WENT_COLD, rescored.crossings().get(0).kind());
        assertEquals(0, rescored.entry().change());
    }

    @Test
    void aNewDecayScheduleIsWrittenEvenWhenNoPointMovesSoThatTheSweepIndexIsRight() {
        Instant now = T0.plus(DAY.multipliedBy(5));
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);

        Scored rescored = new Rescorer(second("decay:\n  after: 30d", "decay:\n  after: 40d"))
                .rescore(stored, DANA, now, true).orElseThrow();

        assertEquals(stored.score(), rescored.lead().score());
        assertEquals(List.of(), rescored.entry().contributions());
        assertEquals(stored.nextDueAt().plus(DAY.multipliedBy(10)), rescored.lead().nextDueAt());
    }

    @Test
    void aRemovedRuleTakesItsPointsAndANewFitRuleReachesAProfileThatNeverChangesAgain() {
        Instant now = T0.plus(DAY);
        Lead stored = live(FIRST, "dana", DANA, List.of(), now);
        ScoringModel second = revision(2, defaultYaml()
                .replace("""
                          - id: case-study-page
                            description: Read a customer case study
                            event: page_view
                            when: { url: { regex: "/(customers|case-studies)/[^/]+" } }
                            points: 5
                            cap: { times: 3, per: week }
                            journey: consideration
                        """, "")
                .replace("fit:\n", """
                        fit:
                          - id: engineering
                            when: { jobTitle: { contains: engineering } }
                            points: 7
                        """));

        LedgerEntry entry = new Rescorer(second).rescore(stored, DANA, now, true).orElseThrow().entry();

        assertEquals(List.of("case-study-page: 5 -> 0 (-5)", "engineering: 0 -> 7 (7)"), entry.contributions().stream()
                .map(c -> c.rule() + ": " + c.note() + " (" + c.points() + ")").toList());
        assertEquals(2, entry.change());
    }

    private static List<String> ids(List<Crossing> crossings) {
        return crossings.stream().map(Crossing::qualificationId).toList();
    }

    @Test
    void aRecycledLeadKeepsItsEngagementResetUnderANewBehaviourRuleOnlyActivitiesAfterTheRecycleCount() {
        Instant now = T0.plus(DAY);
        Instant recycledAt = T0.plus(HOUR.multipliedBy(6));
        Activity after = pageView("dana", "/pricing", T0.plus(HOUR.multipliedBy(7)));
        List<Activity> history = new ArrayList<>(DANA);
        history.add(after);
        Lead recycled = verdict(live(FIRST, "dana", DANA, List.of(), now), FeedbackType.RECYCLED, recycledAt);
        Lead stored = Histories.stored(new LeadScorer(FIRST).apply(recycled, after, after.occurredAt()).lead()
                .withRevision(recycled.revision() + 1));
        assertEquals(30 + 15, stored.score(), "fit, and the one pricing view after the recycle");
        ScoringModel second = second("points: 15\n    group: platform", "points: 14\n    group: platform");

        Scored rescored = new Rescorer(second).rescore(stored, history, now, true).orElseThrow();

        assertEquals(30 + 14, rescored.lead().score());
        assertEquals(1, rescored.lead().breakdown().get("pricing-page").hits());
        assertNull(rescored.lead().breakdown().get("demo-request"), "reset by the recycle");
        assertEquals(List.of(new Contribution("pricing-page", io.leadscore.lead.ScoreKind.ENGAGEMENT, "platform", -1,
                "15 -> 14")), rescored.entry().contributions());
        assertEquals(Stage.RECYCLED, rescored.lead().stage());
        assertEquals(stored.stageHistory(), rescored.lead().stageHistory());
    }

    @Test
    void aLostLeadRescoredUnderAHarsherLostRuleEndsTheDifferenceLowerWithOneModelChangeEntry() {
        Instant now = T0.plus(DAY);
        Lead stored = verdict(live(FIRST, "dana", DANA, List.of(), now), FeedbackType.LOST,
                T0.plus(HOUR.multipliedBy(6)));
        assertEquals(100 - 30, stored.score());

        Scored rescored = new Rescorer(second("lost: -30", "lost: -50")).rescore(stored, DANA, now, true)
                .orElseThrow();

        assertEquals(100 - 50, rescored.lead().score());
        assertEquals(LedgerEntry.MODEL_CHANGE, rescored.entry().reason());
        assertEquals(-20, rescored.entry().change());
        assertEquals(List.of(new Contribution("feedback:lost", io.leadscore.lead.ScoreKind.ENGAGEMENT, null, -20,
                "-30 -> -50")), rescored.entry().contributions());
        assertEquals(Stage.LOST, rescored.lead().stage());
        assertEquals(stored.stageHistory(), rescored.lead().stageHistory());
    }

    @Test
    void aLeadWithVerdictsReplaysToItselfAndRescoringTwiceWritesNothingTheSecondTime() {
        Instant now = T0.plus(DAY);
        Activity after = pageView("dana", "/customers/globex", T0.plus(HOUR.multipliedBy(7)));
        List<Activity> history = new ArrayList<>(DANA);
        history.add(after);
        Lead recycled = verdict(live(FIRST, "dana", DANA, List.of(), now), FeedbackType.RECYCLED,
                T0.plus(HOUR.multipliedBy(6)));
        Lead stored = verdict(Histories.stored(new LeadScorer(FIRST).apply(recycled, after, after.occurredAt()).lead()
                .withRevision(recycled.revision() + 1)), FeedbackType.LOST, T0.plus(HOUR.multipliedBy(8)));

        assertEquals(Optional.empty(), new Rescorer(FIRST).rescore(stored, history, now, true),
                "the revision it was scored under: nothing to write");
        ScoringModel second = second("lost: -30", "lost: -50");
        Lead rescored = new Rescorer(second).rescore(stored, history, now, true).orElseThrow().lead();
        assertEquals(Optional.empty(), new Rescorer(second).rescore(rescored, history, now, true), "re-scoring twice");
    }

    /** The lead after a CRM verdict applied live, as stored. */
    private static Lead verdict(Lead lead, FeedbackType type, Instant at) {
        Feedback feedback = new Feedback(lead.id(), "crm-" + type.label(), type, "why", "sam", at);
        return Histories.stored(new LeadScorer(FIRST).feedback(lead, feedback, at).lead()
                .withRevision(lead.revision() + 1));
    }
}
