package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/reports/calibration over leads scored by the shipped model on DynamoDB Local, the figures worked out by hand.
 * Each lead's tagged interactions come first, its profile (30 fit points: software, 400 people, US, a director) last:
 * the profile takes it over 100, so the move to MQL counts every interaction.
 */
class CalibrationEndpointTest {
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private ScoringRun scoring;

    @BeforeEach
    void twoMqlsAndALeadBelowTheLine() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
        scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        // 4 opens (4) + 2 case studies (10) + a demo request (20) + 3 pricing views (45) = 79, + 30 fit = 109
        score("ana", 4, 2, true);
        // 6 opens (6) + 3 case studies (15) + 20 + 45 = 86, + 30 = 116
        score("ben", 6, 3, true);
        // 9 opens: 9 points and its profile, 39: never sales-ready, counts for nothing
        score("cy", 9, 0, false);
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-calibration-report.json", type = APIGatewayV2HTTPEvent.class)
    void averagesTheInteractionsOfTheMqlsAndSuggestsTheThresholdOverTheirSum(APIGatewayV2HTTPEvent request) {
        JsonNode report = body(200, handler.handleRequest(request, null));

        assertEquals("mql", report.get("reached").asText());
        assertEquals(100, report.get("threshold").asInt());
        assertEquals(2, report.get("leads").asInt());
        assertEquals(List.of("awareness", "consideration", "decision"), texts(report.get("stages"), "stage"));
        // awareness (4 + 6) / 2 = 5, consideration (2 + 3) / 2 = 2.5, decision (4 + 4) / 2 = 4
        assertEquals(List.of(5.0, 2.5, 4.0), report.get("stages").valueStream()
                .map(s -> s.get("averageInteractions").doubleValue()).toList());
        assertEquals(11.5, report.get("sumOfAverages").doubleValue());
        assertEquals(8.7, report.get("suggestedPointsPerInteraction").doubleValue()); // 100 / 11.5 = 8.695...
        // the stages' rules' mean points 4.5, 6.5 and 12: (5 x 4.5 + 2.5 x 6.5 + 4 x 12) / 11.5 = 7.543...
        assertEquals(7.54, report.get("currentPointsPerInteraction").doubleValue());
        assertEquals("{\"rule\":\"pricing-page\",\"points\":15}", report.at("/stages/2/rules/0").toString());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-calibration-report.json", type = APIGatewayV2HTTPEvent.class)
    void overTheWonLeadsCountsTheirInteractionsWhenTheyWon(APIGatewayV2HTTPEvent request) {
        scoring.feedback(new Feedback("ben", "crm-1", FeedbackType.WON, null, "sam", AT.plusSeconds(86_400)));
        request.setQueryStringParameters(Map.of("reached", "won"));

        JsonNode report = body(200, handler.handleRequest(request, null));

        assertEquals(1, report.get("leads").asInt());
        assertEquals(List.of(6.0, 3.0, 4.0), report.get("stages").valueStream()
                .map(s -> s.get("averageInteractions").doubleValue()).toList());
        assertEquals(7.69, report.get("suggestedPointsPerInteraction").doubleValue()); // 100 / 13
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-calibration-report.json", type = APIGatewayV2HTTPEvent.class)
    void answersCsvForASpreadsheet(APIGatewayV2HTTPEvent request) {
        request.setQueryStringParameters(Map.of("reached", "mql", "format", "csv"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        assertEquals(200, response.getStatusCode());
        assertEquals("text/csv; charset=utf-8", response.getHeaders().get("content-type"));
        String[] lines = response.getBody().split("\r\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("\uFEFFreached,threshold,leads,stage,averageInteractions,rules,"));
        assertTrue(lines[3].startsWith("mql,100,2,decision,4.0,pricing-page 15; demo-page 10;"), lines[3]);
        assertTrue(lines[3].endsWith(",11.5,8.7,7.54"), lines[3]);
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-calibration-report.json", type = APIGatewayV2HTTPEvent.class)
    void refusesAnythingButMqlOrWonNamingReached(APIGatewayV2HTTPEvent request) {
        for (String reached : List.of("sql", "MQL", "")) {
            request.setQueryStringParameters(Map.of("reached", reached));
            JsonNode error = body(400, handler.handleRequest(request, null)).get("error");
            assertEquals("reached", error.get("field").asText());
            assertEquals("invalid_reached", error.get("code").asText());
        }
        request.setQueryStringParameters(Map.of("reach", "mql"));
        assertEquals("reach", body(400, handler.handleRequest(request, null)).at("/error/field").asText());
        request.setQueryStringParameters(Map.of("format", "xlsx"));
        assertEquals("format", body(400, handler.handleRequest(request, null)).at("/error/field").asText());
    }

    /** Email opens, case studies, when {@code buying} a demo request and three pricing views; then the profile. */
    private void score(String leadId, int opens, int caseStudies, boolean buying) {
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < opens; i++) {
            activities.add(activity(leadId, activities.size(), "email_open", Map.of("campaign", "nl-" + i)));
        }
        for (int i = 0; i < caseStudies; i++) {
            activities.add(activity(leadId, activities.size(), "page_view",
                    Map.of("url", "https://acme.example/customers/c" + i)));
        }
        if (buying) {
            activities.add(activity(leadId, activities.size(), "form_submit", Map.of("formId", "demo-request")));
            for (int i = 0; i < 3; i++) {
                activities.add(activity(leadId, activities.size(), "page_view",
                        Map.of("url", "https://acme.example/pricing")));
            }
        }
        activities.add(activity(leadId, activities.size(), "identify", Map.of("industry", "software",
                "companySize", new BigDecimal(400), "country", "US", "jobTitle", "Director of IT")));
        scoring.groups(Map.of(leadId, activities)).forEach(scoring::apply);
    }

    private static Activity activity(String leadId, int n, String type, Map<String, Object> properties) {
        Instant at = AT.plusSeconds(60L * n);
        return new Activity(leadId + "-" + n, type, leadId, at, properties, "acme-site", at);
    }

    private static List<String> texts(JsonNode items, String field) {
        return items.valueStream().map(item -> item.get(field).asText()).toList();
    }
}
