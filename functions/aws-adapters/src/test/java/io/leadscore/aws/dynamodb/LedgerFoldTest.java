package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch's ledger entries of one lead folded into one item on DynamoDB Local: read back by every reader exactly as
 * the entries written one at a time, beside items of the one-entry form, and a redelivery applies nothing twice.
 */
class LedgerFoldTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    private static final LeadScorer SCORER = new LeadScorer(ModelLoader.defaultModel());
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    private String table;
    private LeadStore leads;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, CLOCK, Retention.DEFAULT);
    }

    @Test
    void aBatchOfOneLeadWritesOneLedgerItemThatReadsBackAsTheEntriesWrittenOneAtATime() {
        List<Activity> batch = events("dana", 0, 5);
        batch.forEach(activity -> score("dana", List.of(activity)));
        List<LedgerEntry> oneAtATime = leads.ledger("dana");
        assertEquals(5, ledgerItems("dana").size());

        dynamoDb.freshTables();
        score("dana", batch);

        List<Map<String, AttributeValue>> items = ledgerItems("dana");
        assertEquals(1, items.size(), "one item for the batch's 5 entries");
        assertEquals("LEDGER#" + oneAtATime.get(0).key(), items.get(0).get("sk").s());
        int size = AttributeValues.itemSize(items.get(0));
        assertTrue(size < LedgerFolds.MAX_BYTES, size + " bytes");
        assertEquals(oneAtATime, leads.ledger("dana"));
        assertEquals(newestFirst(oneAtATime).subList(0, 3), leads.recentLedger("dana", 3));
        assertEquals(oneAtATime, pages("dana", 2));
        assertEquals(Instant.ofEpochSecond(Retention.DEFAULT.expiresAt(batch.get(4).occurredAt())),
                Instant.ofEpochSecond(Long.parseLong(items.get(0).get("expiresAt").n())), "expires with its newest");
    }

    /** Items of the one-entry form (a table written before folds) read beside a fold, in the order of their keys. */
    @Test
    void entriesOfTheOneEntryFormReadBesideAFold() {
        List<Activity> old = events("eve", 0, 3);
        old.forEach(activity -> score("eve", List.of(activity)));
        List<LedgerEntry> oldEntries = leads.ledger("eve");
        for (Map<String, AttributeValue> item : ledgerItems("eve")) { // as the store wrote each entry before folds
            assertEquals(Map.of("pk", "LEAD#eve", "sk", "LEDGER#" + LedgerFolds.firstKey(item), "kind", "ledger",
                            "leadId", "eve"), Map.of("pk", item.get("pk").s(), "sk", item.get("sk").s(),
                            "kind", item.get("kind").s(), "leadId", item.get("leadId").s()));
        }
        // A late event, earlier than the last old entry, comes in a batch with two new ones.
        List<Activity> batch = new ArrayList<>(events("eve", 3, 2));
        batch.add(event("eve", "late", T0.plusSeconds(90)));
        score("eve", batch);

        List<LedgerEntry> ledger = leads.ledger("eve");
        assertEquals(4, ledgerItems("eve").size(), "3 old items and one fold");
        assertEquals(6, ledger.size());
        assertEquals(ledger.stream().sorted(Comparator.comparing(LedgerEntry::key)).toList(), ledger);
        assertTrue(ledger.containsAll(oldEntries));
        assertEquals(List.of("eve-0", "eve-1", "late", "eve-2", "eve-3", "eve-4"),
                ledger.stream().map(LedgerEntry::eventId).toList());
        assertEquals(newestFirst(ledger).subList(0, 4), leads.recentLedger("eve", 4));
        assertEquals(ledger, pages("eve", 1));
        assertEquals(ledger, pages("eve", 4));
        assertEquals(Set.of("late", "eve-1", "eve-4"), leads.applied("eve", List.of(
                LedgerEntry.keyOf(T0.plusSeconds(90), "late"), ledger.get(1).key(), ledger.get(5).key(),
                LedgerEntry.keyOf(T0.plusSeconds(95), "never"))));
    }

    /** Redelivered from a later point of the stream, the batch's last events do not collide with its fold's key. */
    @Test
    void aBatchRedeliveredFromALaterPointAppliesNothingTwice() {
        List<Activity> batch = events("fay", 0, 5);
        Scoring.score(leads, "fay", batch, SCORER);
        Lead before = leads.lead("fay").orElseThrow();
        List<LedgerEntry> ledger = leads.ledger("fay");

        ScoringRun.Applied again = Scoring.score(leads, "fay", batch.subList(2, 5), SCORER);

        assertEquals(0, again.applied());
        assertEquals(3, again.alreadyApplied());
        assertEquals(before, leads.lead("fay").orElseThrow());
        assertEquals(ledger, leads.ledger("fay"));
        assertEquals(1, ledgerItems("fay").size());
    }

    @Test
    void erasureCountsTheEntriesOfAFold() {
        Scoring.score(leads, "gus", events("gus", 0, 5), SCORER);
        assertEquals(1, ledgerItems("gus").size());

        int erased = new LeadErasure(dynamoDb.client(), table, CLOCK)
                .erase("gus", SCORER.model().accounts()).orElseThrow().ledgerEntries();

        assertEquals(5, erased);
        assertEquals(List.of(), ledgerItems("gus"));
    }

    /** A batch whose entries do not fit one item is split into items each bounded. */
    @Test
    void aLargeBatchIsSplitIntoBoundedItems() {
        List<Activity> batch = events("hal", 0, 40);
        Scoring.score(leads, "hal", batch, SCORER);

        List<Map<String, AttributeValue>> items = ledgerItems("hal");
        assertTrue(items.size() > 1 && items.size() < 40, items.size() + " items");
        items.forEach(item -> assertTrue(AttributeValues.itemSize(item) <= LedgerFolds.MAX_BYTES));
        assertEquals(40, leads.ledger("hal").size());
        assertEquals(batch.stream().map(Activity::eventId).toList(),
                pages("hal", 7).stream().map(LedgerEntry::eventId).toList());
    }

    private static List<LedgerEntry> newestFirst(List<LedgerEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(LedgerEntry::key).reversed()).toList();
    }

    /** Scores as {@link Scoring} does, at a fixed time, so that entries scored apart and together are alike. */
    private void score(String leadId, List<Activity> activities) {
        ScoringRun run = new ScoringRun(leads, SCORER.model(), CLOCK);
        run.groups(Map.of(leadId, activities)).forEach(run::apply);
    }

    private List<LedgerEntry> pages(String leadId, int limit) {
        List<LedgerEntry> all = new ArrayList<>();
        String after = null;
        do {
            LeadStore.LedgerPage page = leads.ledger(leadId, after, limit);
            assertTrue(page.entries().size() <= limit);
            all.addAll(page.entries());
            after = page.nextAfter();
        } while (after != null);
        return all;
    }

    private List<Map<String, AttributeValue>> ledgerItems(String leadId) {
        return dynamoDb.client().query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + leadId),
                        ":ledger", AttributeValue.fromS("LEDGER#"))).build()).items();
    }

    /** Page views a minute apart from {@code from} minutes after T0, ids {@code <lead>-<n>}. */
    private static List<Activity> events(String leadId, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(n -> event(leadId, leadId + "-" + n,
                T0.plusSeconds(60L * n))).toList();
    }

    private static Activity event(String leadId, String id, Instant at) {
        return new Activity(id, "page_view", leadId, at, Map.of("url", "https://acme.example/pricing"), "site", at);
    }
}
