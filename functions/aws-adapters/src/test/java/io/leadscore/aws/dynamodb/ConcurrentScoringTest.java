package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoreStore;
import io.leadscore.scoring.ScoreTransaction;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.RepeatedTest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One lead's activities scored by concurrent invocations, as with a stream mapping's {@code ParallelizationFactor}
 * above 1 (Lambda then keeps order per item, and each activity is an item of its own): each activity is applied
 * exactly once, and the lead is what applying them one after another in the order their transactions committed
 * gives. That order may differ from the events' time order; what depends on order (frequency caps at their edges,
 * a profile field sent twice, which event crosses a threshold) may then differ from a time-ordered replay.
 */
class ConcurrentScoringTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @RepeatedTest(3)
    void concurrentInvocationsApplyEachActivityOnceAsSomeSequentialOrderWould() throws Exception {
        dynamoDb.freshTables();
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
        CommitOrder store = new CommitOrder(leads);
        List<Activity> activities = journey("dana");
        // Four invocations at once, each with a shuffled share of the records and some of another's (redelivered).
        Random random = new Random();
        List<Activity> shuffled = new ArrayList<>(activities);
        Collections.shuffle(shuffled, random);
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<Void>> invocations = IntStream.range(0, 4).mapToObj(i -> {
            List<Activity> mine = new ArrayList<>(shuffled.subList(i * 10, i * 10 + 10));
            mine.addAll(shuffled.subList((i * 10 + 25) % 40, (i * 10 + 25) % 40 + 3));
            return CompletableFuture.runAsync(() -> {
                ScoringRun run = new ScoringRun(store, MODEL, Clock.systemUTC());
                await(start);
                run.groups(Map.of("dana", mine)).forEach(run::apply);
            });
        }).toList();
        for (CompletableFuture<Void> invocation : invocations) {
            invocation.get();
        }

        List<LedgerEntry> ledger = leads.recentLedger("dana", 100);
        assertEquals(40, ledger.size(), "every activity once");
        assertEquals(40, ledger.stream().map(LedgerEntry::eventId).distinct().count());
        assertEquals(40, store.order.size());
        Map<String, Activity> byId = new HashMap<>();
        activities.forEach(a -> byId.put(a.eventId(), a));
        LeadScorer scorer = new LeadScorer(MODEL);
        Lead replayed = Lead.newLead("dana");
        for (String eventId : store.order) {
            replayed = scorer.apply(replayed, byId.get(eventId), Instant.now()).lead();
        }
        assertEquals(replayed, leads.lead("dana").orElseThrow().withRevision(0), "the lead in commit order");
    }

    /** Forty events of a buyer's journey, a second apart: pricing views (capped), case studies, forms, profile. */
    private static List<Activity> journey(String leadId) {
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant at = T0.plusSeconds(i);
            String eventId = leadId + "-" + i;
            activities.add(switch (i % 5) {
                case 0 -> new Activity(eventId, "page_view", leadId, at, Map.of("url", "https://acme.example/pricing"), "site", at);
                case 1 -> new Activity(eventId, "page_view", leadId, at, Map.of("url", "https://acme.example/customers/c" + i), "site", at);
                case 2 -> new Activity(eventId, "form_submit", leadId, at, Map.of("formId", i % 10 == 2 ? "demo-request" : "whitepaper-" + i), "site", at);
                case 3 -> new Activity(eventId, "identify", leadId, at, Map.of("email", leadId + "@acme.example",
                        "jobTitle", i % 2 == 0 ? "VP Sales" : "Engineer", "companySize", BigDecimal.valueOf(50 + i)), "site", at);
                default -> new Activity(eventId, "unsubscribe", leadId, at, Map.of(), "site", at);
            });
        }
        return activities;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table, recording the order in which activities' transactions commit (writes taken one at a time to know it). */
    private static final class CommitOrder implements ScoreStore {
        private final ScoreStore table;
        final List<String> order = Collections.synchronizedList(new ArrayList<>());

        CommitOrder(ScoreStore table) {
            this.table = table;
        }

        @Override
        public Optional<Lead> lead(String leadId) {
            return table.lead(leadId);
        }

        @Override
        public Map<String, Lead> leads(Collection<String> leadIds) {
            return table.leads(leadIds);
        }

        @Override
        public Optional<Account> account(String accountId) {
            return table.account(accountId);
        }

        @Override
        public Optional<Member> share(String accountId, String leadId) {
            return table.share(accountId, leadId);
        }

        @Override
        public Map<String, Member> members(String accountId) {
            return table.members(accountId);
        }

        @Override
        public Set<String> applied(String leadId, Collection<String> ledgerKeys) {
            return table.applied(leadId, ledgerKeys);
        }

        @Override
        public List<Activity> recorded(String leadId, boolean consistent) {
            return table.recorded(leadId, consistent);
        }

        @Override
        public List<LedgerEntry> ledger(String leadId) {
            return table.ledger(leadId);
        }

        @Override
        public synchronized void write(ScoreTransaction transaction) {
            table.write(transaction);
            transaction.changes().forEach(change -> change.entries().forEach(entry -> order.add(entry.eventId())));
        }
    }
}
