package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A market's qualification on DynamoDB Local: scored as the score function scores, the lead reaches its market's
 * threshold, and the outbox holds a LeadQualified naming the market, in the scoring transaction.
 */
class MarketQualificationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static final LeadScorer SCORER = new LeadScorer(ModelLoader.parse("""
            model: markets
            eventTypes: { page_view: {}, identify: {} }
            profileFields: { email: email, country: string }
            thresholds: { salesReady: 100 }
            rules:
              - { id: visit, event: page_view, points: 10 }
            markets:
              emea: { when: { country: { in: [DE, FR, GB] } }, thresholds: { salesReady: 80 }, multiplier: 1.25 }
            """, "test"));

    private LeadStore leads;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        outbox = new Outbox(dynamoDb.client(), table);
    }

    @Test
    void anEmeaLeadQualifiesAtEmeasThresholdAndTheStoredQualificationNamesTheMarket() {
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        batch.put("jonas", visits("jonas", "DE", 7)); // 7 x 13 = 91: above emea's 80
        batch.put("dana", visits("dana", "US", 9)); // 90: below the model's 100
        score(leads, batch, SCORER);

        assertEquals(91, leads.leads(batch.keySet()).get("jonas").score());
        assertEquals(90, leads.leads(batch.keySet()).get("dana").score());
        List<Outbox.Record> jonas = outbox.forLead("jonas");
        assertEquals(List.of("jonas/salesReady/1"), jonas.stream().map(Outbox.Record::qualificationId).toList());
        LeadQualified qualified = (LeadQualified) jonas.get(0).announcement();
        assertEquals("emea", qualified.market());
        assertEquals(80, qualified.threshold().points());
        assertEquals(List.of(), outbox.forLead("dana"));
    }

    @Test
    void aLeadInNoMarketQualifiesAtTheModelsThresholdAndItsQualificationNamesNone() {
        score(leads, Map.of("dana", visits("dana", "US", 10)), SCORER);

        LeadQualified qualified = (LeadQualified) outbox.forLead("dana").get(0).announcement();
        assertEquals(100, qualified.threshold().points());
        assertNull(qualified.market());
    }

    private static List<Activity> visits(String lead, String country, int count) {
        List<Activity> activities = new ArrayList<>();
        activities.add(new Activity("e-" + lead + "-id", "identify", lead, T0,
                Map.of("email", lead + "@example.com", "country", country), "site", T0));
        for (int i = 1; i <= count; i++) {
            Instant at = T0.plusSeconds(60L * i);
            activities.add(new Activity("e-" + lead + "-" + i, "page_view", lead, at, Map.of("url", "/p" + i), "site",
                    at));
        }
        return activities;
    }
}
