package io.leadscore.scoring;

import io.leadscore.account.Account;
import io.leadscore.account.AccountStage;
import io.leadscore.account.AccountStageChange;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.report.AccountCounts;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scoring run's logic over a store with the table's guards: exactly once, in chunks, with accounts and merges. */
class ScoringRunTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final GuardedMemoryStore store = new GuardedMemoryStore();
    private final ScoringRun run = new ScoringRun(store, MODEL, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));

    @Test
    void aRedeliveredBatchAppliesNothingTwice() {
        Map<String, List<Activity>> batch = Map.of("dana", List.of(identify("dana", "dana@acme.example", 0),
                view("dana", "/pricing", 1), view("dana", "/pricing/teams", 2)));
        ScoringRun.Applied first = score(batch).get(0);
        Lead once = store.leads.get("dana");
        int writes = store.written.size();

        ScoringRun.Applied again = score(batch).get(0);

        assertEquals(List.of(3, 0), List.of(first.applied(), first.alreadyApplied()));
        assertEquals(List.of(0, 3), List.of(again.applied(), again.alreadyApplied()));
        assertEquals(once, store.leads.get("dana"));
        assertEquals(List.of(0, writes), List.of(store.conflicts, store.written.size()),
                "the ledger, read after the lead, told the second run what was applied: it wrote nothing");
    }

    @Test
    void aWriterThatGotThereFirstIsNeitherOverwrittenNorCountedAgain() {
        List<Activity> activities = List.of(identify("dana", "dana@acme.example", 0), view("dana", "/pricing", 1),
                view("dana", "/pricing/teams", 2), view("dana", "/demo", 3));
        // Between this run's read and its write, another delivery applies the first two.
        store.beforeWrite = transaction -> score(Map.of("dana", activities.subList(0, 2)));

        ScoringRun.Applied applied = score(Map.of("dana", activities)).get(0);

        assertEquals(List.of(2, 2), List.of(applied.applied(), applied.alreadyApplied()));
        GuardedMemoryStore sequential = new GuardedMemoryStore();
        new ScoringRun(sequential, MODEL, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .apply(new ScoringRun.Group(Map.of("dana", activities), null));
        assertEquals(sequential.leads.get("dana").breakdown(), store.leads.get("dana").breakdown());
        assertEquals(4, store.ledgerKeys.get("dana").size());
    }

    @Test
    void aLongRunIsWrittenInTransactionsOfAtMostAHundredItemsEachAccountOnce() {
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        for (String lead : List.of("ann", "bob", "cy")) {
            List<Activity> activities = new ArrayList<>(List.of(identify(lead, lead + "@acme.example", 0)));
            IntStream.range(1, 80).forEach(i -> activities.add(view(lead, "/blog/" + i, i)));
            batch.put(lead, activities);
        }

        List<ScoringRun.Applied> applied = score(batch);

        assertEquals(List.of(80, 80, 80), applied.stream().map(ScoringRun.Applied::applied).toList());
        assertTrue(store.written.size() >= 3, "240 ledger entries need three transactions at least");
        store.written.forEach(transaction -> {
            assertTrue(transaction.items() <= ScoringRun.MAX_TRANSACTION_ITEMS, transaction.items() + " items");
            assertEquals(transaction.accounts().size(), transaction.accounts().stream().map(a -> a.before().id())
                    .distinct().count(), "each account once");
        });
        assertEquals(3, store.members.get("acme.example").size());
    }

    @Test
    void aVisitorIsMergedIntoItsLeadOnceAndInTheSameTransactionAsTheEventThatNamesIt() {
        score(Map.of("anon:v1", List.of(view("anon:v1", "/pricing", 0))));
        Activity identify = new Activity("e-id", "identify", "dana", T0.plusSeconds(10),
                Map.of("email", "dana@acme.example", "anonymousId", "v1"), "site", T0.plusSeconds(10));

        score(Map.of("dana", List.of(identify)));
        score(Map.of("dana", List.of(identify)));

        ScoreTransaction merge = store.written.get(1);
        assertEquals(List.of("dana", "anon:v1"), merge.changes().stream().map(ScoreTransaction.Change::leadId).toList());
        assertEquals(List.of(LedgerEntry.MERGE, LedgerEntry.EVENT), merge.changes().get(0).entries().stream()
                .map(LedgerEntry::reason).toList());
        assertEquals("dana", store.leads.get("anon:v1").mergedInto());
        assertEquals(15, store.leads.get("dana").breakdown().get("pricing-page").points(), "the visitor's view, once");
        assertEquals(2, store.written.size(), "the redelivery wrote nothing");
    }

    /** The stream redelivers a visitor's batch after the visitor merged: its events are the lead's already. */
    @Test
    void aMergedVisitorsRedeliveredEventIsNotAppliedToTheLeadAgain() {
        List<Activity> visits = List.of(view("anon:v1", "/pricing", 0), view("anon:v1", "/demo", 1));
        score(Map.of("anon:v1", visits));
        score(Map.of("dana", List.of(new Activity("e-id", "identify", "dana", T0.plusSeconds(600),
                Map.of("email", "dana@acme.example", "anonymousId", "v1"), "site", T0.plusSeconds(600)))));
        Lead merged = store.leads.get("dana");
        Activity late = view("anon:v1", "/pricing/teams", 20); // sent before the browser knew her: the lead's now

        List<ScoringRun.Applied> redelivered = score(Map.of("anon:v1", List.of(visits.get(0), visits.get(1), late)));

        assertEquals(merged.breakdown().get("pricing-page").points() + 15,
                store.leads.get("dana").breakdown().get("pricing-page").points(), "only the late view is new");
        assertEquals(merged.breakdown().get("demo-page"), store.leads.get("dana").breakdown().get("demo-page"));
        assertEquals(1, redelivered.get(0).applied(), redelivered.toString());
    }

    @Test
    void decayWritesNothingWhenNothingIsDue() {
        score(Map.of("dana", List.of(view("dana", "/pricing", 0))));
        int writes = store.written.size();

        assertEquals(List.of(), run.decay("dana", T0.plusSeconds(60)).entries());
        assertNull(run.decay("nobody", T0), "no such lead");
        assertEquals(writes, store.written.size());
    }

    @Test
    void aVerdictIsAppliedOncePerFeedbackIdWhenRepeatedWithTheSameTimeOrAnother() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0), view("dana", "/pricing", 1))));
        int before = store.leads.get("dana").score();
        Feedback lost = new Feedback("dana", "crm-1", FeedbackType.LOST, "budget", "sam", T0.plusSeconds(600));

        ScoringRun.Verdict first = run.feedback(lost);
        ScoringRun.Verdict again = run.feedback(lost);
        ScoringRun.Verdict later = run.feedback(new Feedback("dana", "crm-1", FeedbackType.LOST, "budget", "sam",
                T0.plusSeconds(900)));

        assertEquals(List.of(ScoringRun.Verdict.Outcome.APPLIED, ScoringRun.Verdict.Outcome.DUPLICATE,
                ScoringRun.Verdict.Outcome.DUPLICATE), List.of(first.outcome(), again.outcome(), later.outcome()));
        assertEquals(before - 30, store.leads.get("dana").score());
        assertEquals(Stage.LOST, store.leads.get("dana").stage());
        assertEquals(1, store.ledgers.get("dana").stream().filter(e -> e.reason().equals("feedback")).count());
        assertEquals(first.lead(), store.leads.get("dana"), "the verdict answers with the lead as written");
    }

    @Test
    void aVerdictOlderThanTheStageHistoryIsStillKnownByItsLedgerEntry() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0))));
        Feedback won = new Feedback("dana", "crm-1", FeedbackType.WON, null, "sam", T0.plusSeconds(600));
        run.feedback(won);
        Lead forgotten = store.leads.get("dana").toBuilder().stageHistory(List.of()).build();
        store.leads.put("dana", forgotten);

        assertEquals(ScoringRun.Verdict.Outcome.DUPLICATE, run.feedback(won).outcome());
        assertEquals(forgotten, store.leads.get("dana"));
    }

    @Test
    void aVerdictOnAnUnknownLeadOrOneThatMakesNoSenseChangesNothing() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0))));
        run.feedback(new Feedback("dana", "crm-1", FeedbackType.WON, null, "sam", T0.plusSeconds(600)));
        Lead won = store.leads.get("dana");

        ScoringRun.Verdict unknown = run.feedback(new Feedback("ed", "crm-2", FeedbackType.ACCEPTED, null, "sam", T0));
        ScoringRun.Verdict refused = run.feedback(new Feedback("dana", "crm-3", FeedbackType.ACCEPTED, null, "sam",
                T0.plusSeconds(700)));

        assertEquals(ScoringRun.Verdict.Outcome.UNKNOWN_LEAD, unknown.outcome());
        assertEquals(ScoringRun.Verdict.Outcome.REFUSED, refused.outcome());
        assertEquals("cannot move a lead from won to sql (accepted applies to a lead in lead, mql, rejected, recycled)",
                refused.problem());
        assertEquals(won, store.leads.get("dana"));
        assertFalse(store.leads.containsKey("ed"));
    }

    @Test
    void aVerdictMovesTheLeadsShareOfItsAccount() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0), view("dana", "/pricing", 1))));
        int account = store.accounts.get("acme.example").totals(MODEL.accounts()).score();

        run.feedback(new Feedback("dana", "crm-1", FeedbackType.LOST, null, "sam", T0.plusSeconds(600)));

        assertEquals(account - 30, store.accounts.get("acme.example").totals(MODEL.accounts()).score());
    }

    @Test
    void aVerdictMovesItsAccountsStageInTheSameWriteWithTheRepAndTheReason() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0), view("dana", "/pricing", 1))));

        run.feedback(new Feedback("dana", "crm-1", FeedbackType.ACCEPTED, "Budget confirmed", "sam",
                T0.plusSeconds(600)));

        Account acme = store.accounts.get("acme.example");
        assertEquals(AccountStage.SQL, acme.stage());
        assertEquals(List.of(new AccountStageChange(AccountStage.ACCOUNT, AccountStage.SQL, T0.plusSeconds(600), "sam",
                "dana moved to sql: Budget confirmed", "dana")), acme.stageHistory());
        assertEquals(Stage.SQL, store.members.get("acme.example").get("dana").stage());
    }

    @Test
    void theAccountStageCountersAreTheSumOverTheAccountsStored() {
        score(Map.of("dana", List.of(identify("dana", "dana@acme.example", 0)),
                "ed", List.of(identify("ed", "ed@acme.example", 0)),
                "flo", List.of(identify("flo", "flo@globex.example", 0)),
                "gus", List.of(identify("gus", "gus@initech.example", 0))));
        run.feedback(new Feedback("dana", "crm-1", FeedbackType.OPPORTUNITY, null, "sam", T0.plusSeconds(600)));
        run.feedback(new Feedback("ed", "crm-2", FeedbackType.WON, null, "sam", T0.plusSeconds(700)));
        run.feedback(new Feedback("flo", "crm-3", FeedbackType.LOST, null, "sam", T0.plusSeconds(800)));
        score(Map.of("flo", List.of(identify("flo", "flo@initech.example", 20))));

        Counts counters = store.written.stream().map(ScoreTransaction::counts).reduce(Counts.NONE, Counts::plus);
        CounterItem stages = CounterItem.of(AccountCounts.STAGES);
        // acme won (ed's deal beats dana's opportunity); globex, left by its one lost member, an account again;
        // initech holds gus and flo's lost deal.
        assertEquals(Map.of("won", 1L, "account", 1L, "lost", 1L), counters.items().get(stages));
        assertEquals(store.accounts.values().stream().map(AccountCounts::of).reduce(Counts.NONE, Counts::plus)
                .items().get(stages), counters.items().get(stages));
    }

    private List<ScoringRun.Applied> score(Map<String, List<Activity>> batch) {
        return run.groups(batch).stream().flatMap(group -> run.apply(group).stream()).toList();
    }

    private static Activity view(String leadId, String path, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(leadId + "-" + minute, "page_view", leadId, at, Map.of("url", "https://acme.example" + path),
                "site", at);
    }

    private static Activity identify(String leadId, String email, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(leadId + "-" + minute, "identify", leadId, at, Map.of("email", email, "jobTitle", "VP Sales"),
                "site", at);
    }
}
