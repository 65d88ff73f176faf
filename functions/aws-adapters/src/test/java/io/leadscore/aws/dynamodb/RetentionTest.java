package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.AppliedHistory;
import io.leadscore.scoring.RescoreRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Retention on DynamoDB Local: activities and ledger entries carry the table's TTL attribute, their time plus the
 * retention, and nothing else of a lead's does; once the oldest have expired (deleted here as TTL would), a re-score
 * keeps the lead as stored instead of replaying what remains.
 */
class RetentionTest {
    private static final Retention RETENTION = Retention.ofDays(365);
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    /** A year and five days after T0: what happened on T0 has expired, what happened 300 days later has not. */
    private static final Instant NOW = T0.plus(Duration.ofDays(370));
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    private String table;
    private ModelStore models;
    private LeadStore leads;
    private ActivityStore activities;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), T0);
        leads = new LeadStore(dynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC), RETENTION);
        activities = new ActivityStore(dynamoDb.client(), table, RETENTION);
    }

    @Test
    void activitiesAndLedgerEntriesExpireTheRetentionAfterTheyHappenedAndNothingElseDoes() {
        live("dana", List.of(view("dana", "a", 0), identify("dana", "b", 300)));

        Map<String, String> expiry = new TreeMap<>();
        Map<String, String> counters = new TreeMap<>();
        dynamoDb.client().scanPaginator(request -> request.tableName(table)).items().forEach(item -> {
            String pk = item.get("pk").s();
            String expires = item.containsKey("expiresAt") ? item.get("expiresAt").n() : "never";
            if (pk.startsWith(CountStore.PREFIX)) { // its shard is picked at random: named here as <shard>
                counters.put(pk + " " + item.get("sk").s().replaceFirst("[0-9]+$", "<shard>"), expires);
            } else {
                expiry.put(pk + " " + item.get("sk").s(), expires);
            }
        });
        String first = Long.toString(T0.plus(Duration.ofDays(365)).getEpochSecond());
        String second = Long.toString(T0.plus(Duration.ofDays(300 + 365)).getEpochSecond());
        assertEquals(Map.of(
                "LEAD#dana ACT#a", first,
                "LEAD#dana ACT#b", second,
                "LEAD#dana LEDGER#2026-01-05T09:00:00.000Z#a", first,
                "LEAD#dana LEDGER#2026-11-01T09:00:00.000Z#b", second,
                "LEAD#dana LEAD", "never",
                "ACCOUNT#acme.example ACCOUNT", "never",
                "ACCOUNT#acme.example MEMBER#dana", "never", // a member's share lives as long as its lead
                "MODEL#default MODEL", "never",
                "MODEL#default REV#000001", "never"), expiry);
        assertEquals(Map.of("COUNT#stages #<shard>", "never", "COUNT#account-stages #<shard>", "never",
                "COUNT#conversions#2026-01 01##<shard>", "never"), counters, "the report counters are kept");
    }

    @Test
    void aReScoreKeepsALeadWhoseEarlyHistoryHasExpiredAndReplaysOneWhoseHistoryIsWhole() {
        live("dana", List.of(view("dana", "dana-1", 0), view("dana", "dana-2", 300)));
        live("eve", List.of(view("eve", "eve-1", 300)));
        Lead dana = leads.lead("dana").orElseThrow();
        Lead eve = leads.lead("eve").orElseThrow();

        assertEquals(2, dynamoDb.expire(NOW), "Dana's first view and its ledger entry");

        AppliedHistory.History history = new AppliedHistory(leads).of(dana);
        assertFalse(history.complete());
        assertEquals(List.of("dana-2"), history.activities().stream().map(Activity::eventId).toList());
        RescoreRun rescore = new RescoreRun(leads, pricingAt40(), Clock.fixed(NOW, ZoneOffset.UTC), false);
        assertEquals(RescoreRun.Outcome.HISTORY_EXPIRED, rescore.rescore("dana"));
        assertEquals(RescoreRun.Outcome.CHANGED, rescore.rescore("eve"));
        assertEquals(dana, leads.lead("dana").orElseThrow(), "kept as stored: both views' 30 points");
        assertEquals(30, leads.lead("dana").orElseThrow().engagement());
        assertEquals(eve.engagement() + 25, leads.lead("eve").orElseThrow().engagement(), "its view at 40");
    }

    /**
     * Its first view expired, and a view recorded but not applied yet makes up the count: the history is read from the
     * ledger, which tells the view that remains from the one still to come.
     */
    @Test
    void anActivityNotAppliedYetDoesNotMakeUpForAnExpiredOne() {
        live("dana", List.of(view("dana", "dana-1", 0), view("dana", "dana-2", 300)));
        dynamoDb.expire(NOW);
        activities.record(view("dana", "dana-3", 369));
        Lead dana = leads.lead("dana").orElseThrow();

        AppliedHistory.History history = new AppliedHistory(leads).of(dana);

        assertFalse(history.complete());
        assertEquals(List.of("dana-2"), history.activities().stream().map(Activity::eventId).toList());
    }

    /** Records the activities and scores them under the published revision, as ingest and the score function do. */
    private void live(String leadId, List<Activity> history) {
        history.forEach(activities::record);
        Scoring.score(leads, leadId, history, new LeadScorer(models.revision("default", 1).orElseThrow().model()));
    }

    private static ScoringModel pricingAt40() {
        return ModelRevision.draft("default", 2, ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n"),
                "test", T0, null, null).model();
    }

    private static Activity view(String lead, String id, int day) {
        Instant at = T0.plus(Duration.ofDays(day));
        return new Activity(id, "page_view", lead, at, Map.of("url", "https://acme.example/pricing"), "site", at);
    }

    private static Activity identify(String lead, String id, int day) {
        Instant at = T0.plus(Duration.ofDays(day));
        return new Activity(id, "identify", lead, at, Map.of("email", lead + "@acme.example"), "site", at);
    }
}
