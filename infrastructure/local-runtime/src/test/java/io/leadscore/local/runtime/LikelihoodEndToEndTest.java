package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revision with hand-set weights drafted through the admin API of the local runtime and published; a lead's events
 * POSTed, scored and announced: the lead API, the likelihood ranking and the LeadQualified webhook all show the
 * probability that the weights' arithmetic on the lead's features gives.
 */
class LikelihoodEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREDICTION = """
            prediction:
              label: opportunity
              horizon: 90d
              intercept: -3
              weights:
                "rule:pricing-page:hits": 0.5
                "fit:target-industry": 0.8
            """;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLeadTheRankingAndTheNotificationShowTheWeightsArithmetic() throws Exception {
        try (WebhookReceiver salesTeam = new WebhookReceiver();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(NotificationLatency.webhookTo(salesTeam)))) {
            int revision = json(send(runtime, "POST", "/v1/models/default/revisions",
                    ModelSeed.of(null).yaml() + PREDICTION), 201).get("number").asInt();
            // The pointer moved alone, as LocalRuntimeEndToEndTest does: no lead to re-score yet.
            new ModelStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"))
                    .publish("default", revision, "arn:aws:iam::000000000000:user/local-admin", Instant.now());

            NotificationLatency.post(http, runtime, NotificationLatency.warmUp("lia"));
            NotificationLatency.post(http, runtime, NotificationLatency.qualifying("lia"));
            JsonNode hook = Json.mapper().readTree(salesTeam.await(body -> body.contains("\"lia\"")
                    && body.contains("\"LeadQualified\""), WAIT).body());

            HttpResponse<String> leadAnswer = send(runtime, "GET", "/v1/leads/lia", null);
            JsonNode lead = json(leadAnswer, 200);
            int hits = 0;
            boolean industry = false;
            for (JsonNode line : lead.get("breakdown")) {
                hits += line.get("rule").asText().equals("pricing-page") ? line.get("hits").asInt() : 0;
                industry |= line.get("rule").asText().equals("target-industry");
            }
            assertEquals(3, hits);
            assertTrue(industry, lead.toString());
            double probability = 1 / (1 + Math.exp(-(-3 + 0.5 * hits + 0.8)));
            assertEquals(probability, lead.at("/likelihood/probability").asDouble(), 1e-12);
            assertEquals(revision, lead.at("/likelihood/revision").asInt());
            assertEquals(lead.at("/likelihood/probability").asDouble(), hook.at("/data/likelihood").asDouble(),
                    "the notification's detail carries the number stored with the score that crossed");
            HttpResponse<String> rankedAnswer = send(runtime, "GET", "/v1/leads?order=likelihood", null);
            JsonNode ranked = json(rankedAnswer, 200);
            assertEquals("lia", ranked.at("/items/0/leadId").asText(), ranked.toString());
            assertEquals(probability, ranked.at("/items/0/likelihood/probability").asDouble(), 1e-12);
            ApiContract contract = ApiContract.load();
            assertEquals(List.of(), contract.violations("GET /v1/leads/{leadId}", 200, "application/json",
                    leadAnswer.body()), "as openapi.json describes it");
            assertEquals(List.of(), contract.violations("GET /v1/leads", 200, "application/json",
                    rankedAnswer.body()));
            runtime.awaitStreams(WAIT);
            runtime.bus().drain(WAIT);
            BusSchemas.assertConform(runtime.bus().published());
        }
    }

    private HttpResponse<String> send(LocalRuntime runtime, String method, String path, String yaml)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey());
        if (yaml != null) {
            request.header("content-type", "application/yaml");
        }
        return http.send(request.method(method, yaml == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
