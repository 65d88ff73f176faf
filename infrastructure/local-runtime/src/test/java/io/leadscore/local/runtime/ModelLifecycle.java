package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.admin.AdminHandler;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The model's lifecycle through a pipeline's admin API: draft, backtest, publish, and a job followed to its end. */
final class ModelLifecycle {
    static final String MODEL = "default";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private final Pipeline pipeline;
    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> admin;

    ModelLifecycle(Pipeline pipeline) {
        this(pipeline, request -> pipeline.admin(request.getRouteKey(), request.getPathParameters(),
                request.getQueryStringParameters(), request.getBody()));
    }

    /** Through another admin function than the pipeline's (one whose clock is elsewhere). */
    ModelLifecycle(Pipeline pipeline, AdminHandler admin) {
        this(pipeline, request -> admin.handleRequest(request, null));
    }

    private ModelLifecycle(Pipeline pipeline, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> admin) {
        this.pipeline = pipeline;
        this.admin = admin;
    }

    private APIGatewayV2HTTPResponse admin(String routeKey, Map<String, String> pathParameters,
                                           Map<String, String> query, String body) {
        return admin.apply(Pipeline.adminRequest(routeKey, pathParameters, query, body));
    }

    /** The shipped model with pricing views at 40 points instead of 15. */
    static String pricingAt40() {
        return ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n");
    }

    /** Drafts the YAML; its revision number. */
    int draft(String yaml) {
        return json(201, admin("POST /v1/models/{modelId}/revisions", Map.of("modelId", MODEL), Map.of(),
                yaml)).get("number").asInt();
    }

    APIGatewayV2HTTPResponse publish(int revision, boolean announce) {
        return admin("POST /v1/models/{modelId}/revisions/{n}/publish",
                Map.of("modelId", MODEL, "n", Integer.toString(revision)), Map.of("announce", Boolean.toString(announce)),
                null);
    }

    /** Publishes the revision, silently: the re-score job's id. */
    String published(int revision) {
        return json(202, publish(revision, false)).get("jobId").asText();
    }

    /** Starts a backtest of the revision over all recorded history: its job's id. */
    String backtest(int revision) {
        return json(202, admin("POST /v1/models/{modelId}/revisions/{n}/backtest",
                Map.of("modelId", MODEL, "n", Integer.toString(revision)), Map.of(), null)).get("jobId").asText();
    }

    APIGatewayV2HTTPResponse job(String jobId, Map<String, String> query) {
        return admin("GET /v1/jobs/{jobId}", Map.of("jobId", jobId), query, null);
    }

    JsonNode job(String jobId) {
        return json(200, job(jobId, Map.of()));
    }

    /** Settles the pipeline (a segment's hand-over goes through the outbox and the bus) until the job ends. */
    JsonNode awaitJob(String jobId) {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        while (true) {
            pipeline.settle();
            JsonNode job = job(jobId);
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " still " + status + " after " + JOB_TIMEOUT + ": " + job);
            }
        }
    }

    ScoringModel revision(int number) {
        return new ModelStore(pipeline.dynamoDb().client(), pipeline.tableName()).revision(MODEL, number).orElseThrow()
                .model();
    }

    static JsonNode json(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body's {@code error.code}, with the status checked. */
    static String error(int status, APIGatewayV2HTTPResponse response) {
        return json(status, response).at("/error/code").asText();
    }

    static Map<String, String> overrides(int segments, int pageSize) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("RESCORE_SETTLE_SECONDS", "1");
        overrides.put("JOB_SEGMENTS", Integer.toString(segments));
        overrides.put("JOB_PAGE_SIZE", Integer.toString(pageSize));
        return overrides;
    }
}
