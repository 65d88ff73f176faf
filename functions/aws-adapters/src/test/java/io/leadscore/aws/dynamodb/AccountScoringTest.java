package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.account.Tally;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ModelLoader;
import io.leadscore.report.AccountCounts;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts on DynamoDB Local: an account always equals the aggregate of its members' stored leads, however the
 * members' events arrive (together, from parallel writers, again), and follows members that change company; its
 * stage is counted in the report counters in the same transaction.
 */
class AccountScoringTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    private LeadStore leads;
    private AccountStore accounts;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        accounts = new AccountStore(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
    }

    private static final LeadScorer DEFAULT = new LeadScorer(ModelLoader.defaultModel());

    @Test
    void sumMaxAndTopNAggregateTheStoredMembersInTotalAndPerGroup() {
        for (String aggregate : List.of("aggregate: sum", "aggregate: max", "aggregate: top\n  top: 2")) {
            dynamoDb.freshTables();
            LeadScorer scorer = Scoring.withAggregate(aggregate);
            Map<String, List<Activity>> batch = new LinkedHashMap<>();
            batch.put("ann", List.of(identify("ann", "ann@acme.example", "VP Sales", 0), view("ann", "/pricing", 1),
                    view("ann", "/pricing/enterprise", 2)));
            batch.put("bob", List.of(identify("bob", "bob@acme.example", "Engineer", 3), view("bob", "/pricing", 4),
                    view("bob", "/customers/initech", 5)));
            batch.put("cy", List.of(identify("cy", "cy@acme.example", "Intern", 6), view("cy", "/customers/x", 7)));
            score(leads, batch, scorer);

            Map<String, Lead> members = leads.leads(batch.keySet());
            List<Integer> scores = members.values().stream().map(Lead::score).sorted(Comparator.reverseOrder()).toList();
            List<Integer> platform = members.values().stream().map(l -> l.groups().getOrDefault("platform", 0))
                    .sorted(Comparator.reverseOrder()).toList();
            Account.Totals totals = account("acme.example", scorer);
            switch (aggregate.substring(11, 14)) {
                case "sum" -> assertEquals(List.of(sum(scores), sum(platform)),
                        List.of(totals.score(), totals.groups().get("platform")));
                case "max" -> assertEquals(List.of(scores.get(0), platform.get(0)),
                        List.of(totals.score(), totals.groups().get("platform")));
                default -> assertEquals(List.of(Math.round((scores.get(0) + scores.get(1)) / 2f),
                        Math.round((platform.get(0) + platform.get(1)) / 2f)),
                        List.of(totals.score(), totals.groups().get("platform")));
            }
            assertEquals(3, totals.members());
            assertEquals(List.of("decisionMaker", "technicalEvaluator"), totals.roles().stream()
                    .filter(role -> members.values().stream().anyMatch(m -> m.score() >= 20)).toList());
            assertMatchesMembers("acme.example", scorer);
        }
    }

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void twentyMembersScoredFromParallelWritersAddUpExactly() throws Exception {
        LeadScorer scorer = DEFAULT;
        ExecutorService writers = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String lead = "member-" + i;
                int views = 1 + i % 4;
                String title = i % 2 == 0 ? "Director" : "Engineer";
                done.add(writers.submit(() -> {
                    List<Activity> activities = new ArrayList<>();
                    activities.add(identify(lead, lead + "@globex.example", title, 0));
                    IntStream.range(0, views).forEach(v -> activities.add(view(lead, "/customers/c" + v, 1 + v)));
                    // Each member's events in two separate writes, as two stream batches would bring them.
                    score(leads, lead, activities.subList(0, 2), scorer);
                    score(leads, lead, activities, scorer);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }

        int expected = leads.leads(IntStream.range(0, 20).mapToObj(i -> "member-" + i).toList()).values().stream()
                .mapToInt(Lead::score).sum();
        assertTrue(expected >= 20 * 5, "every member earned: " + expected);
        assertEquals(expected, account("globex.example", scorer).score());
        assertEquals(20, account("globex.example", scorer).members());
        assertMatchesMembers("globex.example", scorer);
    }

    @Test
    void aMemberWhoChangesCompanyTakesItsPointsAlong() {
        score(leads, "dana", List.of(identify("dana", "dana@acme.example", "VP", 0), view("dana", "/pricing", 1)),
                DEFAULT);
        score(leads, "eve", List.of(identify("eve", "eve@acme.example", "Engineer", 2), view("eve", "/customers/a", 3)),
                DEFAULT);
        int dana = scoreOf("dana");
        int eve = scoreOf("eve");
        assertEquals(dana + eve, account("acme.example", DEFAULT).score());

        score(leads, "dana", List.of(identify("dana", "dana@globex.example", "VP", 4)), DEFAULT);

        assertEquals(Map.of("eve", eve), memberScores("acme.example"));
        assertEquals(Map.of("dana", scoreOf("dana")), memberScores("globex.example"));
        assertEquals(eve, account("acme.example", DEFAULT).score());
        assertEquals(dana, account("globex.example", DEFAULT).score(), "her points went with her");
    }

    @Test
    void anExplicitAccountIdWinsAndFreeMailLeadsFormNoAccount() {
        score(leads, "gus", List.of(identify("gus", "gus@gmail.com", "CTO", 0), view("gus", "/pricing", 1)), DEFAULT);
        score(leads, "hal", List.of(new Activity("e-hal", "identify", "hal", T0, Map.of("email", "hal@gmail.com",
                "accountId", "initech"), "site", T0), view("hal", "/pricing", 1)), DEFAULT);

        assertTrue(accounts.find("gmail.com").isEmpty());
        assertEquals(null, leads.lead("gus").orElseThrow().accountId());
        assertEquals(Map.of("hal", scoreOf("hal")), memberScores("initech"));
    }

    @Test
    void aRedeliveredBatchChangesNothingTwiceAndTheAccountQualifiesOnce() {
        // A VP and an engineer, each over 100 points: 200 and two roles engaged make the account sales-ready.
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        batch.put("ann", buyer("ann", "VP Sales", 0));
        batch.put("bob", buyer("bob", "Engineer", 20));
        score(leads, batch, DEFAULT);
        Account first = accounts.find("acme.example").orElseThrow();

        List<ScoringRun.Applied> again = score(leads, batch, DEFAULT);

        assertEquals(List.of(0, 0), again.stream().map(ScoringRun.Applied::applied).toList());
        assertEquals(List.of(10, 10), again.stream().map(ScoringRun.Applied::alreadyApplied).toList());
        assertEquals(first, accounts.find("acme.example").orElseThrow(), "not even a new revision");
        List<Outbox.Record> announced = outbox.forAccount("acme.example");
        assertEquals(1, announced.size());
        assertEquals("AccountQualified", announced.get(0).detailType());
        assertEquals("account:acme.example/salesReady/1", announced.get(0).qualificationId());
        assertEquals(scoreOf("ann") + scoreOf("bob"), ((Number) announced.get(0).detail().get("score")).intValue());

        score(leads, "ann", List.of(view("ann", "/demo/again", 40)), DEFAULT);
        assertEquals(1, outbox.forAccount("acme.example").size(), "still qualified: announced once");
    }

    @Test
    void theAccountStageCountersAreTheAccountsStoredPerStageAfterVerdictsMovesAndRedeliveries() {
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        batch.put("ann", buyer("ann", "VP Sales", 0));
        batch.put("bob", buyer("bob", "Engineer", 20));
        batch.put("gus", List.of(identify("gus", "gus@globex.example", "CTO", 0)));
        batch.put("hal", List.of(identify("hal", "hal@initech.example", "CTO", 0)));
        score(leads, batch, DEFAULT);
        ScoringRun run = new ScoringRun(leads, DEFAULT.model(), Clock.systemUTC());
        run.feedback(new Feedback("ann", "crm-1", FeedbackType.ACCEPTED, "Budget confirmed", "sam", T0.plusSeconds(3600)));
        run.feedback(new Feedback("gus", "crm-2", FeedbackType.LOST, "No budget", "sam", T0.plusSeconds(3600)));
        run.feedback(new Feedback("hal", "crm-3", FeedbackType.WON, null, "sam", T0.plusSeconds(3600)));
        score(leads, "hal", List.of(identify("hal", "hal@globex.example", "CTO", 90)), DEFAULT);
        score(leads, batch, DEFAULT); // redelivered: counts nothing twice

        Map<String, Long> counted = new CountStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"))
                .totals(AccountCounts.STAGES).get(CounterItem.of(AccountCounts.STAGES));
        Counts stored = dynamoDb.client().scanPaginator(ScanRequest.builder()
                        .tableName(dynamoDb.tableName("LeadScoreTable")).build()).items().stream()
                .filter(item -> LeadTable.ACCOUNT.equals(item.get(LeadTable.KIND).s()))
                .map(item -> AccountCounts.of(LeadTable.fromItem(item, Account.class)))
                .reduce(Counts.NONE, Counts::plus);

        // acme: ann accepted; globex: gus lost, then hal came with his won deal; initech: hal left it.
        assertEquals(Map.of("sql", 1L, "won", 1L, "account", 1L), counted);
        assertEquals(stored.items().get(CounterItem.of(AccountCounts.STAGES)), counted);
        assertEquals(List.of("account>mqa", "mqa>sql"), accounts.find("acme.example").orElseThrow().stageHistory()
                .stream().map(change -> change.from().label() + ">" + change.to().label()).toList());
    }

    /** Identify, three pricing views, the demo page, three case studies, a demo request, a whitepaper: 100. */
    private static List<Activity> buyer(String lead, String jobTitle, int minute) {
        return List.of(identify(lead, lead + "@acme.example", jobTitle, minute),
                view(lead, "/pricing", minute + 1), view(lead, "/pricing/a", minute + 2),
                view(lead, "/pricing/b", minute + 3), view(lead, "/demo", minute + 4),
                view(lead, "/customers/a", minute + 7), view(lead, "/customers/b", minute + 8),
                view(lead, "/customers/c", minute + 9),
                new Activity("e-" + lead + "-demo", "form_submit", lead, T0.plusSeconds(60L * (minute + 5)),
                        Map.of("formId", "demo-request"), "site", T0.plusSeconds(60L * (minute + 5))),
                new Activity("e-" + lead + "-wp", "form_submit", lead, T0.plusSeconds(60L * (minute + 6)),
                        Map.of("formId", "whitepaper-roi"), "site", T0.plusSeconds(60L * (minute + 6))));
    }

    private int scoreOf(String leadId) {
        return leads.lead(leadId).orElseThrow().score();
    }

    @Test
    void decayReachesTheAccountThroughItsMembersFloorsIncluded() {
        LeadScorer scorer = DEFAULT;
        for (String lead : List.of("ann", "bob")) {
            List<Activity> activities = new ArrayList<>(List.of(identify(lead, lead + "@acme.example", "Engineer", 0)));
            for (int day = 0; day < 6; day++) { // a demo request a week: 20 points each, 120 in all
                Instant at = T0.plus(java.time.Duration.ofDays(7L * day));
                activities.add(new Activity(lead + "-demo-" + day, "form_submit", lead, at,
                        Map.of("formId", "demo-request"), "site", at));
            }
            score(leads, lead, activities, scorer);
        }
        int before = account("acme.example", scorer).score();

        Instant later = T0.plus(java.time.Duration.ofDays(35 + 30 + 7 * 20)); // twenty weeks of decay past the grace
        for (String lead : List.of("ann", "bob")) {
            new ScoringRun(leads, scorer.model(), Clock.systemUTC()).decay(lead, later);
        }

        Map<String, Lead> members = leads.leads(List.of("ann", "bob"));
        int decayed = members.values().stream().mapToInt(Lead::score).sum();
        assertTrue(decayed < before, before + " -> " + decayed);
        assertTrue(members.values().stream().allMatch(l -> l.score() >= 50), "never below the floor: " + members);
        assertEquals(decayed, account("acme.example", scorer).score());
        assertMatchesMembers("acme.example", scorer);
    }

    private Account.Totals account(String id, LeadScorer scorer) {
        return accounts.find(id).orElseThrow().totals(scorer.model().accounts());
    }

    private Map<String, Integer> memberScores(String accountId) {
        return accounts.members(accountId).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().score()));
    }

    /** The account's shares are exactly its members' stored leads, and its tally what they count to. */
    private void assertMatchesMembers(String accountId, LeadScorer scorer) {
        AccountPolicy policy = scorer.model().accounts();
        Map<String, Member> shares = accounts.members(accountId);
        Map<String, Lead> members = leads.leads(shares.keySet());
        assertEquals(shares.keySet(), members.keySet());
        members.forEach((id, lead) -> {
            assertEquals(accountId, lead.accountId());
            assertEquals(Member.of(lead, policy), shares.get(id), id);
        });
        assertEquals(Tally.of(shares, policy).totals(policy),
                accounts.find(accountId).orElseThrow().totals(policy));
    }

    private static Activity identify(String lead, String email, String jobTitle, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity("e-" + lead + "-" + minute, "identify", lead, at,
                Map.of("email", email, "jobTitle", jobTitle), "site", at);
    }

    private static Activity view(String lead, String path, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity("e-" + lead + "-" + minute, "page_view", lead, at,
                Map.of("url", "https://www.example.com" + path), "site", at);
    }

}
