package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job routes fed with the sample requests in events/admin, on DynamoDB Local: a backtest and a publish start their
 * job in one transaction with each segment's first event (and a publish with the pointer's move), one re-score of a
 * model runs at a time, and a job is shown as design-13 writes it.
 */
class JobRoutesTest {
    private static final String BACKTEST = "../../events/admin/backtest-revision.json";
    private static final String PUBLISH = "../../events/admin/publish-revision.json";
    private static final String GET_JOB = "../../events/admin/get-job.json";
    private static final String CALLER = "arn:aws:iam::123456789012:user/marketing-ops";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private AdminHandler handler;
    private ModelStore models;
    private JobStore jobs;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", NOW.toString());
        handler = new AdminHandler(new Environment(env));
        String table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        jobs = new JobStore(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), NOW);
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml()
                .replace("    points: 15\n", "    points: 40\n"), CALLER, NOW, "pricing up", null));
    }

    @Test
    void aBacktestStartsItsJobWithEachSegmentHandedOutAndChangesNothingElse() {
        ModelPointer before = models.pointer("default").orElseThrow();

        APIGatewayV2HTTPResponse response = handle(BACKTEST, request -> { });

        JsonNode started = body(202, response);
        String jobId = started.get("jobId").asText();
        assertEquals(Map.of("jobId", jobId, "type", "backtest", "status", "queued"), JSON.convertValue(started, Map.class));
        assertEquals("/v1/jobs/" + jobId, response.getHeaders().get("location"));
        Job job = jobs.job(jobId).orElseThrow();
        assertEquals(List.of(2, 1, 8), List.of(job.revision(), job.baseline(), job.segments()),
                "revision 2 against the published 1, in the template's 8 segments");
        assertEquals(List.of(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")),
                List.of(job.from(), job.to()));
        assertEquals(CALLER, job.createdBy());
        assertEquals(IntStream.range(0, 8).mapToObj(k -> new JobSegmentReady(jobId, "backtest", "default", 2, k, 8, 1))
                .toList(), outbox.forJob(jobId).stream().map(Outbox.Record::event)
                .sorted(Comparator.comparingInt(e -> ((JobSegmentReady) e).segment())).toList());
        assertEquals(before, models.pointer("default").orElseThrow(), "a backtest publishes nothing");

        JsonNode shown = body(200, handle(GET_JOB, request -> request.getPathParameters().put("jobId", jobId)));
        assertEquals("queued", shown.get("status").asText());
        assertEquals(List.of(8, 0), List.of(shown.at("/segments/total").asInt(), shown.at("/segments/done").asInt()));
        assertEquals("{\"done\":0,\"total\":null,\"changed\":0,\"unchanged\":0,\"errors\":0}",
                shown.get("leads").toString(), "no total before every segment has counted its leads");
        assertEquals(0, shown.get("errors").size());
        assertFalse(shown.has("report"), "a report once the backtest is done");
        assertEquals(List.of("jobId", "type", "modelId", "revision", "status", "createdAt", "updatedAt", "segments",
                "leads", "errors"), fieldNames(shown), "design-13's job, in its order");
    }

    @Test
    void aBacktestWindowIsTwoInstantsTheFirstBeforeTheLast() {
        assertEquals("invalid_window", error(400, handle(BACKTEST, request -> request.setQueryStringParameters(
                Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-09-01T00:00:00Z")))));
        assertEquals("invalid_from", error(400, handle(BACKTEST, request -> request.setQueryStringParameters(
                Map.of("from", "last tuesday")))));
        assertEquals("unknown_parameter", error(400, handle(BACKTEST, request -> request.setQueryStringParameters(
                Map.of("since", "2026-09-01T00:00:00Z")))));
        assertEquals("revision_not_found", error(404, handle(BACKTEST, request -> request.getPathParameters()
                .put("n", "3"))));
    }

    @Test
    void aPublishMovesThePointerWithItsReScoreAndASecondWaitsUntilItIsDone() {
        APIGatewayV2HTTPResponse response = handle(PUBLISH, request -> { });

        String jobId = body(202, response).get("jobId").asText();
        ModelPointer pointer = models.pointer("default").orElseThrow();
        assertEquals(2, pointer.published());
        assertEquals(jobId, pointer.rescoring(), "the pointer names its re-score");
        assertEquals(CALLER, pointer.publishedBy());
        assertEquals(pointer.publishedAt(), jobs.job(jobId).orElseThrow().createdAt(), "one moment, one write");
        assertEquals(8, outbox.forJob(jobId).size());
        assertFalse(jobs.job(jobId).orElseThrow().announce(), "silent unless asked");

        JsonNode refused = body(409, handle(PUBLISH, request -> request.getPathParameters().put("n", "1")));
        assertEquals("rescore_running", refused.at("/error/code").asText());
        assertTrue(refused.at("/error/message").asText().contains(jobId), refused.toString());
        assertEquals(pointer, models.pointer("default").orElseThrow(), "refused: nothing changed");

        assertEquals("invalid_announce", error(400, handle(PUBLISH, request -> request.setQueryStringParameters(
                Map.of("announce", "yes")))));
    }

    @Test
    void aPublishOfARevisionThatDoesNotExistChangesNothing() {
        ModelPointer before = models.pointer("default").orElseThrow();

        assertEquals("revision_not_found", error(404, handle(PUBLISH, request -> request.getPathParameters()
                .put("n", "7"))));

        assertEquals(before, models.pointer("default").orElseThrow());
    }

    @Test
    void anUnknownJobIsNotFoundAndAReportIsAFinishedBacktests() {
        assertEquals("job_not_found", error(404, handle(GET_JOB, request -> { })));
        assertEquals("invalid_job_id", error(400, handle(GET_JOB, request -> request.getPathParameters()
                .put("jobId", "../JOB"))));

        String backtest = body(202, handle(BACKTEST, request -> { })).get("jobId").asText();
        assertEquals("report_not_ready", error(409, handle(GET_JOB, request -> {
            request.getPathParameters().put("jobId", backtest);
            request.setQueryStringParameters(Map.of("format", "csv"));
        })));
        String rescore = body(202, handle(PUBLISH, request -> { })).get("jobId").asText();
        assertEquals("no_report", error(400, handle(GET_JOB, request -> {
            request.getPathParameters().put("jobId", rescore);
            request.setQueryStringParameters(Map.of("format", "csv"));
        })));
        JsonNode shown = body(200, handle(GET_JOB, request -> request.getPathParameters().put("jobId", rescore)));
        assertEquals("rescore", shown.get("type").asText());
        assertNull(shown.get("report"));
    }

    private APIGatewayV2HTTPResponse handle(String sample, Consumer<APIGatewayV2HTTPEvent> change) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(sample);
        request.setPathParameters(new HashMap<>(request.getPathParameters()));
        change.accept(request);
        return handler.handleRequest(request, null);
    }

    private static String error(int status, APIGatewayV2HTTPResponse response) {
        return body(status, response).at("/error/code").asText();
    }

    private static JsonNode body(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
