package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Identity stitching on DynamoDB Local: a visitor's history goes into the lead it turns out to be exactly once,
 * in the write of the event that says so, and the visitor's later events follow it there.
 */
class IdentityStitchingTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final LeadScorer SCORER = new LeadScorer(ModelLoader.defaultModel());
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    private LeadStore leads;

    @BeforeEach
    void aVisitorWhoReadThePricingPageTwice() {
        dynamoDb.freshTables();
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
        score(leads, "anon:v1", List.of(view("anon:v1", "a", "/pricing", 0), view("anon:v1", "b", "/pricing/teams", 1)),
                SCORER);
    }

    @Test
    void identifyingMergesTheVisitorOnceAndRetiresIt() {
        Activity identify = identify("dana@acme.example", "c", "v1", 2);
        score(leads, "dana@acme.example", List.of(identify), SCORER);
        score(leads, "dana@acme.example", List.of(identify), SCORER); // redelivered

        Lead dana = leads.lead("dana@acme.example").orElseThrow();
        assertEquals(30, dana.engagement(), "the visitor's two pricing views, once");
        assertEquals(2, dana.breakdown().get("pricing-page").hits());
        List<String> reasons = leads.recentLedger("dana@acme.example", 10).stream().map(LedgerEntry::reason).toList();
        assertEquals(List.of("event", "merge"), reasons, "newest first: the merge, then the identify");
        Lead visitor = leads.lead("anon:v1").orElseThrow();
        assertEquals("dana@acme.example", visitor.mergedInto());
        assertNull(visitor.nextDueAt());
        AccountStore accounts = new AccountStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        assertEquals(dana.score(), accounts.share("acme.example", "dana@acme.example").orElseThrow().score(),
                "the account counts them once");
        assertEquals(dana.score(), accounts.find("acme.example").orElseThrow().tally().score());
    }

    @Test
    void aSecondLeadNamingTheSameVisitorTakesNothing() {
        score(leads, "dana@acme.example", List.of(identify("dana@acme.example", "c", "v1", 2)), SCORER);
        score(leads, "eve@acme.example", List.of(identify("eve@acme.example", "d", "v1", 3)), SCORER);

        assertEquals(30, leads.lead("dana@acme.example").orElseThrow().engagement());
        assertEquals(0, leads.lead("eve@acme.example").orElseThrow().engagement());
    }

    @Test
    void theVisitorsLateEventsGoToTheLead() {
        score(leads, "dana@acme.example", List.of(identify("dana@acme.example", "c", "v1", 2)), SCORER);
        Map<String, List<Activity>> late = new LinkedHashMap<>();
        late.put("anon:v1", List.of(view("anon:v1", "e", "/demo", 5))); // sent before the browser knew her

        score(leads, late, SCORER);

        assertEquals(40, leads.lead("dana@acme.example").orElseThrow().engagement());
        assertEquals(30, leads.lead("anon:v1").orElseThrow().engagement(), "kept for audit, not scored again");
    }

    private static Activity view(String lead, String id, String path, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(id, "page_view", lead, at, Map.of("url", "https://acme.example" + path), "site", at);
    }

    private static Activity identify(String lead, String id, String visitor, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(id, "identify", lead, at, Map.of("email", lead, Activity.VISITOR_PROPERTY, visitor),
                "site", at);
    }
}
