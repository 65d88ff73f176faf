package io.leadscore.query;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/accounts/{accountId}, GET /v1/accounts and GET /v1/leads on DynamoDB Local, over leads scored with the
 * default model: 30 leads of 6 companies, plus free-mail visitors, with scores that tell them apart. The tests
 * only read, so the leads are scored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsAndRankingTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private ScoringRun scoring;

    @BeforeAll
    void thirtyLeadsOfSixCompanies() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
        scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            String lead = "lead-" + i;
            String email = i < 24 ? lead + "@company-" + (i % 6) + ".example" : lead + "@gmail.com";
            String title = List.of("VP Engineering", "Staff Engineer", "Marketing Manager", "Intern").get(i % 4);
            List<Activity> activities = new ArrayList<>();
            activities.add(activity(lead, 0, "identify", Map.of("email", email, "jobTitle", title)));
            // Lead i views i case studies (5 each, capped at 3 a week) and, for every third lead, the demo form.
            for (int v = 0; v < Math.min(i, 3); v++) {
                activities.add(activity(lead, 1 + v, "page_view", Map.of("url", "https://acme.example/customers/c" + v)));
            }
            if (i % 3 == 0) {
                activities.add(activity(lead, 10, "form_submit", Map.of("formId", "demo-request")));
            }
            batch.put(lead, activities);
        }
        scoring.groups(batch).forEach(scoring::apply);
    }

    @Test
    void anAccountShowsItsMembersTheirSharesAndItsCoverage() {
        JsonNode account = body(200, get("GET /v1/accounts/{accountId}", Map.of("accountId", "company-0.example"),
                Map.of()));

        // company-0: leads 0, 6, 12, 18 (VP Engineering, Marketing Manager, VP Engineering, Marketing Manager).
        assertEquals(4, account.get("members").size());
        int sum = 0;
        for (JsonNode member : account.get("members")) {
            assertEquals(member.get("score").asInt(), member.get("contribution").asInt(), "sum: all of it");
            sum += member.get("score").asInt();
        }
        assertEquals(sum, account.get("score").asInt());
        assertEquals(List.of("champion", "decisionMaker"), texts(account.at("/coverage/roles")));
        assertEquals(2, account.at("/coverage/requiredRoles").asInt());
        assertTrue(account.at("/coverage/met").asBoolean());
        assertEquals("salesReady", account.at("/thresholds/0/name").asText());
        assertEquals("Platform", account.at("/groups/0/name").asText());
    }

    @Test
    void anAccountShowsItsStageWhoMovedItAndWhyAndEachMembersStage() {
        scoring.feedback(new Feedback("lead-7", "crm-7", FeedbackType.ACCEPTED, "Budget confirmed", "sam@acme.example",
                T0.plusSeconds(3600)));

        JsonNode account = body(200, get("GET /v1/accounts/{accountId}", Map.of("accountId", "company-1.example"),
                Map.of()));

        // company-1: leads 1, 7, 13, 19; lead-7 accepted by sales.
        assertEquals("sql", account.get("stage").asText());
        JsonNode moved = account.at("/stageHistory/0");
        assertEquals(List.of("account", "sql", "sam@acme.example", "lead-7 moved to sql: Budget confirmed", "lead-7",
                        T0.plusSeconds(3600).toString()),
                List.of(moved.get("from").asText(), moved.get("to").asText(), moved.get("who").asText(),
                        moved.get("why").asText(), moved.get("leadId").asText(), moved.get("at").asText()));
        Map<String, String> stages = new TreeMap<>();
        account.get("members").forEach(m -> stages.put(m.get("leadId").asText(), m.get("stage").asText()));
        assertEquals(Map.of("lead-1", "lead", "lead-7", "sql", "lead-13", "lead", "lead-19", "lead"), stages);
    }

    @Test
    void freeMailLeadsFormNoAccountAndUnknownAccountsAreNotFound() {
        JsonNode error = body(404, get("GET /v1/accounts/{accountId}", Map.of("accountId", "gmail.com"), Map.of()));
        assertEquals("account_not_found", error.at("/error/code").asText());
        assertEquals("accountId", error.at("/error/field").asText());
    }

    @Test
    void accountsAreRankedByScoreAPageAtATime() {
        List<JsonNode> rows = pageThrough("GET /v1/accounts", 4, Map.of());

        assertEquals(6, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).get("score").asInt() >= rows.get(i).get("score").asInt(), rows.toString());
        }
        assertEquals(4, rows.get(0).get("members").asInt());
    }

    @Test
    void leadsAreRankedByScoreAcrossShardsWithoutGapsOrRepeats() {
        List<JsonNode> rows = pageThrough("GET /v1/leads", 7, Map.of());

        assertEquals(30, rows.size());
        assertEquals(30, rows.stream().map(r -> r.get("leadId").asText()).distinct().count());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).get("score").asInt() >= rows.get(i).get("score").asInt(), rows.toString());
        }
        JsonNode top = rows.get(0);
        assertTrue(top.get("email").asText().endsWith(".example"), top.toString());
        // Each row's fit graded by the shipped model's grades (D from 10, C from 20...).
        for (JsonNode row : rows) {
            int fit = row.get("fit").asInt();
            assertEquals(fit >= 20 ? "C" : fit >= 10 ? "D" : "F", row.get("grade").asText(), row.toString());
        }
    }

    /** Many leads here share a score, in one shard and across shards: none is lost or repeated between pages. */
    @Test
    void lowestFirstAcrossShardsWithoutGapsOrRepeats() {
        List<JsonNode> rows = pageThrough("GET /v1/leads", 4, Map.of("order", "asc"));

        assertEquals(30, rows.stream().map(r -> r.get("leadId").asText()).distinct().count());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).get("score").asInt() <= rows.get(i).get("score").asInt(), rows.toString());
        }
    }

    @Test
    void leadsFilterByAccountGroupAndColdness() {
        List<JsonNode> ofCompany = pageThrough("GET /v1/leads", 2, Map.of("accountId", "company-3.example"));
        // Each earned 35 by behaviour; the engineers (21, 9) also fit; ties go by id.
        assertEquals(List.of("lead-21", "lead-9", "lead-15", "lead-3"),
                ofCompany.stream().map(r -> r.get("leadId").asText()).toList());

        List<JsonNode> platform = pageThrough("GET /v1/leads", 25, Map.of("group", "platform"));
        assertEquals(10, platform.size(), "every third lead asked for a demo");
        assertEquals(0, pageThrough("GET /v1/leads", 25, Map.of("cold", "true")).size());
    }

    @Test
    void leadsFilterByEmailWhateverItsCase() {
        assertEquals(List.of("lead-14"), pageThrough("GET /v1/leads", 25, Map.of("email", "Lead-14@Company-2.example"))
                .stream().map(r -> r.get("leadId").asText()).toList());
        assertEquals(0, pageThrough("GET /v1/leads", 25, Map.of("email", "nobody@company-2.example")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"group=nope", "cold=maybe", "colour=red", "limit=0", "email=no-at-sign"})
    void refusesAFilterItDoesNotKnowNamingIt(String parameter) {
        String[] pair = parameter.split("=");
        JsonNode error = body(400, get("GET /v1/leads", Map.of(), Map.of(pair[0], pair[1])));
        assertEquals(pair[0], error.at("/error/field").asText(), error.toString());
    }

    @Test
    void theNotificationFeedIsEmptyUntilSomethingIsAnnouncedAndRefusesAnUnknownType() {
        assertEquals(0, body(200, get("GET /v1/notifications", Map.of(), Map.of())).get("items").size(),
                "no lead or account of these reached a threshold");
        JsonNode error = body(400, get("GET /v1/notifications", Map.of(), Map.of("type", "LeadQualifed")));
        assertEquals("type", error.at("/error/field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}x", "{\"9\":\"end\"}", "{\"0\":{\"pk\":\"LEAD#a\",\"sk\":\"LEAD\",\"rankShard\":\"ACCOUNTS#0\",\"rankScore\":5}}",
            "{\"0\":{\"pk\":\"LEAD#a\"}}", "[1,2]"})
    void refusesACursorTheListNeverHandedOut(String position) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
        JsonNode error = body(400, get("GET /v1/leads", Map.of(), Map.of("cursor", cursor)));
        assertEquals("invalid_cursor", error.at("/error/code").asText());
    }

    private List<JsonNode> pageThrough(String route, int limit, Map<String, String> filters) {
        return QueryRequests.pageThrough(handler, route, limit, filters);
    }

    private APIGatewayV2HTTPResponse get(String routeKey, Map<String, String> path, Map<String, String> query) {
        return QueryRequests.get(handler, routeKey, path, query);
    }

    private static Activity activity(String lead, int minute, String type, Map<String, Object> properties) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(lead + "-" + minute, type, lead, at, properties, "site", at);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
