package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.ManualClock;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static io.leadscore.aws.dynamodb.ModelStoreTest.AUTHOR;
import static io.leadscore.aws.dynamodb.ModelStoreTest.MODEL;
import static io.leadscore.aws.dynamodb.ModelStoreTest.T0;
import static io.leadscore.aws.dynamodb.ModelStoreTest.pricingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A revision item carries the JSON form of its YAML, and the functions read the published model from it: no YAML
 * parser at their cold start. The YAML stays the marketers' document (export, diff, sha256).
 */
class PublishedRevisionJsonTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore store;

    @BeforeEach
    void emptyTable() {
        dynamoDb.freshTables();
        store = new ModelStore(dynamoDb.client(), table());
    }

    @Test
    void aDraftedRevisionIsStoredWithTheJsonFormOfItsYaml() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        ModelRevision drafted = store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0,
                null, null));

        assertEquals(ModelLoader.jsonForm(pricingAt(40)), item(drafted.number()).get(ModelStore.MODEL_JSON).s());
        assertEquals(ModelLoader.jsonForm(ModelSeed.of(null).yaml()), item(1).get(ModelStore.MODEL_JSON).s());
    }

    @Test
    void thePublishedModelIsReadFromTheJsonFormNotTheYaml() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0, null, null));
        store.publish(MODEL, 2, AUTHOR, T0.plusSeconds(1));
        // Only the YAML changes here (a test may; the store never does): the model read must not see it.
        replaceYaml(2, pricingAt(7));

        ScoringModel model = published().now().model();

        assertEquals("default@2", model.tag());
        assertEquals(40, pricingRulePoints(model));
        assertEquals(pricingAt(7), store.revision(MODEL, 2).orElseThrow().yaml(), "the YAML stays the document");
    }

    @Test
    void aRevisionStoredWithoutAJsonFormIsReadFromItsYaml() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0, null, null));
        store.publish(MODEL, 2, AUTHOR, T0.plusSeconds(1));
        dynamoDb.client().updateItem(request -> request.tableName(table()).key(key(2))
                .updateExpression("REMOVE " + ModelStore.MODEL_JSON));

        ScoringModel model = published().now().model();

        assertEquals("default@2", model.tag());
        assertEquals(40, pricingRulePoints(model));
    }

    @Test
    void aYamlTooLargeToCarryBothIsStoredWithoutAJsonForm() {
        String large = "notes: \"" + "x".repeat(ModelStore.MAX_YAML_BYTES / 2) + "\"\n";
        String small = "notes: \"" + "x".repeat(ModelStore.MAX_YAML_BYTES / 2 - 100) + "\"\n";

        assertNull(ModelStore.jsonFormWithin(large));
        assertEquals(ModelLoader.jsonForm(small), ModelStore.jsonFormWithin(small));
    }

    private PublishedModel published() {
        return new PublishedModel(store, MODEL, () -> ModelSeed.of(null), new ManualClock(T0.plusSeconds(2)));
    }

    /** The seed's pricing-page rule, whose points {@link ModelStoreTest#pricingAt} sets. */
    private static int pricingRulePoints(ScoringModel model) {
        return model.rules().stream().filter(rule -> rule.id().equals("pricing-page")).findFirst().orElseThrow()
                .points();
    }

    private void replaceYaml(int number, String yaml) {
        dynamoDb.client().updateItem(request -> request.tableName(table()).key(key(number))
                .updateExpression("SET yaml = :yaml").expressionAttributeValues(Map.of(":yaml",
                        AttributeValue.fromS(yaml))));
    }

    private Map<String, AttributeValue> item(int number) {
        return dynamoDb.client().getItem(request -> request.tableName(table()).key(key(number))).item();
    }

    private static Map<String, AttributeValue> key(int number) {
        return LeadTable.key(ModelStore.pk(MODEL), ModelStore.sk(number));
    }

    private String table() {
        return dynamoDb.tableName("LeadScoreTable");
    }
}
