package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A visitor's history merged into the lead it turns out to be: every behaviour point once, caps across both. */
class LeadMergeTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final LeadScorer SCORER = new LeadScorer(MODEL);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void theLeadTakesTheVisitorsBehaviourRuleByRuleAndTheLedgerSaysSo() {
        Lead visitor = Lead.newLead("anon:v1");
        visitor = SCORER.apply(visitor, event("anon:v1", "a", "page_view", Map.of("url", "https://x.example/pricing"), 0),
                T0).lead();
        visitor = SCORER.apply(visitor, event("anon:v1", "b", "form_submit", Map.of("formId", "whitepaper-roi"), 1),
                T0).lead();
        Lead lead = SCORER.apply(Lead.newLead("dana"), event("dana", "c", "page_view",
                Map.of("url", "https://x.example/pricing/teams"), 2), T0).lead();

        Scored merged = SCORER.merge(lead, visitor, T0.plusSeconds(180), T0);

        assertEquals(15 + 10 + 15, merged.lead().score());
        assertEquals(2, merged.lead().breakdown().get("pricing-page").hits());
        assertEquals(T0, merged.lead().firstSeenAt());
        LedgerEntry entry = merged.entry();
        assertEquals(LedgerEntry.MERGE, entry.reason());
        assertEquals("merge-anon:v1", entry.eventId());
        assertEquals(25, entry.change());
        assertTrue(entry.contributions().stream().allMatch(c -> c.note().equals("merged from anon:v1")));
    }

    @Test
    void aCapCountsTheVisitorsHitsAndTheLeadsTogether() {
        Lead visitor = Lead.newLead("anon:v2");
        for (int i = 0; i < 3; i++) { // the pricing page earns at most three times a day
            visitor = SCORER.apply(visitor, event("anon:v2", "p" + i, "page_view",
                    Map.of("url", "https://x.example/pricing"), i), T0).lead();
        }
        Lead lead = SCORER.merge(Lead.newLead("eve"), visitor, T0.plusSeconds(600), T0).lead();

        Scored fourth = SCORER.apply(lead, event("eve", "p4", "page_view", Map.of("url", "https://x.example/pricing"),
                11), T0);
        assertEquals(0, fourth.entry().change(), "the visitor's three views count against the lead's cap");
    }

    @Test
    void fitIsRecomputedFromTheMergedProfileNeverSummed() {
        Map<String, Object> vp = Map.of("jobTitle", "VP Sales", "industry", "software", "companySize",
                new java.math.BigDecimal(250), "country", "US");
        Lead visitor = SCORER.apply(Lead.newLead("anon:v3"), event("anon:v3", "i", "identify", vp, 0), T0).lead();
        Lead lead = SCORER.apply(Lead.newLead("fay"), event("fay", "j", "identify", vp, 1), T0).lead();

        Lead merged = SCORER.merge(lead, visitor, T0.plus(Duration.ofMinutes(2)), T0).lead();

        assertEquals(lead.fit(), merged.fit());
        assertEquals(lead.score(), merged.score());
        assertNull(merged.mergedInto());
        Lead retired = visitor.retiredInto("fay");
        assertEquals("fay", retired.mergedInto());
        assertNull(retired.nextDueAt(), "a retired visitor is never swept");
        assertNull(retired.accountId(), "nor counted in an account");
    }

    @Test
    void aVisitorWhoNeverEarnedAPointMergesIntoALeadWhoDid() {
        Lead visitor = SCORER.apply(Lead.newLead("anon:v4"), event("anon:v4", "blog", "page_view",
                Map.of("url", "https://x.example/blog/post"), 0), T0).lead();
        Lead lead = SCORER.apply(Lead.newLead("gil"), event("gil", "pricing", "page_view",
                Map.of("url", "https://x.example/pricing"), 1), T0).lead();

        Lead merged = SCORER.merge(lead, visitor, T0.plus(Duration.ofMinutes(2)), T0).lead();

        assertEquals(lead.score(), merged.score());
        assertEquals(lead.lastScoreIncreaseAt(), merged.lastScoreIncreaseAt());
        assertEquals(T0, merged.firstSeenAt());
    }

    @Test
    void theLeadCountsTheVisitorsActivitiesAsAppliedAndListsTheVisitor() {
        Lead visitor = Lead.newLead("anon:v5");
        for (int i = 0; i < 2; i++) {
            visitor = SCORER.apply(visitor, event("anon:v5", "v" + i, "page_view",
                    Map.of("url", "https://x.example/blog/" + i), i), T0).lead();
        }
        Lead lead = SCORER.apply(Lead.newLead("hal"), event("hal", "h", "page_view",
                Map.of("url", "https://x.example/pricing"), 3), T0).lead();

        Lead merged = SCORER.merge(lead, visitor, T0.plus(Duration.ofMinutes(4)), T0).lead();

        assertEquals(3, merged.appliedActivities(), "its own one and the visitor's two: all it was scored from");
        assertEquals(java.util.List.of("anon:v5"), merged.mergedVisitors());
        assertEquals(2, visitor.appliedActivities());
        assertEquals(java.util.List.of(), visitor.mergedVisitors());
    }

    @Test
    void theFiftyFirstVisitorStillMergesItsPointsButIsNotListed() {
        Lead lead = Lead.newLead("ida");
        for (int v = 0; v <= Lead.MAX_MERGED_VISITORS; v++) {
            String visitorId = "anon:w" + v;
            Lead visitor = SCORER.apply(Lead.newLead(visitorId), event(visitorId, "e" + v, "form_submit",
                    Map.of("formId", "whitepaper-" + v), v), T0).lead();
            lead = SCORER.merge(lead, visitor, T0.plus(Duration.ofMinutes(v + 1)), T0).lead();
        }

        assertEquals(Lead.MAX_MERGED_VISITORS, lead.mergedVisitors().size());
        assertEquals("anon:w0", lead.mergedVisitors().get(0));
        assertEquals(Lead.MAX_MERGED_VISITORS + 1, lead.appliedActivities());
        assertEquals(10 * (Lead.MAX_MERGED_VISITORS + 1), lead.breakdown().get("whitepaper-download").points(),
                "every visitor's points, listed or not");
    }

    private static Activity event(String lead, String id, String type, Map<String, Object> properties, int minute) {
        Instant at = T0.plus(Duration.ofMinutes(minute));
        return new Activity(id, type, lead, at, properties, "site", at);
    }
}
