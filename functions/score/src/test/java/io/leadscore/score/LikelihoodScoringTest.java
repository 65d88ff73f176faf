package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The score function under a published revision with trained weights: each lead it writes carries its likelihood, the
 * logistic of the revision's weights on its features, and a LeadQualified detail the same number; under a revision
 * without weights, neither has any.
 */
class LikelihoodScoringTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";
    private static final String MODEL = "default";
    private static final String AUTHOR = "arn:aws:iam::123456789012:user/marketing-ops";
    /** Hand-set weights on features that the batch's own times settle (none on recency or windows). */
    private static final String PREDICTION = """
            prediction:
              label: opportunity
              horizon: 90d
              intercept: -2.5
              weights:
                "rule:pricing-page:hits": 0.3
                "fit:title-decision-maker": 0.7
                "group:platform": 0.01
                account: 0.004
            """;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore models;
    private LeadStore leads;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        outbox = new Outbox(dynamoDb.client(), table);
        models.seed(MODEL, ModelSeed.of(null), Instant.now());
    }

    @Test
    void eachLeadWrittenCarriesTheLogisticOfItsFeaturesAndItsQualificationTheSameNumber() {
        publish(salesReadyAt50() + PREDICTION);

        assertTrue(handler().handleRequest(EventLoader.loadDynamoDbEvent(SAMPLE_BATCH), null)
                .getBatchItemFailures().isEmpty());

        Lead dana = leads.lead("lead-42").orElseThrow();
        int account = leads.account(dana.accountId()).orElseThrow().totals(models.parsedRevision(MODEL, 2)
                .orElseThrow().model().accounts()).score();
        double logit = -2.5 + 0.3 * dana.breakdown().get("pricing-page").hits()
                + 0.7 * (dana.breakdown().containsKey("title-decision-maker") ? 1 : 0)
                + 0.01 * dana.groupScore("platform") + 0.004 * account;
        assertEquals(1, dana.breakdown().get("pricing-page").hits());
        assertTrue(dana.breakdown().containsKey("title-decision-maker"));
        assertEquals(2, dana.likelihood().revision());
        assertEquals(1 / (1 + Math.exp(-logit)), dana.likelihood().probability(), 1e-12);
        Lead other = leads.lead("lead-77").orElseThrow();
        assertEquals(new ConversionLikelihood(1 / (1 + Math.exp(2.5)), 2), other.likelihood(),
                "no feature with a weight: the intercept alone");

        LeadQualified qualified = qualified("lead-42");
        assertEquals(dana.likelihood().probability(), qualified.likelihood());
        assertEquals(dana.likelihood().probability(), ((Number) salesReady("lead-42").detail().get("likelihood"))
                .doubleValue(), "in the detail as it goes on the bus");
    }

    @Test
    void aRevisionWithoutWeightsStoresNoLikelihoodAndItsDetailHasNone() {
        publish(salesReadyAt50());

        assertTrue(handler().handleRequest(EventLoader.loadDynamoDbEvent(SAMPLE_BATCH), null)
                .getBatchItemFailures().isEmpty());

        assertNull(leads.lead("lead-42").orElseThrow().likelihood());
        assertNull(leads.lead("lead-77").orElseThrow().likelihood());
        assertNull(qualified("lead-42").likelihood());
        assertFalse(salesReady("lead-42").detail().containsKey("likelihood"));
    }

    private LeadQualified qualified(String leadId) {
        return (LeadQualified) salesReady(leadId).announcement();
    }

    /** The lead's qualification at the total score's sales-ready threshold, as stored in the outbox. */
    private Outbox.Record salesReady(String leadId) {
        List<Outbox.Record> records = outbox.forLead(leadId).stream()
                .filter(r -> r.qualificationId().equals(leadId + "/salesReady/1")).toList();
        assertEquals(List.of(LeadQualified.DETAIL_TYPE), records.stream().map(Outbox.Record::detailType).toList());
        return records.get(0);
    }

    private void publish(String yaml) {
        ModelRevision second = models.draft(MODEL, n -> ModelRevision.draft(MODEL, n, yaml, AUTHOR, Instant.now(),
                "weights from the training run", 1));
        models.publish(MODEL, second.number(), AUTHOR, Instant.now());
    }

    /** The shipped model, sales-ready at 50: the sample's lead-42 qualifies. */
    private static String salesReadyAt50() {
        return ModelSeed.of(null).yaml().replace("salesReady: { points: 100, rearmBelow: 90 }",
                "salesReady: { points: 50, rearmBelow: 40 }");
    }

    private static ScoreHandler handler() {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("ScoreFunction"));
        env.put(Clocks.CLOCK_START, "2026-11-23T10:05:00Z");
        return new ScoreHandler(new Environment(env));
    }
}
