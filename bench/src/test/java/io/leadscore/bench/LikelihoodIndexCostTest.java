package io.leadscore.bench;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.bench.ItemWriteCost.Entry.MOVED;
import static io.leadscore.bench.ItemWriteCost.Entry.PUT_OR_DELETED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the likelihood ranking costs the score function's lead writes: the same events scored under the shipped model
 * and under it with trained weights, each lead write's index entries measured as the price breakdown measures them.
 * Without weights the LikelihoodIndex is never written (sparse); with them its entry is put by the first write and
 * moved by every later one (the probability is its sort key, and moves with the lead's state).
 */
class LikelihoodIndexCostTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final String PREDICTION = """
            prediction:
              label: opportunity
              horizon: 90d
              intercept: -3
              weights:
                "rule:pricing-page:hits": 0.4
                "group:platform": 0.01
                recency: -0.02
            """;
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final ItemWriteCost cost = new ItemWriteCost(SamTemplate.load(SamTemplate.locate()).table("LeadScoreTable"));

    @Test
    void withWeightsEachLeadWriteMovesItsLikelihoodEntryWithoutThemNothingIsWritten() {
        String yaml = defaultYaml();
        List<ItemWriteCost.Write> plain = writes(ModelRevision.draft("default", 1, yaml, "bench", T0, null, null)
                .model());
        List<ItemWriteCost.Write> weighted = writes(ModelRevision.draft("default", 2, yaml + PREDICTION, "bench", T0,
                null, null).model());

        plain.forEach(write -> assertEquals(null, write.indexEntries().get("LikelihoodIndex")));
        List<ItemWriteCost.Entry> entries = weighted.stream().map(w -> w.indexEntries().get("LikelihoodIndex"))
                .toList();
        assertEquals(List.of(PUT_OR_DELETED, MOVED, MOVED, MOVED, MOVED), entries);
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).indexEntries().get("RankIndex"), weighted.get(i).indexEntries().get("RankIndex"),
                    "the score's index is written as before");
        }
        double before = plain.stream().mapToDouble(ItemWriteCost.Write::units).sum();
        double after = weighted.stream().mapToDouble(ItemWriteCost.Write::units).sum();
        double likely = weighted.stream().mapToDouble(w -> w.indexUnits().getOrDefault("LikelihoodIndex", 0.0)).sum();
        assertEquals(2 + 4 * 4, likely, "a put (1 unit), then a delete and a put (2) each, doubled in a transaction");
        System.out.printf("[likelihood index] 5 lead writes: %.1f write units without weights, %.1f with"
                + " (LikelihoodIndex %.1f: %.1f a write once moving), +%.0f%%%n", before, after, likely, likely / 5,
                100 * (after - before) / before);
    }

    /** The lead's item after each of five single-event batches, as the score function writes them. */
    private List<ItemWriteCost.Write> writes(ScoringModel model) {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        LeadStore leads = new LeadStore(dynamoDb.client(), table, clock, Retention.DEFAULT);
        ScoringRun run = new ScoringRun(leads, model, clock);
        List<ItemWriteCost.Write> writes = new ArrayList<>();
        Map<String, AttributeValue> before = null;
        String[] paths = {"/pricing", "/pricing/teams", "/demo", "/products/analytics", "/pricing/faq"};
        for (int i = 0; i < paths.length; i++) {
            Instant at = T0.plusSeconds(60L * i);
            Activity view = new Activity("view-" + i, "page_view", "dana", at,
                    Map.of("url", "https://acme.example" + paths[i]), "site", at);
            Map<String, List<Activity>> batch = new LinkedHashMap<>();
            batch.put("dana", List.of(view));
            run.groups(batch).forEach(run::apply);
            Map<String, AttributeValue> after = dynamoDb.client().getItem(GetItemRequest.builder().tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("LEAD#dana"), "sk", AttributeValue.fromS("LEAD")))
                    .build()).item();
            writes.add(cost.of(before, after, true));
            before = after;
        }
        return writes;
    }

    private static String defaultYaml() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
