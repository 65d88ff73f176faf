package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.account.Account;
import io.leadscore.aws.dynamodb.ScoringRehearsal;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart's rehearsal of scoring ({@link ScoreHandler#rehearse}) on DynamoDB Local: it scores its batches with the
 * default model through the handler's path, as a live batch would be scored, and leaves the table as it was.
 */
class ScoreRehearsalTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void scoresTheSampleBatchesWithoutChangingTheTable() {
        dynamoDb.freshTables();
        ScoreHandler handler = new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
        // A table with leads, ledgers and the published model in it.
        handler.handleRequest(EventLoader.loadDynamoDbEvent("../../events/score/new-activities.json"), null);
        List<Map<String, AttributeValue>> before = scan();

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ScoringRehearsal rehearsal;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            rehearsal = handler.rehearse();
        } finally {
            System.setOut(out);
        }

        assertEquals(before, scan(), "priming writes nothing");
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("ActivitiesScored"),
                "no metric line: a rehearsal is no invocation");
        Lead buyer = rehearsal.lead(ScoringRehearsal.BUYER).orElseThrow();
        // fit 30 (VP 5, software 10, size 250 10, US 5); pricing 15 twice, demo request 20, talk to sales 10,
        // demo page 10, pricing read 5
        assertEquals(105, buyer.score());
        assertEquals(2, buyer.revision(), "written by the first batch, then over it by the second");
        assertTrue(buyer.qualifications().containsKey("salesReady"), "the second batch crosses the line");
        assertEquals(7, rehearsal.ledger(ScoringRehearsal.BUYER).size(), "one entry per activity, read back");
        // email click 3, video watched to 95%: half 4 and completed 8
        assertEquals(15, rehearsal.lead(ScoringRehearsal.ENGINEER).orElseThrow().score());
        assertEquals(-10, rehearsal.lead(ScoringRehearsal.SEEKER).orElseThrow().score(), "careers page");
        Account account = rehearsal.account("rehearsal.invalid").orElseThrow();
        Map<String, Integer> shares = new TreeMap<>();
        rehearsal.members(account.id()).forEach((leadId, share) -> shares.put(leadId, share.score()));
        assertEquals(Map.of(ScoringRehearsal.BUYER, 105, ScoringRehearsal.ENGINEER, 15), shares,
                "the account's member shares, read back");
    }

    private List<Map<String, AttributeValue>> scan() {
        return dynamoDb.client().scan(r -> r.tableName(dynamoDb.tableName("LeadScoreTable")).consistentRead(true))
                .items();
    }
}
