package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Activities.identify;
import static io.leadscore.lead.Activities.pageView;
import static io.leadscore.lead.ScoreKind.FIT;
import static java.time.Duration.ofHours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, competitor signals: a lead whose company changes to a listed competitor loses all its fit in the entry of
 * the change, which says why; its behaviour still counts but is never announced; leaving the competitor restores fit.
 */
class CompetitorSignalTest {
    private static final Map<String, Object> ACME_VP = Map.of("company", "Acme", "jobTitle", "VP Sales",
            "country", "US", "email", "dana@acme.example");

    private final LeadJourney journey = new LeadJourney(Signals.MODEL);

    @Test
    void aLeadWhoseCompanyBecomesACompetitorLosesAllItsFitAtOnceAndTheLedgerSaysWhy() {
        journey.then(identify(ACME_VP, T0));
        assertEquals(34, journey.lead().fit());

        LedgerEntry moved = journey.then(activity("profile_update", T0.plus(ofHours(1)), Map.of("company", "Globex")));

        String why = "works at a listed competitor (company: Globex)";
        assertEquals(List.of(new Contribution("target-role", FIT, null, -15, why),
                new Contribution("served-country", FIT, null, -10, why),
                new Contribution("named-company", FIT, null, -5, why),
                new Contribution("senior-in-served-country", FIT, null, -4, why)), moved.contributions());
        assertEquals(-34, moved.change());
        assertEquals(0, journey.lead().fit());
        assertEquals(Map.of(), journey.lead().breakdown());
    }

    @Test
    void aCompetitorsBehaviourCountsButItIsNeverAnnouncedAndLeavingRestoresFitAndQualifies() {
        journey.then(identify(Map.of("company", "Initech", "jobTitle", "Director", "country", "DE"), T0));
        assertEquals(0, journey.lead().fit(), "no fit rule scores a competitor");
        for (int i = 1; i <= 3; i++) {
            journey.then(pageView("/pricing", T0.plus(ofHours(i))));
        }

        assertEquals(60, journey.lead().score(), "above salesReady (50) on behaviour alone");
        assertEquals(Map.of("platform", 60), journey.lead().groups(), "and above the group's (30)");
        assertEquals(List.of(), journey.crossings(), "a competitor is not handed to sales");
        assertEquals(Stage.LEAD, journey.lead().stage());

        LedgerEntry left = journey.then(activity("profile_update", T0.plus(ofHours(4)), Map.of("company", "Hooli")));

        String why = "no longer at a listed competitor: company changed from 'Initech' to 'Hooli'";
        assertEquals(List.of(new Contribution("target-role", FIT, null, 15, why),
                new Contribution("served-country", FIT, null, 10, why),
                new Contribution("named-company", FIT, null, 5, why)), left.contributions());
        assertEquals(90, journey.lead().score());
        assertEquals(List.of("lead-1/salesReady/1", "lead-1/platform:salesReady/1"), journey.crossings().stream()
                .map(Crossing::qualificationId).toList(), "the total's threshold and the group's, now");
        assertEquals(Stage.MQL, journey.lead().stage());
    }

    @Test
    void aQualifiedLeadThatMovesToACompetitorByEmailIsDisqualified() {
        journey.then(identify(ACME_VP, T0));
        journey.then(pageView("/pricing", T0.plus(ofHours(1))));
        journey.then(pageView("/pricing", T0.plus(ofHours(2))));
        assertEquals(List.of("QUALIFIED salesReady", "QUALIFIED platform:salesReady"), crossings());

        LedgerEntry moved = journey.then(activity("profile_update", T0.plus(ofHours(3)),
                Map.of("email", "dana@initech.com")));

        assertEquals("works at a listed competitor (email: dana@initech.com)", moved.contributions().get(0).note());
        assertEquals(40, journey.lead().score(), "behaviour stays, not below either re-arm line (40, 30): the"
                + " competitor is what takes the qualifications back");
        assertEquals(List.of("QUALIFIED salesReady", "QUALIFIED platform:salesReady", "DISQUALIFIED salesReady",
                "DISQUALIFIED platform:salesReady"), crossings());
        assertFalse(journey.lead().qualifications().get("salesReady").qualified());
    }

    @Test
    void aCompetitorsNewProfileFieldsEarnNoFitEither() {
        journey.then(identify(Map.of("company", "Globex"), T0));

        LedgerEntry entry = journey.then(activity("profile_update", T0.plus(ofHours(1)),
                Map.of("jobTitle", "VP Sales", "country", "US")));

        assertEquals(List.of(), entry.contributions());
        assertEquals(0, journey.lead().fit());
    }

    /**
     * The stream may deliver behaviour before or after the profile change (the profile itself is the latest delivered):
     * wherever it falls, the lead ends at the same score, with no fit and nothing qualified, and a replay from scratch
     * (a re-score) finds nothing to change.
     */
    @Test
    void whereverTheBehaviourFallsAroundTheMoveTheLeadEndsTheSame() {
        Activity identify = identify(ACME_VP, T0);
        Activity first = pageView("/pricing", T0.plus(ofHours(1)));
        Activity second = pageView("/pricing", T0.plus(ofHours(2)));
        Activity join = activity("profile_update", T0.plus(ofHours(3)), Map.of("company", "Globex"));

        for (List<Activity> delivered : List.of(List.of(identify, first, second, join),
                List.of(identify, join, second, first), List.of(second, identify, join, first),
                List.of(first, second, identify, join))) {
            LeadJourney live = LeadJourney.through(Signals.MODEL, delivered);
            Lead lead = live.lead();

            assertEquals(List.of(40, 0), List.of(lead.score(), lead.fit()), delivered.toString());
            assertTrue(lead.qualifications().values().stream().noneMatch(Qualification::qualified),
                    delivered.toString());
            Scored replayed = new LeadScorer(Signals.MODEL).remodel(lead, LeadJourney.through(Signals.MODEL,
                    delivered).lead(), T0.plus(ofHours(4)));
            assertEquals(40, replayed.lead().score());
            assertEquals(List.of(), replayed.entry().contributions());
            assertEquals(List.of(), replayed.crossings());
        }
    }

    private List<String> crossings() {
        return journey.crossings().stream().map(c -> c.kind() + " " + (c.group() == null ? "" : c.group() + ":")
                + c.threshold().name()).toList();
    }
}
