package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.PatternHistory;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Count and sequence rules through the score function's path on DynamoDB Local: stream batches that deliver a lead's
 * events out of time order end with the score of a replay in time order, a redelivered batch adds nothing, and the
 * history the lead keeps for its pattern rules stays small.
 */
class PatternRulesStoredTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static final ScoringModel MODEL = ModelLoader.load("../../events/admin/pattern-rules-model.yaml");

    @Test
    void batchesOutOfTimeOrderEndWithTheReplaysScoreAndARedeliveryAddsNothing() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        String lead = "lena@acme.example";
        List<Activity> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = T0.plus(Duration.ofHours(31L * i));
            history.add(i % 6 == 0
                    ? new Activity("evt-" + i, "form_submit", lead, at, Map.of("formId", "case-study-" + i), "www", at)
                    : new Activity("evt-" + i, "page_view", lead, at, Map.of("url", "https://acme.example/pricing"),
                    "www", at));
        }
        // Batches of five, each in reverse: every batch delivers newer events before older ones.
        List<List<Activity>> batches = new ArrayList<>();
        for (int i = 0; i < history.size(); i += 5) {
            List<Activity> batch = new ArrayList<>(history.subList(i, i + 5));
            java.util.Collections.reverse(batch);
            batches.add(batch);
        }
        LeadScorer scorer = new LeadScorer(MODEL);
        for (List<Activity> batch : batches) {
            score(leads, lead, batch, scorer);
        }
        Lead stored = leads.lead(lead).orElseThrow();
        score(leads, lead, batches.get(3), scorer);

        Lead replayed = new Rescorer(MODEL).replay(lead, history, List.of(), T0.plus(Duration.ofDays(400)));
        assertEquals(points(replayed), points(stored));
        // 51 days of pricing views: two binges 30 days apart; four of the seven downloads followed within 14 days.
        assertEquals(30, stored.breakdown().get("pricing-binge").points());
        assertEquals(40, stored.breakdown().get("case-study-then-pricing").points());
        assertEquals(stored, leads.lead(lead).orElseThrow(), "the redelivered batch changed nothing");
        for (PatternHistory pattern : stored.patterns().values()) {
            assertTrue(pattern.events().size() <= PatternHistory.MAX_REMEMBERED);
        }
    }

    private static Map<String, Integer> points(Lead lead) {
        Map<String, Integer> points = new TreeMap<>();
        lead.breakdown().forEach((rule, tally) -> points.put(rule, tally.points()));
        return points;
    }
}
