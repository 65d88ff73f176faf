package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/reports/audit and /v1/reports/stages over leads that became MQLs by their activities and were judged by the
 * CRM through the scoring code path, on DynamoDB Local: every expected figure below is worked out by hand from the
 * generated data set.
 */
class ReportEndpointsTest {
    private static final Instant NOV_2 = Instant.parse("2026-11-02T10:00:00Z");

    private static QueryHandler handler;

    /** The data set is scored once: the tests only read it. */
    @BeforeAll
    static void twentyLeadsScored() {
        LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        twentyLeads(FunnelData.onFreshTables(dynamoDb));
    }

    /**
     * Twenty leads, lead i an MQL on November 2 + (i mod 10) at 10:06; by i mod 5: 0 pending; 1 accepted after i
     * hours (1, 6, 11, 16); 2 rejected "No budget"; 3 rejected "  wrong   PERSON"; 4 accepted after 2 hours, then an
     * opportunity a day on, won (i = 4, 9), lost (14) or still open (19). The rejected registered for a webinar first.
     */
    private static void twentyLeads(FunnelData funnel) {
        for (int i = 0; i < 20; i++) {
            String lead = "lead-" + i;
            Instant mql = funnel.qualify(lead, NOV_2.plus(Duration.ofDays(i % 10)), i % 5 == 2 || i % 5 == 3);
            switch (i % 5) {
                case 1 -> funnel.verdict(lead, FeedbackType.ACCEPTED, mql.plus(Duration.ofHours(i)), null);
                case 2 -> funnel.verdict(lead, FeedbackType.REJECTED, mql.plusSeconds(60), "No budget");
                case 3 -> funnel.verdict(lead, FeedbackType.REJECTED, mql.plusSeconds(60), "  wrong   PERSON");
                case 4 -> {
                    funnel.verdict(lead, FeedbackType.ACCEPTED, mql.plus(Duration.ofHours(2)), null);
                    funnel.verdict(lead, FeedbackType.OPPORTUNITY, mql.plus(Duration.ofDays(1)), null);
                    if (i != 19) {
                        funnel.verdict(lead, i == 14 ? FeedbackType.LOST : FeedbackType.WON,
                                mql.plus(Duration.ofDays(2)), null);
                    }
                }
                default -> {
                }
            }
        }
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-audit-report.json", type = APIGatewayV2HTTPEvent.class)
    void theAuditOfNovemberComputedByHand(APIGatewayV2HTTPEvent request) {
        JsonNode audit = body(200, handler.handleRequest(request, null));

        assertEquals("2026-11-01", audit.get("from").asText());
        assertEquals("2026-11-30", audit.get("to").asText());
        assertEquals("default", audit.get("model").asText());
        assertEquals(List.of(20, 8, 8, 4, 16), List.of(audit.get("mqls").asInt(), audit.get("accepted").asInt(),
                audit.get("rejected").asInt(), audit.get("pending").asInt(), audit.get("decided").asInt()));
        assertEquals(0.5, audit.get("acceptanceRate").asDouble());
        assertEquals(0.5, audit.get("rejectionRate").asDouble());
        assertEquals(List.of(4, 2, 1), List.of(audit.get("opportunities").asInt(), audit.get("won").asInt(),
                audit.get("lost").asInt()));
        assertEquals(0.2, audit.get("leadToOpportunityRate").asDouble()); // 4 / 20
        assertEquals(0.5, audit.get("opportunityToWonRate").asDouble()); // 2 / 4
        // 1, 6, 11, 16 and four times 2: sorted 1 2 2 2 2 6 11 16, the 4th of 8 is 2
        assertEquals(2, audit.get("medianHoursToAcceptance").asInt());
        assertEquals(false, audit.get("needsReview").asBoolean(), "8 of 16 rejected is half, not more");
        assertTrue(audit.get("warning").isNull());
        assertEquals("[{\"reason\":\"no budget\",\"count\":4},{\"reason\":\"wrong person\",\"count\":4}]",
                audit.get("topRejectionReasons").toString());
        // The webinar fired for the 8 rejected only; the 7 other rules for all 16 decided.
        JsonNode rules = audit.get("rules");
        assertEquals(8, rules.size());
        assertEquals("webinar-registration 0 8 0.0 1.0", row(rules.get(0)));
        assertEquals(List.of("company-size-fit", "demo-request", "pricing-page", "target-country", "target-industry",
                "title-decision-maker", "whitepaper-download"), rules.valueStream().skip(1)
                .map(rule -> rule.get("rule").asText()).toList());
        assertEquals("pricing-page 8 8 1.0 1.0", row(rules.get(3)));
        // Nov 2-8 is W45: leads 0-6 and 10-16, accepted 1 4 6 11 14 16, rejected 2 3 12 13;
        // Nov 9-11 in W46: leads 7 8 9 17 18 19, accepted 9 19, rejected 7 8 17 18
        assertEquals("{\"week\":\"2026-W45\",\"mqls\":14,\"accepted\":6,\"rejected\":4,\"acceptanceRate\":0.6}",
                audit.at("/weeks/1").toString());
        assertEquals("{\"week\":\"2026-W46\",\"mqls\":6,\"accepted\":2,\"rejected\":4,"
                + "\"acceptanceRate\":0.3333}", audit.at("/weeks/2").toString());
        assertEquals("{\"week\":\"2026-W44\",\"mqls\":0,\"accepted\":0,\"rejected\":0,\"acceptanceRate\":null}",
                audit.at("/weeks/0").toString(), "Sunday November 1 is in W44");
        assertEquals(List.of("2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"), audit.get("weeks")
                .valueStream().map(week -> week.get("week").asText()).toList());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-audit-report.json", type = APIGatewayV2HTTPEvent.class)
    void theStageReportComputedByHand(APIGatewayV2HTTPEvent request) {
        request.setRouteKey("GET /v1/reports/stages");

        JsonNode stages = body(200, handler.handleRequest(request, null));

        assertEquals("{\"lead\":0,\"mql\":4,\"sql\":4,\"rejected\":8,\"opportunity\":1,\"won\":2,\"lost\":1,"
                + "\"recycled\":0}", stages.get("leads").toString());
        assertEquals("{}", stages.get("accounts").toString(), "no account stages counted yet");
        // All in November: 20 leads entered and became MQLs; 8 went on to sql, 8 to rejected; 4 of the 8 accepted
        // became opportunities, of which 2 were won and 1 lost.
        assertEquals(List.of("2026-11 lead>mql 20/20 1.0", "2026-11 mql>sql 8/20 0.4", "2026-11 mql>rejected 8/20 0.4",
                        "2026-11 sql>opportunity 4/8 0.5", "2026-11 opportunity>won 2/4 0.5",
                        "2026-11 opportunity>lost 1/4 0.25"),
                stages.get("conversions").valueStream().map(c -> c.get("month").asText() + " " + c.get("from").asText()
                        + ">" + c.get("to").asText() + " " + c.get("converted").asInt() + "/"
                        + c.get("entered").asInt() + " " + c.get("rate").asDouble()).toList());
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-audit-report.json", type = APIGatewayV2HTTPEvent.class)
    void csvOnRequest(APIGatewayV2HTTPEvent request) {
        request.setQueryStringParameters(Map.of("from", "2026-11-01", "to", "2026-11-30", "format", "csv"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("text/csv; charset=utf-8", response.getHeaders().get("content-type"));
        assertEquals("attachment; filename=\"audit-2026-11-01-2026-11-30.csv\"",
                response.getHeaders().get("content-disposition"));
        assertTrue(response.getBody().startsWith("\uFEFFfigure,value\r\nfrom,2026-11-01\r\nto,2026-11-30\r\n"
                + "model,default\r\nmqls,20\r\naccepted,8\r\nrejected,8\r\npending,4\r\n"), response.getBody());
        assertTrue(response.getBody().contains("\r\nrejection reason,count\r\nno budget,4\r\nwrong person,4\r\n"
                + "\r\nrule,accepted,rejected,acceptedShare,rejectedShare\r\nwebinar-registration,0,8,0.0,1.0\r\n"),
                response.getBody());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /v1/reports/audit  | from=2026-02-30                 | from   | invalid_from",
            "GET /v1/reports/audit  | from=2026-11-02&to=2026-11-01   | to     | invalid_to",
            "GET /v1/reports/audit  | from=2025-11-30&to=2026-12-01   | to     | invalid_to",
            "GET /v1/reports/audit  | format=xml                      | format | invalid_format",
            "GET /v1/reports/audit  | limit=5                         | limit  | unknown_parameter",
            "GET /v1/reports/stages | to=1 December                   | to     | invalid_to",
            "GET /v1/reports/stages | from=2099-01-01                 | from   | invalid_from"})
    void badParametersAre400sNamingThem(String route, String query, String field, String code) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent("../../events/query/get-audit-report.json");
        request.setRouteKey(route);
        Map<String, String> parameters = new HashMap<>();
        for (String parameter : query.split("&")) {
            parameters.put(parameter.split("=")[0], parameter.split("=")[1]);
        }
        request.setQueryStringParameters(parameters);

        JsonNode error = body(400, handler.handleRequest(request, null)).get("error");

        assertEquals(field, error.get("field").asText());
        assertEquals(code, error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith(field.equals("limit") ? "'limit'" : field + " "),
                error.toString());
    }

    private static String row(JsonNode rule) {
        return rule.get("rule").asText() + " " + rule.get("accepted").asInt() + " " + rule.get("rejected").asInt() + " "
                + rule.get("acceptedShare").asDouble() + " " + rule.get("rejectedShare").asDouble();
    }
}
