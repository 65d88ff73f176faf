package io.leadscore.query;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query handler fed with the sample requests in events/query, over a lead scored on DynamoDB Local. */
class QueryHandlerTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private LeadStore leads;
    private ScoringRun scoring;

    @BeforeEach
    void aScoredLead() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT);
        scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        score(List.of(
                activity("evt-1", "page_view", at, Map.of("url", "https://acme.example/pricing")),
                activity("evt-2", "page_view", at.plusSeconds(60), Map.of("url", "https://acme.example/pricing")),
                activity("evt-3", "identify", at.plusSeconds(120),
                        Map.of("jobTitle", "Director of IT", "companySize", new BigDecimal(400))),
                activity("evt-4", "page_view", at.plusSeconds(180), Map.of("url", "https://acme.example/blog/x"))));
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void explainsTheScoreRuleByRule(APIGatewayV2HTTPEvent request) {
        JsonNode lead = body(200, handler.handleRequest(request, null));

        assertEquals(45, lead.get("score").asInt());
        assertEquals(15, lead.get("fit").asInt());
        assertEquals("D", lead.get("grade").asText(), "fit 15: D from 10, C from 20 in the shipped model");
        assertEquals(30, lead.get("engagement").asInt());
        JsonNode top = lead.at("/breakdown/0");
        assertEquals("pricing-page", top.get("rule").asText());
        assertEquals("Viewed the pricing page", top.get("description").asText());
        assertEquals(30, top.get("points").asInt());
        assertEquals(2, top.get("hits").asInt());
        assertEquals(45, sum(lead.get("breakdown")), "the breakdown adds up to the score");
        assertEquals("salesReady", lead.at("/thresholds/0/name").asText());
        assertEquals(false, lead.at("/thresholds/0/reached").asBoolean());
        assertEquals("platform", lead.at("/groups/0/id").asText());
        assertEquals(30, lead.at("/groups/0/score").asInt());
        JsonNode ledger = lead.get("recentLedger");
        assertEquals(4, ledger.size());
        assertEquals("evt-4", ledger.get(0).get("eventId").asText(), "newest first");
        assertEquals(0, ledger.get(0).get("change").asInt(), "a blog view earns nothing, and says so");
        assertEquals(45, ledger.get(1).get("scoreAfter").asInt());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void showsTheQualificationsAnnouncedToSales(APIGatewayV2HTTPEvent request) {
        Instant at = Instant.parse("2026-11-23T11:00:00Z");
        qualify(at);

        JsonNode lead = body(200, handler.handleRequest(request, null));

        assertEquals(105, lead.get("score").asInt());
        assertEquals(true, lead.at("/thresholds/0/reached").asBoolean());
        assertEquals(true, lead.at("/thresholds/0/qualified").asBoolean());
        assertEquals(1, lead.at("/thresholds/0/cycles").asInt());
        assertEquals(false, lead.get("cold").asBoolean());
        JsonNode notification = lead.at("/notifications/0/announcement");
        assertEquals("lead-42/salesReady/1", notification.get("qualificationId").asText());
        assertEquals("LeadQualified", notification.get("detailType").asText());
        assertEquals("evt-8", notification.at("/detail/eventId").asText(), "the pricing view crossed 100");
        assertTrue(notification.get("publishedAt").isNull(), "not yet on the bus");
        assertEquals(0, lead.at("/notifications/0/deliveries").size(), "nor sent to anyone");
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void showsTheStageAndWhoMovedItThere(APIGatewayV2HTTPEvent request) {
        Instant at = Instant.parse("2026-11-23T11:00:00Z");
        qualify(at);
        scoring.feedback(new Feedback("lead-42", "crm-1", FeedbackType.ACCEPTED, "Budget confirmed", "sam",
                at.plusSeconds(3600)));

        JsonNode lead = body(200, handler.handleRequest(request, null));

        assertEquals("sql", lead.get("stage").asText());
        assertEquals(List.of("lead -> mql by leadscore", "mql -> sql by sam"), lead.get("stageHistory").valueStream()
                .map(c -> c.get("from").asText() + " -> " + c.get("to").asText() + " by " + c.get("who").asText())
                .toList());
        assertEquals("Budget confirmed", lead.at("/stageHistory/1/why").asText());
        assertEquals("feedback", lead.at("/recentLedger/0/reason").asText());
        assertEquals("sql", lead.at("/recentLedger/0/stage/to").asText());
    }

    /** Fit 15 is a D, the lead has not qualified (stage lead) and scores 45: in the segment, as the one CSV row. */
    @ParameterizedTest
    @Event(value = "../../events/query/list-leads-segment-csv.json", type = APIGatewayV2HTTPEvent.class)
    void listsASegmentAsCsv(APIGatewayV2HTTPEvent request) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("text/csv; charset=utf-8", response.getHeaders().get("content-type"));
        List<String> lines = List.of(response.getBody().split("\r\n"));
        assertEquals("\uFEFFleadId,email,name,score,fit,grade,engagement,stage,qualified,cold,accountId,lastActivityAt",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("lead-42,,,45,15,D,30,lead,,false,"), lines.get(1));
        assertEquals(2, lines.size(), response.getBody());
        assertNull(response.getHeaders().get("x-next-cursor"), "the last page");
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void showsTheLatestNpsAnswerWithItsClass(APIGatewayV2HTTPEvent request) {
        assertTrue(body(200, handler.handleRequest(request, null)).get("nps").isNull(), "no answer yet");
        Instant at = Instant.parse("2026-11-23T11:00:00Z");
        score(List.of(activity("evt-nps-2", "nps_response", at.plusSeconds(60), Map.of("score", new BigDecimal(4))),
                activity("evt-nps-1", "nps_response", at, Map.of("score", new BigDecimal(10)))));

        JsonNode nps = body(200, handler.handleRequest(request, null)).get("nps");

        assertEquals(4, nps.get("score").asInt());
        assertEquals("2026-11-23T11:01:00Z", nps.get("at").asText());
        assertEquals("detractor", nps.get("category").asText());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void showsTheInteractionsPerJourneyStageAndThoseItHadWhenItBecameAnMql(APIGatewayV2HTTPEvent request) {
        qualify(Instant.parse("2026-11-23T11:00:00Z"));

        JsonNode lead = body(200, handler.handleRequest(request, null));

        // pricing views (decision) at 10:00, 10:01 and 11:03, a demo request (decision), a whitepaper (awareness)
        assertEquals("{\"awareness\":1,\"consideration\":0,\"decision\":4}", lead.get("journey").toString());
        assertEquals("{\"awareness\":1,\"decision\":4}", lead.at("/stageHistory/0/journey").toString());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead-without-iam.json", type = APIGatewayV2HTTPEvent.class)
    void refusesCallersWithoutIamAuthentication(APIGatewayV2HTTPEvent request) {
        assertEquals("forbidden", body(403, handler.handleRequest(request, null)).at("/error/code").asText());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-lead.json", type = APIGatewayV2HTTPEvent.class)
    void answers404ForALeadNeverScored(APIGatewayV2HTTPEvent request) {
        request.setPathParameters(Map.of("leadId", "nobody"));
        JsonNode error = body(404, handler.handleRequest(request, null)).get("error");
        assertEquals("lead_not_found", error.get("code").asText());
        assertEquals("leadId", error.get("field").asText());
    }

    /** A demo request, a whitepaper, a target industry and a pricing view: the lead crosses 100 at the last. */
    private void qualify(Instant at) {
        score(List.of(
                activity("evt-5", "form_submit", at, Map.of("formId", "demo-request")),
                activity("evt-6", "form_submit", at.plusSeconds(60), Map.of("formId", "whitepaper-roi")),
                activity("evt-7", "profile_update", at.plusSeconds(120), Map.of("industry", "software",
                        "country", "US")),
                activity("evt-8", "page_view", at.plusSeconds(180), Map.of("url", "https://acme.example/pricing"))));
    }

    private void score(List<Activity> activities) {
        scoring.groups(Map.of("lead-42", activities)).forEach(scoring::apply);
    }

    private static Activity activity(String id, String type, Instant at, Map<String, Object> properties) {
        return new Activity(id, type, "lead-42", at, properties, "acme-site", at);
    }

    private static int sum(JsonNode breakdown) {
        int sum = 0;
        for (JsonNode line : breakdown) {
            sum += line.get("points").asInt();
        }
        return sum;
    }
}
