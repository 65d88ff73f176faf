package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Retention;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's likelihood on its item: two plain numbers, read back exactly, none on an item without them; and the leads
 * ranked by it from the sparse LikelihoodIndex, paged as the score ranking is.
 */
class LikelihoodItemTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private String table;
    private LeadStore leads;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
    }

    @Test
    void theLikelihoodIsTwoNumbersOnTheItemAndReadsBackExactly() {
        Lead lead = lead("dana", 40).toBuilder().likelihood(new ConversionLikelihood(0.0001234567890123, 7)).build();

        leads.importLeads(List.of(lead));

        Map<String, AttributeValue> item = item("dana");
        assertEquals(AttributeValue.fromN("0.0001234567890123"), item.get("likelihood"), "plain digits, all of them");
        assertEquals(AttributeValue.fromN("7"), item.get("likelihoodRevision"));
        assertEquals(lead.withRevision(1), leads.lead("dana").orElseThrow());
    }

    @Test
    void anItemWithoutItReadsAsNoLikelihood() {
        leads.importLeads(List.of(lead("sam", 10)));

        Map<String, AttributeValue> item = item("sam");
        assertFalse(item.containsKey("likelihood"));
        assertFalse(item.containsKey("likelihoodRevision"));
        assertNull(leads.lead("sam").orElseThrow().likelihood());
    }

    @Test
    void theLikelihoodRankingPagesHighestFirstAndHoldsOnlyLeadsThatHaveOne() {
        List<Lead> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) { // scores against the likelihoods' order: the ranking is not the score's
            all.add(lead("lead-" + i, 100 - i).toBuilder().likelihood(new ConversionLikelihood(0.05 + i * 0.1, 2))
                    .build());
        }
        all.add(lead("unweighted", 500));
        all.add(lead("anon:merged", 0).toBuilder().likelihood(new ConversionLikelihood(0.99, 2)).build()
                .retiredInto("lead-0"));
        leads.importLeads(all);
        Ranking ranking = new Ranking(dynamoDb.client(), table);
        Ranking.Selection selection = Ranking.Selection.highestFirst(item -> true);

        List<String> read = new ArrayList<>();
        List<Double> likelihoods = new ArrayList<>();
        String after = null;
        do {
            Ranking.Page page = ranking.page(RankIndex.LIKELY, selection, 4, after);
            page.items().forEach(item -> {
                read.add((String) item.get("id"));
                likelihoods.add(((Number) item.get("likelihood")).doubleValue());
                assertEquals(2, ((Number) item.get("likelihoodRevision")).intValue());
            });
            after = page.after();
            assertTrue(after == null || Ranking.isPosition(after, RankIndex.LIKELY, selection), after);
        } while (after != null);

        assertEquals(List.of("lead-8", "lead-7", "lead-6", "lead-5", "lead-4", "lead-3", "lead-2", "lead-1", "lead-0"),
                read);
        assertEquals(likelihoods.stream().sorted(Comparator.reverseOrder()).toList(), likelihoods);
        assertEquals(0.85, likelihoods.get(0), 1e-15);
    }

    private static Lead lead(String id, int points) {
        return Lead.newLead(id).toBuilder().firstSeenAt(T0).lastActivityAt(T0)
                .breakdown(Map.of("pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, null, points, 1, T0))).build();
    }

    private Map<String, AttributeValue> item(String leadId) {
        return dynamoDb.client().getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK)).build()).item();
    }
}
