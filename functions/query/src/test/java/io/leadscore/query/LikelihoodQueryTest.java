package io.leadscore.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryRequests.get;
import static io.leadscore.query.QueryRequests.pageThrough;
import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The likelihood to convert in the lead API (beside the score, with its revision) and the leads ranked by it
 * ({@code order=likelihood}, paged as by score); absent everywhere when the scoring revision carried no weights.
 */
class LikelihoodQueryTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    private static final String PREDICTION = """
            prediction:
              label: won
              horizon: 180d
              intercept: -3
              weights:
                "rule:pricing-page:hits": 0.8
                "rule:demo-page:hits": -0.4
            """;
    private static final ScoringModel WEIGHTED = ModelRevision.draft("default", 2, defaultYaml() + PREDICTION, "test",
            T0, null, null).model();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private LeadStore leads;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), CLOCK, Retention.DEFAULT);
    }

    @Test
    void theLeadShowsItsLikelihoodBesideTheScoreWithTheRevisionThatComputedIt() {
        score(WEIGHTED, "dana", 2, 1);

        JsonNode lead = body(200, get(handler, "GET /v1/leads/{leadId}", Map.of("leadId", "dana"), Map.of()));

        double logit = -3 + 0.8 * 2 - 0.4 * 1; // two pricing views, one demo page view
        assertEquals(1 / (1 + Math.exp(-logit)), lead.at("/likelihood/probability").asDouble(), 1e-15);
        assertEquals(2, lead.at("/likelihood/revision").asInt());
        List<String> fields = new ArrayList<>();
        lead.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("leadId", "score", "likelihood", "fit"), fields.subList(0, 4), "beside the score");
    }

    @Test
    void theRankingByLikelihoodPagesHighestFirstWithinAScoreRange() {
        int[][] views = {{0, 0}, {1, 0}, {1, 1}, {2, 0}, {3, 1}, {3, 0}, {0, 2}}; // pricing, demo views per lead
        Map<String, Double> stored = new LinkedHashMap<>();
        for (int i = 0; i < views.length; i++) {
            Lead lead = score(WEIGHTED, "lead-" + i, views[i][0], views[i][1]);
            stored.put(lead.id(), lead.likelihood().probability());
        }

        List<JsonNode> rows = pageThrough(handler, "GET /v1/leads", 2, Map.of("order", "likelihood"));

        assertEquals(stored.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList(), rows.stream().map(row -> row.get("leadId").asText()).toList());
        rows.forEach(row -> assertEquals(stored.get(row.get("leadId").asText()),
                row.at("/likelihood/probability").asDouble(), 1e-15));
        rows.forEach(row -> assertEquals(2, row.at("/likelihood/revision").asInt()));

        List<JsonNode> ranged = pageThrough(handler, "GET /v1/leads", 2, Map.of("order", "likelihood",
                "minScore", "20", "maxScore", "45"));
        assertEquals(List.of("lead-5", "lead-3", "lead-2", "lead-6"), ranged.stream()
                .map(row -> row.get("leadId").asText()).toList(), "scores 20 to 45 (45, 30, 25, 20), by likelihood");
        List<Double> likelihoods = ranged.stream().map(row -> row.at("/likelihood/probability").asDouble()).toList();
        assertEquals(likelihoods.stream().sorted(Comparator.reverseOrder()).toList(), likelihoods);
    }

    @Test
    void withoutWeightsNoLikelihoodIsShownAndTheLikelihoodRankingIsEmpty() {
        score(ModelLoader.defaultModel(), "sam", 2, 0);

        JsonNode lead = body(200, get(handler, "GET /v1/leads/{leadId}", Map.of("leadId", "sam"), Map.of()));
        assertFalse(lead.has("likelihood"));
        JsonNode export = body(200, get(handler, "GET /v1/leads/{leadId}/export", Map.of("leadId", "sam"), Map.of()));
        assertEquals("sam", export.at("/lead/id").asText());
        assertFalse(export.get("lead").has("likelihood"), "the stored lead as it always read");
        JsonNode byScore = body(200, get(handler, "GET /v1/leads", Map.of(), Map.of()));
        assertEquals("sam", byScore.at("/items/0/leadId").asText());
        assertFalse(byScore.at("/items/0").has("likelihood"));
        assertEquals(0, body(200, get(handler, "GET /v1/leads", Map.of(), Map.of("order", "likelihood")))
                .get("items").size());
        JsonNode refused = body(400, get(handler, "GET /v1/leads", Map.of(), Map.of("order", "probability")));
        assertEquals("order", refused.at("/error/field").asText());
    }

    /** Scores a lead's page views (pricing, then demo pages), one a minute, as the score function does. */
    private Lead score(ScoringModel model, String leadId, int pricing, int demo) {
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < pricing + demo; i++) {
            Instant at = T0.plusSeconds(60L * i);
            String url = "https://acme.example" + (i < pricing ? "/pricing/" : "/demo/") + i;
            activities.add(new Activity(leadId + "-" + i, "page_view", leadId, at, Map.of("url", url), "site", at));
        }
        activities.add(new Activity(leadId + "-seen", "page_view", leadId, T0, Map.of("url", "https://acme.example/"),
                "site", T0));
        ScoringRun run = new ScoringRun(leads, model, CLOCK);
        run.groups(Map.of(leadId, activities)).forEach(run::apply);
        return leads.lead(leadId).orElseThrow();
    }

    private static String defaultYaml() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
