package io.leadscore.decay;

import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decay sweep on DynamoDB Local: it reads what is due through the sparse index, and nothing else. The
 * ten thousand leads are loaded once; the tests sweep two successive weekly periods, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecaySweepTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final int LEADS = 10_000;
    private static final int DUE = 100;

    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static LeadStore leads;
    private static DueIndex index;

    @BeforeAll
    static void tenThousandLeadsOfWhichAHundredAreDue() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        index = new DueIndex(dynamoDb.client(), table);
        LeadDecay decay = new LeadDecay(MODEL);
        List<Lead> all = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            // A hundred idle for 31 days; half the rest active 5 days ago; the others never engaged.
            Instant lastIncrease = i < DUE ? NOW.minus(Duration.ofDays(31))
                    : i % 2 == 0 ? NOW.minus(Duration.ofDays(5)) : null;
            Lead lead = lead("lead-" + i, lastIncrease);
            all.add(lead.withNextDueAt(decay.nextDueAt(lead)));
        }
        leads.importLeads(all);
    }

    @Test
    @Order(1)
    void readsOnlyWhatIsDueAndDecaysExactlyThat() {
        DecaySweep.Summary summary = sweep(NOW, () -> true);

        assertTrue(summary.complete());
        assertEquals(DUE, summary.indexItemsRead(), "index entries read: the due leads, not the table");
        assertEquals(DUE, summary.leadsDue());
        assertEquals(DUE, summary.leadsDecayed());
        LedgerEntry step = leads.recentLedger("lead-7", 5).get(0);
        assertEquals(LedgerEntry.DECAY, step.reason());
        assertEquals(-12, step.change(), "10% of 120");
        assertEquals(108, leads.lead("lead-7").orElseThrow().score());
        assertEquals(120, leads.lead("lead-500").orElseThrow().score(), "a lead not due is left alone");

        DecaySweep.Summary again = sweep(NOW, () -> true);
        assertEquals(0, again.leadsDue(), "decayed leads left the index until their next step");
    }

    @Test
    @Order(2)
    void aSweepStoppedHalfWayIsFinishedByTheNextOneAndNoLeadDecaysTwice() {
        Instant nextWeek = NOW.plus(Duration.ofDays(7));
        AtomicInteger budget = new AtomicInteger(5); // time runs out after two of the eight shards
        DecaySweep.Summary first = sweep(nextWeek, () -> budget.decrementAndGet() > 0);
        DecaySweep.Summary second = sweep(nextWeek, () -> true);

        assertFalse(first.complete());
        assertTrue(first.leadsDecayed() > 0);
        assertEquals(DUE, first.leadsDecayed() + second.leadsDecayed(), "together, each due lead once");
        IntStream.range(0, DUE).forEach(i -> assertEquals(2, leads.recentLedger("lead-" + i, 10).stream()
                .filter(e -> e.reason().equals(LedgerEntry.DECAY)).count(), "lead-" + i + ": one step a week"));
    }

    private static DecaySweep.Summary sweep(Instant now, java.util.function.BooleanSupplier timeLeft) {
        return new DecaySweep(index, () -> new ScoringRun(leads, MODEL, Clock.systemUTC())).run(now, timeLeft);
    }

    private static Lead lead(String id, Instant lastIncrease) {
        Instant seen = lastIncrease == null ? NOW.minus(Duration.ofDays(60)) : lastIncrease;
        Map<String, RuleTally> breakdown = lastIncrease == null ? Map.of()
                : Map.of("case-study-page", new RuleTally(ScoreKind.ENGAGEMENT, null, 120, 24, lastIncrease));
        return Lead.newLead(id).toBuilder().breakdown(breakdown).firstSeenAt(seen).lastActivityAt(seen)
                .lastScoreIncreaseAt(lastIncrease).model(MODEL.tag()).build();
    }
}
