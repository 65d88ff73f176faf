package io.leadscore.aws.dynamodb;

import io.leadscore.activity.FieldError;
import io.leadscore.aws.dynamodb.ImportProgressStore.ImportId;
import io.leadscore.bulk.ChunkTally;
import io.leadscore.bulk.ImportResult;
import io.leadscore.bulk.RejectedRow;
import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bucket import's progress on DynamoDB Local: each chunk counted once however often it is delivered, in any order,
 * and the same result from every call once all are counted.
 */
class ImportProgressStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final ImportId ID = new ImportId("import-bucket", "events/history.jsonl", "\"abc\"");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ImportProgressStore store;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        store = new ImportProgressStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    private static ChunkTally tally(long accepted, long duplicates, long offset) {
        return new ChunkTally(accepted, duplicates, 1, List.of(new RejectedRow(offset, "{bad",
                List.of(new FieldError("", "not JSON")))));
    }

    @Test
    void aChunkDeliveredAgainAddsNothingAndTheResultListsTheRowsInTheObjectsOrder() {
        assertTrue(store.start(ID, 2, T0));
        assertFalse(store.start(ID, 2, T0.plusSeconds(5)), "a redelivered upload event starts nothing");
        ImportProgressStore.Progress first = store.count(ID, 1, tally(10, 1, 900));
        assertEquals(List.of(1, 10L, 1L, 1L), List.of(first.done(), first.accepted(), first.duplicates(), first.rejected()));
        assertFalse(first.complete());
        assertEquals(first, store.count(ID, 1, tally(10, 1, 900)), "the same chunk again");

        ImportProgressStore.Progress last = store.count(ID, 0, tally(7, 0, 20));
        assertTrue(last.complete());
        ImportResult result = store.result(ID, T0.plusSeconds(60));
        assertEquals(new ImportResult("events/history.jsonl", "\"abc\"", 17, 1, 2, 2, T0, T0.plusSeconds(60),
                List.of(tally(7, 0, 20).rejectedRows().get(0), tally(10, 1, 900).rejectedRows().get(0)), 0,
                null), result);
        assertEquals(result, store.result(ID, T0.plusSeconds(99)), "a second writer writes the same result");
    }

    @Test
    void anEmptyObjectIsCompleteAtOnce() {
        store.start(ID, 0, T0);
        ImportResult result = store.result(ID, T0);
        assertEquals(List.of(0L, 0L, 0L, 0), List.of(result.accepted(), result.duplicates(), result.rejected(),
                result.chunks()));
    }
}
