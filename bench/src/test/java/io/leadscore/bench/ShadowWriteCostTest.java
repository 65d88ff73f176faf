package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.challenger.Challenge;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.revision.ModelRevision;
import io.leadscore.score.ScoreHandler;
import io.leadscore.score.ShadowHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What scoring in shadow costs in write units, metered as the price benchmark meters every function (each written
 * item priced by DynamoDB's rules from its images, a transaction's writes doubled): the sample stream batch of
 * events/score (5 events, 2 leads) scored live, then in shadow under a challenger. The shadow writes the challenger's
 * lead and ledger items and its counters, and none of the live path's accounts, outbox rows or index entries.
 */
class ShadowWriteCostTest {
    private static final String SAMPLE_BATCH = "../events/score/new-activities.json";
    private static final int EVENTS = 5;
    private static final Instant STARTED = Instant.parse("2026-11-22T09:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @AfterEach
    void stopBreakingDown() {
        ConsumedCapacityMeter.breakDownWrites(null);
    }

    @Test
    void aShadowScoredEventCostsFewerWriteUnitsThanALiveOne() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        ModelStore models = new ModelStore(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), STARTED);
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml().replace(
                "salesReady: { points: 100, rearmBelow: 90 }", "salesReady: { points: 60, rearmBelow: 50 }"),
                "arn:aws:iam::123456789012:user/marketing-ops", STARTED, "sales-ready at 60", null));
        new ChallengeStore(dynamoDb.client(), table).start(models.pointer("default").orElseThrow(),
                new Challenge("default", 2, STARTED, "bench", null, false));
        ScoreHandler score = new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
        ShadowHandler shadow = new ShadowHandler(new Environment(LocalFunctions.environment("ShadowFunction")));
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Meter meter = Meter.start(FunctionSizes.of(template.file()));
        ConsumedCapacityMeter.replayTransactions(new TransactionReplay(dynamoDb, template));
        ConsumedCapacityMeter.breakDownWrites(new ItemWrites(dynamoDb, template));

        meter.invoke("ScoreFunction", () -> score.handleRequest(sample(), null));
        meter.invoke("ShadowFunction", () -> shadow.handleRequest(sample(), null));

        double live = meter.units("ScoreFunction", LineItem.DYNAMODB_WRITE) / EVENTS;
        double shadowed = meter.units("ShadowFunction", LineItem.DYNAMODB_WRITE) / EVENTS;
        System.out.printf("Write units per event of the sample batch: live %.2f, in shadow %.2f (%.0f%%); read units"
                        + " per event: live %.2f, in shadow %.2f%n%s%n", live, shadowed, 100 * shadowed / live,
                meter.units("ScoreFunction", LineItem.DYNAMODB_READ) / EVENTS,
                meter.units("ShadowFunction", LineItem.DYNAMODB_READ) / EVENTS, meter.writes().table(EVENTS));
        assertEquals(meter.units("ShadowFunction", LineItem.DYNAMODB_WRITE),
                meter.writes().units("ShadowFunction", "LEAD#/SHADOW#") + meter.writes().units("ShadowFunction",
                        "COUNT#/*"), "the shadow writes its own items and counters, nothing else");
        assertTrue(shadowed > 0 && shadowed < live, "shadow " + shadowed + " against live " + live);
    }

    private static DynamodbEvent sample() {
        return EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
    }
}
