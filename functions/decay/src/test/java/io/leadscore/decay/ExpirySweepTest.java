package io.leadscore.decay;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.ScoreKind;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expiring points taken by the scheduled sweep on DynamoDB Local, through the same sparse due index as decay: a model
 * with no decay and no cold period, whose leads are due only because points expire, and only those are read.
 */
class ExpirySweepTest {
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: expiring
            eventTypes: { webinar: {} }
            thresholds: { salesReady: 100 }
            decay: none
            cold: none
            rules: [ { id: webinar, event: webinar, points: 20, expires: 90d } ]
            """, "test");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final int LEADS = 1_000;
    private static final int DUE = 40;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void takesTheExpiriesDueThroughTheIndexAndReadsNothingElse() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        LeadScorer scorer = new LeadScorer(MODEL);
        List<Lead> all = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            // Forty went to a webinar 91 days ago, the rest 30 days ago.
            Instant at = NOW.minus(Duration.ofDays(i < DUE ? 91 : 30));
            Activity webinar = new Activity("w-" + i, "webinar", "lead-" + i, at, Map.of(), "site", at);
            all.add(scorer.apply(Lead.newLead("lead-" + i), webinar, at).lead());
        }
        leads.importLeads(all);

        DecaySweep.Summary summary = new DecaySweep(new DueIndex(dynamoDb.client(), table),
                () -> new ScoringRun(leads, MODEL, Clock.systemUTC())).run(NOW, () -> true);

        assertTrue(summary.complete());
        assertEquals(DUE, summary.indexItemsRead(), "index entries read: the leads with points expired, no others");
        assertEquals(List.of(DUE, DUE, 0), List.of(summary.leadsDue(), summary.leadsExpired(), summary.leadsDecayed()));
        LedgerEntry expiry = leads.recentLedger("lead-7", 5).get(0);
        assertEquals(LedgerEntry.EXPIRY, expiry.reason());
        assertEquals(NOW.minus(Duration.ofDays(1)), expiry.occurredAt(), "dated when the points expired");
        assertEquals(List.of(new Contribution("webinar", ScoreKind.ENGAGEMENT, null, -20,
                "points from 2026-08-24 expired (expires: 90d)")), expiry.contributions());
        Lead swept = leads.lead("lead-7").orElseThrow();
        assertEquals(List.of(0, 0), List.of(swept.score(), swept.expiring().size()));
        assertNull(swept.nextDueAt(), "nothing left to expire: out of the index");
        Lead waiting = leads.lead("lead-500").orElseThrow();
        assertEquals(20, waiting.score(), "a lead not due is left alone");
        assertEquals(NOW.plus(Duration.ofDays(60)), waiting.expiring().get(0).at(), "its grant, stored and read back");
        assertEquals(0, new DecaySweep(new DueIndex(dynamoDb.client(), table),
                () -> new ScoringRun(leads, MODEL, Clock.systemUTC())).run(NOW, () -> true).leadsDue());
    }
}
