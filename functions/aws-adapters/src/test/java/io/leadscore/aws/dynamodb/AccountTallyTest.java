package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.account.Tally;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.AccountPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts whose members' shares are items of their own, on DynamoDB Local: after any interleaving of members'
 * score changes, redelivered batches, members leaving and erasures, the stored tally says what a recount of the stored
 * shares says, and the shares are the members' stored leads; a 10,000-member account is scored in items that stay
 * small; an account stored in the old form is converted by its first write.
 */
class AccountTallyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static final String ACME = "acme.example";
    private static final List<String> LEADS = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "lead-" + i).toList();

    private String table;
    private LeadStore leads;
    private AccountStore accounts;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        accounts = new AccountStore(dynamoDb.client(), table);
    }

    @Test
    void theStoredTallyEqualsARecountAfterAnyInterleavingOfScoresRedeliveriesDeparturesAndErasures() {
        for (String aggregate : List.of("aggregate: sum", "aggregate: max", "aggregate: top\n  top: 2")) {
            freshTable();
            LeadScorer scorer = Scoring.withAggregate(aggregate);
            AccountPolicy policy = scorer.model().accounts();
            Random random = new Random(aggregate.hashCode());
            List<Map<String, List<Activity>>> delivered = new ArrayList<>();
            List<String> erased = new ArrayList<>();
            int mostMembers = 0;
            for (int step = 0; step < 70; step++) {
                String lead = LEADS.get(random.nextInt(LEADS.size()));
                int roll = random.nextInt(10);
                List<Map<String, List<Activity>>> again = delivered.stream()
                        .filter(batch -> !erased.containsAll(batch.keySet())).toList();
                if (roll == 0 && !again.isEmpty()) { // a batch delivered again: nothing may count twice
                    Map<String, Long> revisions = revisions();
                    long accountRevision = accounts.find(ACME).map(Account::revision).orElse(0L);
                    score(leads, again.get(random.nextInt(again.size())), scorer);
                    assertEquals(revisions, revisions(), "a redelivered batch writes no lead");
                    assertEquals(accountRevision, accounts.find(ACME).map(Account::revision).orElse(0L));
                } else if (roll == 1 && step % 2 == 0 && !erased.contains(lead)) {
                    new LeadErasure(dynamoDb.client(), table, Clock.systemUTC()).erase(lead, policy);
                    erased.add(lead);
                } else if (!erased.contains(lead)) {
                    Map<String, List<Activity>> batch = Map.of(lead, List.of(activity(lead, step, roll)));
                    score(leads, batch, scorer);
                    delivered.add(batch);
                }
                assertTallyIsARecountOfTheMembers(policy, aggregate + ", step " + step);
                mostMembers = Math.max(mostMembers, accounts.members(ACME).size());
            }
            // more members than the top-2 leaderboard holds, so leaders are displaced and recounted
            assertTrue(mostMembers >= 6, aggregate + ": at most " + mostMembers + " members at once");
        }
    }

    @Test
    void aTenThousandMemberAccountIsScoredInItemsThatStaySmall() {
        LeadScorer scorer = Scoring.withAggregate("aggregate: sum");
        AccountPolicy policy = scorer.model().accounts();
        List<Lead> members = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            members.add(Lead.newLead("member-" + i).toBuilder().accountId(ACME).build());
        }
        leads.importLeads(members.subList(42, 43)); // the one scored: the others are only their shares
        accounts.importAccount(ACME, members.stream().collect(Collectors.toMap(Lead::id,
                lead -> Member.of(lead, policy))), policy);

        score(leads, "member-42", List.of(identify("member-42", "Chief Technology Officer", 0),
                new Activity("e-pricing", "page_view", "member-42", T0.plusSeconds(60),
                        Map.of("url", "https://www.example.com/pricing"), "site", T0.plusSeconds(60))), scorer);

        Account account = accounts.find(ACME).orElseThrow();
        Lead scored = leads.lead("member-42").orElseThrow();
        assertTrue(scored.score() > 0);
        boolean engaged = scored.score() >= policy.engagedAt();
        assertEquals(new Account.Totals(scored.score(), scored.groups(), 10_000, engaged ? 1 : 0,
                engaged ? List.of("decisionMaker") : List.of()), account.totals(policy));
        assertEquals(List.of(new Tally.Leader("member-42", scored.score(), "decisionMaker")),
                account.tally().leaders().subList(0, 1));
        int summary = AttributeValues.itemSize(item(AccountStore.SK));
        assertTrue(summary < 2_048, summary + " bytes: the summary does not grow with the members");
        assertTrue(AttributeValues.itemSize(item(AccountStore.MEMBER_PREFIX + "member-42")) < 1_024);
    }

    @Test
    void anAccountStoredInTheOldFormIsConvertedByItsFirstWrite() {
        LeadScorer scorer = Scoring.withAggregate("aggregate: sum");
        AccountPolicy policy = scorer.model().accounts();
        score(leads, Map.of("ann", List.of(identify("ann", "VP Sales", 0), view("ann", "/pricing", 1)),
                "bob", List.of(identify("bob", "Staff Engineer", 2), view("bob", "/pricing", 3))), scorer);
        Map<String, Member> shares = accounts.members(ACME);
        Map<String, AttributeValue> oldForm = new LinkedHashMap<>(item(AccountStore.SK));
        oldForm.remove("tally");
        oldForm.put("members", AttributeValues.of(shares.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> Map.of("score", e.getValue().score(), "groups", e.getValue().groups(),
                        "role", e.getValue().role(), "stage", Stage.LEAD.label())))));
        dynamoDb.client().putItem(PutItemRequest.builder().tableName(table).item(oldForm).build());
        shares.keySet().forEach(leadId -> dynamoDb.client().deleteItem(DeleteItemRequest.builder().tableName(table)
                .key(LeadTable.key(AccountStore.pk(ACME), AccountStore.MEMBER_PREFIX + leadId)).build()));

        score(leads, "ann", List.of(view("ann", "/demo", 4)), scorer);

        assertFalse(item(AccountStore.SK).containsKey("members"), "the summary is in the new form");
        assertEquals(shares.keySet(), accounts.members(ACME).keySet(), "bob's share was written out");
        assertTallyIsARecountOfTheMembers(policy, "converted");
        assertEquals(leads.lead("ann").orElseThrow().score() + leads.lead("bob").orElseThrow().score(),
                accounts.find(ACME).orElseThrow().totals(policy).score());
    }

    /** The stored tally says what a recount of the stored shares says, and the shares are the stored leads'. */
    private void assertTallyIsARecountOfTheMembers(AccountPolicy policy, String what) {
        Map<String, Member> shares = accounts.members(ACME);
        Map<String, Member> expected = new HashMap<>();
        leads.leads(java.util.stream.Stream.concat(LEADS.stream(), java.util.stream.Stream.of("ann", "bob")).toList())
                .values().stream().filter(lead -> ACME.equals(lead.accountId()))
                .forEach(lead -> expected.put(lead.id(), Member.of(lead, policy)));
        assertEquals(expected, shares, what);
        Account account = accounts.find(ACME).orElse(Account.newAccount(ACME));
        Tally recount = Tally.of(shares, policy);
        assertEquals(recount.totals(policy), account.totals(policy), what);
        assertEquals(recount.leaders().subList(0, Math.min(5, recount.leaders().size())),
                account.tally().leaders().subList(0, Math.min(5, account.tally().leaders().size())), what);
        assertEquals(recount.owner(), account.owner(), what);
        assertEquals(recount.memberStages(), account.tally().memberStages(), what);
    }

    private Map<String, Long> revisions() {
        return leads.leads(LEADS)
                .values().stream().collect(Collectors.toMap(Lead::id, Lead::revision));
    }

    private Map<String, AttributeValue> item(String sk) {
        return dynamoDb.client().getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(AccountStore.pk(ACME), sk)).build()).item();
    }

    /** A member's change: an ACME email joins it (rolls 3-5), another leaves (2), page views raise or lower it. */
    private static Activity activity(String lead, int step, int roll) {
        Instant at = T0.plusSeconds(60L * step);
        if (roll == 2) {
            return new Activity("e-" + step, "identify", lead, at, Map.of("email", lead + "@globex.example"), "site", at);
        }
        if (roll >= 3 && roll <= 5) {
            return new Activity("e-" + step, "identify", lead, at, Map.of("email", lead + "@" + ACME,
                    "jobTitle", List.of("VP Sales", "Staff Engineer", "Product Manager").get(step % 3)), "site", at);
        }
        return new Activity("e-" + step, "page_view", lead, at, Map.of("url", "https://www.example.com"
                + List.of("/pricing", "/careers", "/demo", "/careers/jobs").get(roll % 4)), "site", at);
    }

    private static Activity identify(String lead, String jobTitle, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity("e-" + lead + "-" + minute, "identify", lead, at,
                Map.of("email", lead + "@" + ACME, "jobTitle", jobTitle), "site", at);
    }

    private static Activity view(String lead, String path, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity("e-" + lead + "-" + minute, "page_view", lead, at,
                Map.of("url", "https://www.example.com" + path), "site", at);
    }

}
