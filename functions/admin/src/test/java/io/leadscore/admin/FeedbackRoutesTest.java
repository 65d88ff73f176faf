package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The feedback routes of the admin function, fed with the samples in events/admin, on DynamoDB Local: a CRM's verdict
 * moves the lead's stage and its score by the model's rule once per feedbackId, and bad input is refused by field.
 */
class FeedbackRoutesTest {
    private static final String ONE = "../../events/admin/lead-feedback.json";
    private static final String BATCH = "../../events/admin/feedback-batch.json";
    private static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private AdminHandler handler;
    private LeadStore leads;

    @BeforeEach
    void aLeadThatWasScored() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", NOW.toString());
        handler = new AdminHandler(new Environment(env));
        leads = ScoredLead.dana(dynamoDb);
    }

    @Test
    void aLostLeadsScoreFallsByTheModelsRuleOnceHoweverOftenTheCrmSendsIt() {
        JsonNode first = body(200, handle(ONE, request -> { }));
        JsonNode again = body(200, handle(ONE, request -> { }));

        assertEquals("applied", first.get("status").asText());
        assertEquals("lost", first.get("stage").asText());
        assertEquals(15 - 30, first.get("score").asInt());
        assertEquals("duplicate", again.get("status").asText());
        assertEquals(15 - 30, again.get("score").asInt());
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(-15, dana.score());
        assertEquals(Stage.LOST, dana.stage());
        List<LedgerEntry> verdicts = leads.ledger("dana").stream().filter(e -> e.reason().equals("feedback")).toList();
        assertEquals(1, verdicts.size());
        assertEquals("sam@acme.example", verdicts.get(0).stage().who());
        assertEquals("Went with a competitor", verdicts.get(0).stage().why());
        assertEquals(-30, verdicts.get(0).change());
    }

    @Test
    void anUnknownTypeIsA400NamingItAndNothingIsRecorded() {
        JsonNode error = body(400, handle(ONE, request -> request.setBody(request.getBody()
                .replace("\"lost\"", "\"closed-lost\""))));

        assertEquals("invalid_feedback", error.at("/error/code").asText());
        assertEquals("type", error.at("/error/field").asText());
        assertEquals("unknown type 'closed-lost' (types: accepted, rejected, opportunity, won, lost, recycled)",
                error.at("/error/problems/0/problem").asText());
        assertEquals(15, leads.lead("dana").orElseThrow().score());
    }

    @Test
    void aVerdictOnAnUnknownLeadIsA404() {
        JsonNode error = body(404, handle(ONE, request -> request.getPathParameters().put("leadId", "nobody")));

        assertEquals("lead_not_found", error.at("/error/code").asText());
        assertEquals("leadId", error.at("/error/field").asText());
        assertFalse(leads.lead("nobody").isPresent());
    }

    @Test
    void aMoveThatMakesNoSenseIsA409NamingTheType() {
        body(200, handle(ONE, request -> { }));

        JsonNode error = body(409, handle(ONE, request -> request.setBody(request.getBody()
                .replace("\"lost\"", "\"accepted\"").replace("crm-opp-4411-lost", "crm-opp-4411-accepted"))));

        assertEquals("invalid_transition", error.at("/error/code").asText());
        assertEquals("type", error.at("/error/field").asText());
        assertEquals("cannot move a lead from lost to sql (accepted applies to a lead in lead, mql, rejected,"
                + " recycled)", error.at("/error/message").asText());
        assertEquals(Stage.LOST, leads.lead("dana").orElseThrow().stage());
    }

    @Test
    void aBatchAnswersEachItemInOrder() {
        JsonNode answer = body(200, handle(BATCH, request -> { }));

        assertEquals(Map.of("applied", 1, "unknown_lead", 1), Json.mapper().convertValue(answer.get("counts"),
                Map.class));
        assertEquals("applied", answer.at("/results/0/status").asText());
        assertEquals("sql", answer.at("/results/0/stage").asText());
        assertEquals("unknown_lead", answer.at("/results/1/status").asText());
        assertEquals("items[1].leadId", answer.at("/results/1/errors/0/field").asText());
        assertEquals(Stage.SQL, leads.lead("dana").orElseThrow().stage());
    }

    @Test
    void aBatchItemIsRefusedByItsFieldAndTheOthersAreApplied() {
        JsonNode answer = body(200, handle(BATCH, request -> request.setBody(request.getBody()
                .replace("\"reason\": \"Student, no budget\", ", ""))));

        assertEquals("rejected", answer.at("/results/1/status").asText());
        assertEquals("items[1].reason", answer.at("/results/1/errors/0/field").asText());
        assertEquals("is required for a rejection", answer.at("/results/1/errors/0/problem").asText());
        assertEquals("applied", answer.at("/results/0/status").asText());
    }

    @Test
    void aBatchOfMoreThanAHundredIsRefusedWhole() {
        String items = IntStream.range(0, 101).mapToObj(i -> "{\"leadId\": \"dana\", \"type\": \"won\", \"rep\": \"sam\","
                + " \"at\": \"2026-11-23T10:00:00Z\", \"feedbackId\": \"f-" + i + "\"}").collect(Collectors.joining(","));

        JsonNode error = body(400, handle(BATCH, request -> request.setBody("{\"items\": [" + items + "]}")));

        assertEquals("items", error.at("/error/field").asText());
        assertEquals("must be a list of 1 to 100 verdicts, not 101", error.at("/error/message").asText());
        assertEquals(Stage.LEAD, leads.lead("dana").orElseThrow().stage());
    }

    private APIGatewayV2HTTPResponse handle(String sample, Consumer<APIGatewayV2HTTPEvent> change) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(sample);
        request.setHeaders(new HashMap<>(request.getHeaders()));
        if (request.getPathParameters() != null) {
            request.setPathParameters(new HashMap<>(request.getPathParameters()));
        }
        change.accept(request);
        return handler.handleRequest(request, null);
    }

    private static JsonNode body(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
