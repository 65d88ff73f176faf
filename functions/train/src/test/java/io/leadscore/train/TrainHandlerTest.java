package io.leadscore.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The train function on DynamoDB Local, as its schedule and the bus invoke it: 30 scored leads without a verdict yet,
 * so the run reads them all, reports that it found nothing, and drafts no revision.
 */
class TrainHandlerTest {
    private static final int LEADS = 30;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private TrainHandler handler;
    private TrainingRuns runs;
    private ModelStore models;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        handler = new TrainHandler(new Environment(LocalFunctions.environment("TrainFunction")));
        runs = new TrainingRuns(dynamoDb.client(), table);
        models = new ModelStore(dynamoDb.client(), table);
    }

    @Test
    void theWeeklyScheduleQueuesARunThatTheBusHandsBackToCarryOut() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        models.seed("default", ModelSeed.of(null), now.minus(Duration.ofDays(200)));
        scoreLeads(now);

        TrainHandler.Outcome queued = handler.handleRequest(Map.of("model", "default"), null);
        assertEquals(TrainingRun.QUEUED, queued.status());
        TrainHandler.Outcome skipped = handler.handleRequest(Map.of("model", "default"), null);
        assertEquals(queued.runId(), skipped.runId(), "one run at a time: the week's second is skipped");
        assertNull(skipped.status());

        TrainHandler.Outcome done = handler.handleRequest(handOut(queued.runId()), null);

        assertEquals(new TrainHandler.Outcome(queued.runId(), TrainingRun.DONE, null, null), done);
        TrainingRun run = runs.run(queued.runId()).orElseThrow();
        assertEquals(TrainHandler.SCHEDULE_AUTHOR, run.createdBy());
        assertEquals(LEADS, run.leads());
        JsonNode report = readTree(run.reportJson());
        assertTrue(report.get("foundNothing").asBoolean(), report.toString());
        assertTrue(report.at("/training/examples").asInt() > 0, report.toString());
        assertEquals(0, report.at("/training/positives").asInt());
        assertEquals(1, models.pointer("default").orElseThrow().latest(), "no draft when nothing was found");
        assertTrue(runs.holder("default").isEmpty(), "the model is free for the next run");

        TrainHandler.Outcome again = handler.handleRequest(handOut(queued.runId()), null);
        assertEquals(new TrainHandler.Outcome(queued.runId(), null, null, "not queued: carried out already"), again);
    }

    @Test
    void aScheduleForAnotherModelOrAnotherJobsEventIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("model", "other"), null));
        Map<String, Object> backtest = Map.of("detail-type", JobSegmentReady.DETAIL_TYPE, "detail",
                new JobSegmentReady("job-1", JobSegmentReady.BACKTEST, "default", 2, 0, 1, 1).detail());
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(backtest, null));
    }

    private static Map<String, Object> handOut(String runId) {
        return Map.of("detail-type", JobSegmentReady.DETAIL_TYPE, "source", "leadscore", "detail",
                new JobSegmentReady(runId, JobSegmentReady.TRAINING, "default", 1, 0, 1, 1).detail());
    }

    /** Each lead viewed the pricing page and a blog post weekly for ten weeks, 100 to 30 days ago. */
    private void scoreLeads(Instant now) {
        String table = dynamoDb.tableName("LeadScoreTable");
        Retention retention = Retention.ofDays(365);
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), retention);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, retention);
        ScoringRun scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        for (int n = 0; n < LEADS; n++) {
            String leadId = "lead-" + n;
            List<Activity> views = new ArrayList<>();
            for (int week = 0; week < 10; week++) {
                Instant at = now.minus(Duration.ofDays(100 - 7L * week)).plusSeconds(n);
                String path = week % 2 == 0 ? "/pricing" : "/blog/post-" + week;
                views.add(new Activity(leadId + "-" + week, "page_view", leadId, at,
                        Map.of("url", "https://acme.example" + path), "site", at));
            }
            views.forEach(activities::record);
            scoring.apply(new ScoringRun.Group(Map.of(leadId, views), null));
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
