package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.RescoreRun;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.leadscore.history.HistoryImportTest.MODEL;
import static io.leadscore.history.HistoryImportTest.NOW;
import static io.leadscore.history.HistoryImportTest.comparable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring in time order, whatever the order of arrival: 1,500 events of 50 leads over 180 days, shuffled and cut
 * into batches that arrive one after another, four at a time in parallel, and one of them twice. Every lead ends as
 * its whole history replayed at now (score, groups, decay, cold state, tallies), its ledger adds up to its score, a
 * publish's re-score finds nothing to change, and nothing is announced.
 */
class ShuffledHistoryImportTest {
    private static final int LEADS = 50;
    private static final int EVENTS = 1_500;
    private static final int BATCH = 75;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void shuffledParallelAndRepeatedBatchesEndAsEachLeadsHistoryReplayedInTimeOrder() throws Exception {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LeadStore leads = new LeadStore(dynamoDb.client(), table, clock, Retention.DEFAULT);
        HistoryImport history = new HistoryImport(new ImportedActivityStore(dynamoDb.client(), table,
                new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT), Optional.empty()), leads, MODEL,
                Retention.DEFAULT, clock, new Parallel(4, "import"));
        List<List<JsonNode>> batches = batches(new Random(18));

        List<ImportAnswer> answers = new ArrayList<>();
        for (List<JsonNode> batch : batches.subList(0, 6)) {
            answers.add(history.run(new ImportBatch(batch, false)));
        }
        ExecutorService parallel = Executors.newFixedThreadPool(4);
        try {
            List<Future<ImportAnswer>> running = new ArrayList<>();
            for (List<JsonNode> batch : batches.subList(6, 14)) {
                running.add(parallel.submit(() -> history.run(new ImportBatch(batch, false))));
            }
            for (Future<ImportAnswer> answer : running) {
                answers.add(answer.get());
            }
        } finally {
            parallel.shutdown();
        }
        ImportAnswer repeated = history.run(new ImportBatch(batches.get(3), false));
        for (List<JsonNode> batch : batches.subList(14, batches.size())) {
            answers.add(history.run(new ImportBatch(batch, false)));
        }

        assertEquals(EVENTS, answers.stream().mapToInt(ImportAnswer::accepted).sum());
        assertEquals(List.of(), answers.stream().flatMap(a -> a.rejected().stream()).toList());
        assertEquals(new ImportAnswer(0, BATCH, List.of()), repeated);
        Rescorer rescorer = new Rescorer(MODEL);
        RescoreRun publish = new RescoreRun(leads, MODEL, clock, true);
        int cold = 0;
        int decayed = 0;
        for (int l = 0; l < LEADS; l++) {
            String leadId = "lead-" + l;
            Lead lead = leads.lead(leadId).orElseThrow();
            var recorded = leads.recorded(leadId, true);
            assertEquals(comparable(rescorer.replay(leadId, recorded, List.of(), NOW)), comparable(lead), leadId);
            assertEquals(recorded.size(), lead.appliedActivities(), leadId);
            assertEquals(lead.score(), leads.ledger(leadId).stream().mapToInt(LedgerEntry::change).sum(),
                    leadId + ": the ledger explains the score");
            assertEquals(recorded.size(), leads.ledger(leadId).stream()
                    .filter(entry -> entry.reason().equals(LedgerEntry.EVENT)).count(), leadId + ": an entry each");
            assertEquals(RescoreRun.Outcome.UNCHANGED, publish.rescore(leadId), leadId + ": a publish replays it");
            cold += lead.isCold() ? 1 : 0;
            decayed += lead.decayedAt().isEmpty() ? 0 : 1;
        }
        assertTrue(cold > 5 && decayed > 5, "cold " + cold + ", decayed " + decayed + ": both states are reached");
        assertEquals(0, outboxRows(table), "nothing announced");
    }

    private int outboxRows(String table) {
        return dynamoDb.client().scan(request -> request.tableName(table).filterExpression("#kind = :outbox")
                .expressionAttributeNames(Map.of("#kind", "kind"))
                .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS("outbox")))).count();
    }

    /** 1,500 events of 50 leads (many with a company email, so that accounts are shared) over 180 days, shuffled. */
    static List<List<JsonNode>> batches(Random random) {
        List<JsonNode> events = new ArrayList<>();
        Instant start = NOW.minus(Duration.ofDays(180));
        for (int i = 0; i < EVENTS; i++) {
            int lead = i < LEADS ? i : random.nextInt(LEADS);
            // Some leads are busy only in the first months, so that they decay and go cold.
            long window = lead % 3 == 0 ? Duration.ofDays(60).toSeconds() : Duration.ofDays(180).toSeconds();
            Instant at = start.plusSeconds((long) (random.nextDouble() * window));
            events.add(event("imp-" + i, "lead-" + lead, at, i < LEADS ? -1 : random.nextInt(6)));
        }
        Collections.shuffle(events, random);
        List<List<JsonNode>> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            batches.add(events.subList(from, Math.min(from + BATCH, events.size())));
        }
        return batches;
    }

    private static ObjectNode event(String eventId, String leadId, Instant at, int kind) {
        ObjectNode event = Json.mapper().createObjectNode().put("eventId", eventId).put("leadId", leadId)
                .put("timestamp", at.toString());
        ObjectNode properties = event.putObject("properties");
        int n = Integer.parseInt(leadId.substring(5));
        switch (kind) {
            case -1 -> {
                event.put("type", "identify");
                properties.put("email", leadId + "@company-" + (n % 40) + ".example").put("jobTitle",
                        n % 2 == 0 ? "VP Engineering" : "Student").put("companySize", 50 + n);
            }
            case 0, 1 -> event.put("type", "page_view").set("properties", properties.put("url",
                    "https://acme.example/" + (kind == 0 ? "pricing" : "blog/post-" + n % 7)));
            case 2 -> event.put("type", "form_submit").set("properties", properties.put("formId", "demo-request"));
            case 3 -> event.put("type", "email_click").set("properties", properties.put("campaign", "nurture-" + n % 3));
            case 4 -> event.put("type", "video_progress").set("properties", properties.put("videoId", "tour")
                    .put("percent", 25 * (1 + n % 4)));
            default -> event.put("type", "email_open").set("properties", properties.put("campaign", "news"));
        }
        return event;
    }

}
