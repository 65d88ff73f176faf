package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.GetItemCounter;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The score function reads the model from the table: a revision published while it runs scores its next batch, with
 * no restart and no redeploy; and its cache keeps that to one read of the model's pointer per batch (GetItem requests
 * counted by {@link GetItemCounter}, registered in this module's test resources).
 */
class PublishedRevisionTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";
    private static final String MODEL = "default";
    private static final String AUTHOR = "arn:aws:iam::123456789012:user/marketing-ops";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore models;
    private LeadStore leads;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        models = new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
    }

    @Test
    void aRunningFunctionScoresItsNextBatchWithARevisionPublishedMeanwhile() {
        ScoreHandler running = handler();
        assertTrue(running.handleRequest(batch("a"), null).getBatchItemFailures().isEmpty());
        assertEquals("default@1", entry("lead-42", "evt-0001-a").model(), "the seeded revision scored the first batch");
        assertEquals(15, entry("lead-42", "evt-0001-a").change(), "pricing page: 15 points in revision 1");

        ModelRevision second = models.draft(MODEL, n -> ModelRevision.draft(MODEL, n,
                ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n"), AUTHOR, Instant.now(),
                "sales asked for more weight on pricing", 1));
        models.publish(MODEL, second.number(), AUTHOR, Instant.now());
        assertTrue(running.handleRequest(batch("b"), null).getBatchItemFailures().isEmpty());

        LedgerEntry pricing = entry("lead-42", "evt-0001-b");
        assertEquals("default@2", pricing.model(), "the ledger names the revision");
        assertEquals(40, pricing.change());
        assertEquals("default@2", leads.lead("lead-42").orElseThrow().model());
        assertEquals("default@1", entry("lead-42", "evt-0001-a").model(), "what was scored before stays explained");
    }

    @Test
    void fiftyBatchesReadThePointerFiftyTimesAndTheRevisionOnce() {
        models.seed(MODEL, ModelSeed.of(null), Instant.now());
        ScoreHandler running = handler();
        long pointer = pointerReads();
        long revision = revisionReads();

        for (int batch = 1; batch <= 50; batch++) {
            assertTrue(running.handleRequest(batch("b" + batch), null).getBatchItemFailures().isEmpty());
        }

        long pointerRead = pointerReads() - pointer;
        long revisionRead = revisionReads() - revision;
        System.out.println("[reads] score, 50 batches: model pointer " + pointerRead + " GetItem, revision "
                + revisionRead);
        assertEquals(50, pointerRead);
        assertEquals(1, revisionRead);
        assertEquals(50 * 3, leads.recentLedger("lead-42", 1000).size(), "every batch was scored");
    }

    private ScoreHandler handler() {
        return new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
    }

    /** The sample batch with event ids of its own ({@code evt-0001-<suffix>}...): new activities each time. */
    private static DynamodbEvent batch(String suffix) {
        DynamodbEvent batch = EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
        for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            String eventId = image.get("eventId").getS() + "-" + suffix;
            image.put("eventId", new AttributeValue().withS(eventId));
            image.put("sk", new AttributeValue().withS("ACT#" + eventId));
            record.getDynamodb().getKeys().put("sk", new AttributeValue().withS("ACT#" + eventId));
        }
        return batch;
    }

    private LedgerEntry entry(String leadId, String eventId) {
        List<LedgerEntry> ledger = leads.recentLedger(leadId, 1000);
        return ledger.stream().filter(e -> e.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger entry for " + eventId + " in " + ledger));
    }

    private static long pointerReads() {
        return GetItemCounter.reads("MODEL#" + MODEL, "MODEL");
    }

    private static long revisionReads() {
        return GetItemCounter.reads("MODEL#" + MODEL, "REV#000001");
    }
}
