package io.leadscore.bench;

import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static io.leadscore.bench.ItemWriteCost.Entry.MOVED;
import static io.leadscore.bench.ItemWriteCost.Entry.PUT_OR_DELETED;
import static io.leadscore.bench.ItemWriteCost.Entry.REWRITTEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a write does to an item's index entries, told apart as the breakdown counts them: a new rank moves the entry, a
 * projected attribute changed under the same rank rewrites it in place, an attribute the index does not project
 * leaves it be; and the breakdown's count per function, kind and index.
 */
class IndexEntryChangesTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private final ItemWriteCost cost = new ItemWriteCost(TEMPLATE.table("LeadScoreTable"));

    private static Map<String, AttributeValue> lead(String rank, String lastActivityAt, String revision) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("LEAD#a"));
        item.put("sk", AttributeValue.fromS("LEAD"));
        item.put("rankShard", AttributeValue.fromS("LEADS#1"));
        item.put("rankScore", AttributeValue.fromN(rank));
        item.put("lastActivityAt", AttributeValue.fromS(lastActivityAt)); // projected
        item.put("revision", AttributeValue.fromN(revision)); // not projected
        return item;
    }

    @Test
    void aNewRankMovesTheEntryAProjectedChangeRewritesItAndAnUnprojectedOneLeavesIt() {
        Map<String, AttributeValue> first = lead("42", "2026-12-01T10:00:00Z", "1");

        assertEquals(Map.of("RankIndex", PUT_OR_DELETED), cost.of(null, first, true).indexEntries());
        assertEquals(Map.of("RankIndex", MOVED), cost.of(first, lead("47", "2026-12-01T10:05:00Z", "2"), true)
                .indexEntries());
        ItemWriteCost.Write inPlace = cost.of(first, lead("42", "2026-12-01T10:05:00Z", "2"), true);
        assertEquals(Map.of("RankIndex", REWRITTEN), inPlace.indexEntries());
        assertEquals(Map.of("RankIndex", 2.0), inPlace.indexUnits(), "one write, doubled in a transaction");
        assertEquals(Map.of(), cost.of(first, lead("42", "2026-12-01T10:00:00Z", "2"), true).indexEntries());
    }

    @Test
    void theBreakdownCountsEachIndexEntryByWhatBecameOfIt() {
        Map<String, AttributeValue> first = lead("42", "2026-12-01T10:00:00Z", "1");
        WriteBreakdown breakdown = new WriteBreakdown();
        breakdown.add("ScoreFunction", cost.of(first, lead("47", "2026-12-01T10:05:00Z", "2"), true));
        breakdown.add("ScoreFunction", cost.of(first, lead("42", "2026-12-01T10:05:00Z", "2"), true));
        breakdown.add("ScoreFunction", cost.of(first, lead("42", "2026-12-01T10:06:00Z", "2"), true));

        assertEquals(1, breakdown.entries("ScoreFunction", "LEAD#/LEAD", "RankIndex", MOVED));
        assertEquals(2, breakdown.entries("ScoreFunction", "LEAD#/LEAD", "RankIndex", REWRITTEN));
        assertEquals(0, breakdown.entries("ScoreFunction", "LEAD#/LEAD", "RankIndex", PUT_OR_DELETED));
        assertEquals("| ScoreFunction | `LEAD#/LEAD` | RankIndex | 0.500 | 1.000 | 0.000 |",
                breakdown.entryTable(2).lines().skip(2).findFirst().orElseThrow());
    }
}
