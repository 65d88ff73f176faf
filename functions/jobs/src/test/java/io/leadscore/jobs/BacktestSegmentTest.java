package io.leadscore.jobs;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.BacktestReport;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A backtest's page on DynamoDB Local, over leads some of whose history has expired. */
class BacktestSegmentTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    /** A year and five days on: with a year's retention, what happened on T0 has expired. */
    private static final Instant NOW = T0.plus(Duration.ofDays(370));

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    /**
     * Dana viewed the pricing page twice, a year apart; the first view has expired. Both revisions replay the view that
     * remains: the two sides compare (15 points, or 40), and neither counts the expired view, which the stored lead
     * still does.
     */
    @Test
    void aLeadWhoseEarlyHistoryHasExpiredIsReplayedFromWhatRemainsUnderBothRevisions() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        Retention aYear = Retention.ofDays(365);
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC), aYear);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, aYear);
        List<Activity> views = List.of(view("dana-1", T0), view("dana-2", T0.plus(Duration.ofDays(300))));
        views.forEach(activities::record);
        new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC())
                .apply(new ScoringRun.Group(Map.of("dana", views), null));
        dynamoDb.expire(NOW);

        BacktestReport report = new BacktestReport(ModelLoader.defaultModel(), ModelRevision.draft("default", 2,
                ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n"), "test", T0, null, null)
                .model(), null, null, 10);
        new BacktestSegment(leads, report, NOW, new Parallel(2, "test-backtest")).page(List.of("dana"));

        BacktestReport.RuleFigures pricing = report.summary().rules().stream()
                .filter(rule -> rule.rule().equals("pricing-page")).findFirst().orElseThrow();
        assertEquals(new BacktestReport.Figures(1, 15), pricing.baseline());
        assertEquals(new BacktestReport.Figures(1, 40), pricing.candidate());
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(2, dana.breakdown().get("pricing-page").hits(), "the stored lead is left as it is");
        assertEquals(30, dana.engagement());
    }

    private static Activity view(String id, Instant at) {
        return new Activity(id, "page_view", "dana", at, Map.of("url", "https://acme.example/pricing"), "site", at);
    }
}
