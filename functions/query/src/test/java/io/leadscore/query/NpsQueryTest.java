package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /v1/reports/nps and the leads list's {@code nps} filter on DynamoDB Local, over six leads scored with the
 * default model: the figures below are worked out by hand from their answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NpsQueryTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;

    @BeforeAll
    void sixLeadsAndTheirAnswers() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
        ScoringRun scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        batch.put("ann", answers("ann@acme.com", 10));          // acme promoter
        batch.put("bob", answers("bob@acme.com", 9, 3));        // acme: a promoter once, a detractor now
        batch.put("cat", answers("cat@acme.com", 8));           // acme passive
        batch.put("dan", answers("dan@globex.com", 6));         // globex detractor
        batch.put("eve", answers("eve@gmail.com", 10));         // no account (free mail): overall only
        batch.put("fay", answers("fay@acme.com"));              // never answered
        scoring.groups(batch).forEach(scoring::apply);
    }

    @Test
    void theReportCountsEachLeadsLatestAnswerOverallAndPerAccountUnhappiestFirst() {
        JsonNode report = body(200, report(Map.of()));

        // promoters ann, eve; passive cat; detractors bob, dan: 100 * (2 - 2) / 5 = 0
        assertEquals(Json.mapper().valueToTree(Map.of("responses", 5, "promoters", 2, "passives", 1,
                "detractors", 2, "nps", 0)), report.get("overall"));
        // globex: dan, 100 * (0 - 1) / 1 = -100; acme: ann, cat, bob, 100 * (1 - 1) / 3 = 0
        assertEquals(List.of("globex.com 1/0/0/1 -100", "acme.com 3/1/1/1 0"), report.get("accounts").valueStream()
                .map(a -> a.get("accountId").asText() + " " + a.get("responses") + "/" + a.get("promoters") + "/"
                        + a.get("passives") + "/" + a.get("detractors") + " " + a.get("nps")).toList());
    }

    @Test
    void theReportAsCsv() {
        APIGatewayV2HTTPResponse response = report(Map.of("format", "csv"));

        assertEquals(200, response.getStatusCode());
        assertEquals("text/csv; charset=utf-8", response.getHeaders().get("content-type"));
        assertEquals("\uFEFFscope,accountId,responses,promoters,passives,detractors,nps\r\n"
                + "overall,,5,2,1,2,0\r\n"
                + "account,globex.com,1,0,0,1,-100\r\n"
                + "account,acme.com,3,1,1,1,0\r\n", response.getBody());
    }

    @Test
    void theReportRefusesAnUnknownFormatOrParameterNamingIt() {
        assertEquals("format", body(400, report(Map.of("format", "xml"))).at("/error/field").asText());
        assertEquals("from", body(400, report(Map.of("from", "2026-11-01"))).at("/error/field").asText());
    }

    @Test
    void leadsFilterByTheClassOfTheirLatestAnswer() {
        assertEquals(List.of("bob", "dan"), leadIds(Map.of("nps", "detractor")));
        assertEquals(List.of("ann", "cat", "eve"), leadIds(Map.of("nps", "promoter,passive")));
        assertEquals(List.of("ann", "bob", "cat", "dan", "eve", "fay"), leadIds(Map.of()));
    }

    @Test
    void theFilterRefusesAClassItDoesNotKnowNamingIt() {
        for (String bad : List.of("happy", "promoter,", "Promoter", "")) {
            JsonNode error = body(400, list(Map.of("nps", bad))).get("error");
            assertEquals("invalid_nps", error.get("code").asText(), bad);
            assertEquals("nps", error.get("field").asText());
        }
    }

    private List<String> leadIds(Map<String, String> query) {
        return new ArrayList<>(new TreeSet<>(body(200, list(query)).get("items").valueStream()
                .map(row -> row.get("leadId").asText()).toList()));
    }

    private APIGatewayV2HTTPResponse list(Map<String, String> query) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent("../../events/query/get-lead.json");
        request.setRouteKey("GET /v1/leads");
        request.setPathParameters(null);
        Map<String, String> parameters = new HashMap<>(query);
        parameters.put("limit", "25");
        request.setQueryStringParameters(parameters);
        return handler.handleRequest(request, null);
    }

    private APIGatewayV2HTTPResponse report(Map<String, String> query) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent("../../events/query/get-nps-report.json");
        request.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        return handler.handleRequest(request, null);
    }

    /** The lead identifies itself by its email, then answers the survey a day apart each time. */
    private static List<Activity> answers(String email, int... scores) {
        String lead = email.substring(0, email.indexOf('@'));
        List<Activity> activities = new ArrayList<>();
        activities.add(new Activity(lead + "-identify", "identify", lead, T0, Map.of("email", email), "site", T0));
        for (int i = 0; i < scores.length; i++) {
            Instant at = T0.plusSeconds(86_400L * (i + 1));
            activities.add(new Activity(lead + "-nps-" + i, "nps_response", lead, at,
                    Map.of("score", BigDecimal.valueOf(scores[i])), "site", at));
        }
        return activities;
    }
}
