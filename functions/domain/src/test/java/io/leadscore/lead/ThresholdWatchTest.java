package io.leadscore.lead;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Crossing.Kind.DISQUALIFIED;
import static io.leadscore.lead.Crossing.Kind.QUALIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThresholdWatchTest {
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: thresholds
            version: 2
            eventTypes: { page_view: {}, form_submit: {}, unsubscribe: {} }
            thresholds:
              salesReady: { points: 50, rearmBelow: 40 }
              hot: 80
            groups:
              platform: { name: Platform, thresholds: { salesReady: 30 } }
            rules:
              - { id: visit, description: Visited, event: page_view, points: 10 }
              - { id: demo, description: Asked for a demo, event: form_submit, points: 20, group: platform }
              - { id: unsubscribe, event: unsubscribe, points: -5 }
            """, "test");

    private final LeadJourney journey = new LeadJourney(MODEL);
    private int minute;

    @Test
    void reachingAThresholdFromBelowQualifiesOnceWithTheReasons() {
        visits(4);
        assertEquals(List.of(), journey.crossings());

        then("page_view");

        Crossing crossing = single(journey.crossings());
        assertEquals(QUALIFIED, crossing.kind());
        assertEquals("lead-1/salesReady/1", crossing.qualificationId());
        assertEquals(50, crossing.score());
        assertNull(crossing.group());
        assertEquals("thresholds@2", crossing.model());
        assertEquals(List.of(new Crossing.RulePoints("visit", "Visited", 50)), crossing.topRules());
        assertEquals(crossing.eventId(), journey.ledger().get(4).eventId(), "names the event that crossed it");
    }

    @Test
    void aQualificationCarriesTheLeadsFitGradeWhenItCrossed() {
        ScoringModel graded = ModelLoader.parse("""
                model: graded
                version: 1
                eventTypes: { page_view: {}, identify: {} }
                profileFields: { jobTitle: string }
                thresholds: { salesReady: 50 }
                rules:
                  - { id: visit, event: page_view, points: 10 }
                fit:
                  - { id: senior, when: { jobTitle: { regex: "(?i)vp" } }, points: 30 }
                grades: { A: 30, B: 20 }
                """, "test");
        LeadJourney vp = new LeadJourney(graded);
        LeadJourney intern = new LeadJourney(graded);
        vp.then(activity("identify", T0, Map.of("jobTitle", "VP Sales")));
        intern.then(activity("identify", T0, Map.of("jobTitle", "Intern")));
        for (int i = 1; i <= 5; i++) {
            vp.then(activity("page_view", T0.plusSeconds(60L * i), Map.of()));
            intern.then(activity("page_view", T0.plusSeconds(60L * i), Map.of()));
        }

        assertEquals("A", single(vp.crossings()).grade(), "fit 30");
        assertEquals("F", single(intern.crossings()).grade(), "fit 0: below the lowest grade");
        visits(5);
        assertNull(single(journey.crossings()).grade(), "a model without grades grades no lead");
    }

    @Test
    void stayingAboveNeverFiresAgain() {
        visits(5);
        visits(2);
        assertEquals(1, journey.crossings().size());
        assertEquals(true, journey.lead().qualifications().get("salesReady").qualified());
    }

    @Test
    void hoveringAboveTheRearmLineDoesNotRequalify() {
        visits(5);
        then("unsubscribe"); // 45: below 50 but not below 40
        then("page_view");   // 55
        assertEquals(1, journey.crossings().size());
    }

    @Test
    void fallingBelowTheRearmLineDisqualifiesAndTheNextCrossingIsANewCycle() {
        visits(5);
        then("unsubscribe");
        then("unsubscribe");
        then("unsubscribe"); // 35 < 40
        visits(2);           // 55

        List<Crossing> crossings = journey.crossings();
        assertEquals(List.of(QUALIFIED, DISQUALIFIED, QUALIFIED), crossings.stream().map(Crossing::kind).toList());
        assertEquals("lead-1/salesReady/1", crossings.get(1).qualificationId(), "disqualifies that cycle");
        assertEquals("lead-1/salesReady/2", crossings.get(2).qualificationId());
        assertEquals("LeadDisqualified", crossings.get(1).kind().detailType());
    }

    @Test
    void groupsAndSecondLevelsHaveTheirOwnCrossings() {
        then("form_submit");
        then("form_submit"); // platform 40 >= 30
        visits(4);           // total 80: salesReady at 50, hot at 80

        List<String> ids = journey.crossings().stream().map(Crossing::qualificationId).toList();
        assertEquals(List.of("lead-1/platform:salesReady/1", "lead-1/salesReady/1", "lead-1/hot/1"), ids);
        Crossing platform = journey.crossings().get(0);
        assertEquals("platform", platform.group());
        assertEquals("Platform", platform.groupName());
        assertEquals(List.of(new Crossing.RulePoints("demo", "Asked for a demo", 40)), platform.topRules(),
                "a group's reasons are its own rules");
    }

    @Test
    void aRedeliveredLeadStateAnnouncesNothingNew() {
        visits(5);
        Lead qualified = journey.lead();

        Scored again = new LeadScorer(MODEL).apply(qualified, activity("page_view", T0.plusSeconds(3600), Map.of()),
                T0.plusSeconds(3600));

        assertEquals(List.of(), again.crossings());
    }

    private void visits(int count) {
        for (int i = 0; i < count; i++) {
            then("page_view");
        }
    }

    private void then(String type) {
        Instant at = T0.plusSeconds(60L * minute++);
        journey.then(activity(type, at, type.equals("form_submit") ? Map.of("formId", "demo") : Map.of()));
    }

    private static Crossing single(List<Crossing> crossings) {
        assertEquals(1, crossings.size(), crossings.toString());
        return crossings.get(0);
    }
}
