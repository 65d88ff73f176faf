package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model's revisions on DynamoDB Local: seeded once however many functions start at once, numbered without gaps or
 * repeats however many drafts race, never overwritten, and bounded in size.
 */
class ModelStoreTest {
    static final String MODEL = "default";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    static final String AUTHOR = "arn:aws:iam::123456789012:user/marketing-ops";
    /** The shipped model with the pricing page worth {@code points} instead of 15. */
    static String pricingAt(int points) {
        return ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: " + points + "\n");
    }

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore store;

    @BeforeEach
    void emptyTable() {
        dynamoDb.freshTables();
        store = new ModelStore(dynamoDb.client(), table());
    }

    @Test
    void seedsTheShippedModelAsRevisionOneAndPublishesIt() {
        ModelPointer pointer = store.seed(MODEL, ModelSeed.of(null), T0);

        assertEquals(new ModelPointer(MODEL, 1, 1, T0, "leadscore seed (default-model.yaml)", T0,
                T0.plus(Duration.ofDays(60)), 1, null), pointer, "first review 60 days after the first publish");
        assertEquals(pointer, store.pointer(MODEL).orElseThrow());
        ModelRevision first = store.revision(MODEL, 1).orElseThrow();
        assertEquals(ModelSeed.of(null).yaml(), first.yaml(), "stored as shipped, byte for byte");
        assertEquals("The shipped defaults, before any review with sales.", first.notes());
        assertEquals("Sales calls pricing visits the strongest signal short of a demo request.",
                first.ruleNotes().get("rule:pricing-page"));
        assertEquals(ModelLoader.defaultModel().tag(), first.model().tag());
        assertNull(first.basedOn());
    }

    @Test
    void aSeededModelIsNotSeededAgain() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        store.draft(MODEL, n -> draft(n, pricingAt(20), null));

        ModelPointer again = store.seed(MODEL, new ModelSeed(pricingAt(99), "other.yaml"), T0.plusSeconds(60));

        assertEquals(2, again.latest());
        assertEquals(ModelSeed.of(null).yaml(), store.revision(MODEL, 1).orElseThrow().yaml());
    }

    @Test
    void anyNumberOfConcurrentColdStartsSeedTheModelOnce() throws Exception {
        int starts = 12;
        CyclicBarrier together = new CyclicBarrier(starts);
        List<ModelPointer> pointers = concurrently(starts, k -> {
            together.await();
            return store.seed(MODEL, new ModelSeed(pricingAt(100 + k), "start-" + k + ".yaml"), T0.plusMillis(k));
        });

        assertEquals(1, new HashSet<>(pointers).size(), "every start sees the same pointer: " + pointers);
        assertEquals(1, revisionItems().size(), "one revision stored");
        ModelRevision first = store.revision(MODEL, 1).orElseThrow();
        assertEquals(pointers.get(0).publishedBy(), first.author(), "the winner's seed is revision 1, whole");
        assertEquals(pointers.get(0).publishedAt(), first.createdAt());
    }

    @Test
    void concurrentDraftsTakeConsecutiveNumbersEachOnce() throws Exception {
        store.seed(MODEL, ModelSeed.of(null), T0);
        int drafters = 8;
        int each = 5;
        CyclicBarrier together = new CyclicBarrier(drafters);
        List<List<ModelRevision>> drafted = concurrently(drafters, k -> {
            together.await();
            List<ModelRevision> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                String notes = "drafter " + k + ", draft " + i;
                mine.add(store.draft(MODEL, n -> draft(n, pricingAt(20 + k), notes)));
            }
            return mine;
        });

        List<ModelRevision> all = drafted.stream().flatMap(List::stream).toList();
        assertEquals(IntStream.rangeClosed(2, 1 + drafters * each).boxed().toList(),
                all.stream().map(ModelRevision::number).sorted().toList(), "2, 3, 4... each number once");
        assertEquals(1 + drafters * each, store.pointer(MODEL).orElseThrow().latest());
        Map<Integer, ModelRevision> stored = store.revisions(MODEL, all.stream().map(ModelRevision::number).toList());
        all.forEach(revision -> assertEquals(revision, stored.get(revision.number()),
                "revision " + revision.number() + " is what its drafter was told"));
        all.forEach(revision -> assertEquals(MODEL + "@" + revision.number(), revision.model().tag()));
    }

    @Test
    void aDraftThatWouldOverwriteARevisionIsRefused() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        store.draft(MODEL, n -> draft(n, pricingAt(20), "the first review"));
        Map<String, AttributeValue> before = revisionItems().get(1);
        // A pointer set back by hand (a bad restore, a script): the next number taken is a stored revision's.
        dynamoDb.client().updateItem(request -> request.tableName(table())
                .key(LeadTable.key(ModelStore.pk(MODEL), ModelStore.POINTER_SK))
                .updateExpression("SET latest = :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));

        assertThrows(ModelStore.RevisionExists.class,
                () -> store.draft(MODEL, n -> draft(n, pricingAt(99), "an overwrite")));

        assertEquals(before, revisionItems().get(1), "revision 2 is unchanged, byte for byte");
        assertEquals(1, store.pointer(MODEL).orElseThrow().latest(), "and nothing else was written");
    }

    @Test
    void aSeedThatWouldOverwriteRevisionOneIsRefused() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        Map<String, AttributeValue> before = revisionItems().get(0);
        dynamoDb.client().deleteItem(request -> request.tableName(table())
                .key(LeadTable.key(ModelStore.pk(MODEL), ModelStore.POINTER_SK)));

        assertThrows(ModelStore.RevisionExists.class,
                () -> store.seed(MODEL, new ModelSeed(pricingAt(99), "other.yaml"), T0.plusSeconds(1)));

        assertEquals(List.of(before), revisionItems());
        assertTrue(store.pointer(MODEL).isEmpty());
    }

    @Test
    void aRefusedYamlStoresNothing() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        ModelPointer before = store.pointer(MODEL).orElseThrow();

        ModelException refused = assertThrows(ModelException.class,
                () -> store.draft(MODEL, n -> draft(n, pricingAt(20).replace("event: page_view", "event: page_veiw"),
                        null)));

        assertTrue(refused.problems().stream().anyMatch(p -> p.startsWith("rules[0].event")), refused.getMessage());
        assertEquals(before, store.pointer(MODEL).orElseThrow());
        assertEquals(1, revisionItems().size());
    }

    @Test
    void aDraftOfAModelNeverSeededIsRefused() {
        assertThrows(ModelStore.UnknownModel.class, () -> store.draft(MODEL, n -> draft(n, pricingAt(20), null)));
        assertTrue(revisionItems().isEmpty());
    }

    @Test
    void boundsEveryValueThatGrowsTheItemOrBecomesAKey() {
        store.seed(MODEL, ModelSeed.of(null), T0);

        for (String id : List.of("", "a#b", "model id", "x".repeat(65), "défaut")) {
            assertEquals("modelId", assertThrows(ModelStore.OutOfBounds.class,
                    () -> store.seed(id, ModelSeed.of(null), T0)).field(), id);
        }
        assertTrue(ModelStore.isModelId("x".repeat(64)));
        assertTrue(ModelStore.isModelId("B2B_enterprise-2"));

        String huge = pricingAt(20) + "# " + "x".repeat(ModelStore.MAX_YAML_BYTES) + "\n";
        assertEquals("yaml", outOfBounds(n -> draft(n, huge, null)));

        Map<String, String> ruleNotes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            ruleNotes.put("rule:r" + i, "é".repeat(ModelLoader.MAX_NOTES)); // 2 bytes each in UTF-8
        }
        assertEquals("ruleNotes", outOfBounds(n -> withNotes(draft(n, pricingAt(20), null), "ok", ruleNotes)));
        assertEquals("notes", outOfBounds(n -> withNotes(draft(n, pricingAt(20), null),
                "x".repeat(ModelLoader.MAX_NOTES + 1), Map.of())));
        assertEquals("author", outOfBounds(n -> ModelRevision.draft(MODEL, n, pricingAt(20),
                "arn:" + "x".repeat(ModelStore.MAX_AUTHOR_LENGTH), T0, null, null)));
        assertEquals("author", outOfBounds(n -> ModelRevision.draft(MODEL, n, pricingAt(20), " ", T0, null, null)));

        dynamoDb.client().updateItem(request -> request.tableName(table())
                .key(LeadTable.key(ModelStore.pk(MODEL), ModelStore.POINTER_SK))
                .updateExpression("SET latest = :last").expressionAttributeValues(Map.of(":last",
                        AttributeValue.fromN(String.valueOf(ModelStore.MAX_REVISION)))));
        assertEquals("number", outOfBounds(n -> draft(n, pricingAt(20), null)));
        assertEquals(1, revisionItems().size(), "nothing out of bounds was stored");
    }

    @Test
    void publishingMovesThePointerAndKeepsTheFirstPublicationDate() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        store.draft(MODEL, n -> draft(n, pricingAt(20) + "review: { first: 30d, every: 90d }\n", null));

        ModelPointer published = store.publish(MODEL, 2, AUTHOR, T0.plusSeconds(3600));
        ModelPointer rolledBack = store.publish(MODEL, 1, AUTHOR, T0.plusSeconds(7200));
        ModelPointer reviewed = store.publish(MODEL, 2, AUTHOR, T0.plus(Duration.ofDays(31)));

        assertEquals(2, published.published());
        assertEquals(T0.plusSeconds(3600), published.publishedAt());
        assertEquals(T0.plus(Duration.ofDays(30)), published.nextReviewAt(), "revision 2's own review schedule");
        assertEquals(T0.plus(Duration.ofDays(60)), rolledBack.nextReviewAt(), "revision 1's, the default");
        assertEquals(T0.plus(Duration.ofDays(120)), reviewed.nextReviewAt(), "a publish after a due date reviews it");
        assertTrue(published.reviewOverdue(T0.plus(Duration.ofDays(30))));
        assertFalse(reviewed.reviewOverdue(T0.plus(Duration.ofDays(31))));
        assertEquals(1, rolledBack.published(), "publishing an older revision is the rollback");
        assertEquals(T0, rolledBack.firstPublishedAt(), "the review schedule still counts from the first");
        assertEquals(AUTHOR, rolledBack.publishedBy());
        assertEquals(2, rolledBack.latest());
        assertThrows(IllegalArgumentException.class, () -> store.publish(MODEL, 3, AUTHOR, T0));
    }

    @Test
    void listsRevisionsOldestFirstWithoutTheirYaml() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        ModelRevision second = store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(20), AUTHOR,
                T0.plusSeconds(60), "pricing down to 20 after the review", 1));

        List<RevisionSummary> summaries = store.summaries(MODEL);

        assertEquals(List.of(
                new RevisionSummary(1, "leadscore seed (default-model.yaml)", T0,
                        "The shipped defaults, before any review with sales.",
                        io.leadscore.support.Sha256.hex(ModelSeed.of(null).yaml()), null),
                new RevisionSummary(2, AUTHOR, T0.plusSeconds(60), "pricing down to 20 after the review",
                        second.sha256(), 1)), summaries);
        assertEquals(Set.of(1, 2), store.revisions(MODEL, List.of(1, 2, 3)).keySet(), "revision 3 does not exist");
    }

    private String outOfBounds(java.util.function.IntFunction<ModelRevision> make) {
        return assertThrows(ModelStore.OutOfBounds.class, () -> store.draft(MODEL, make)).field();
    }

    private static ModelRevision draft(int number, String yaml, String notes) {
        return ModelRevision.draft(MODEL, number, yaml, AUTHOR, T0.plusSeconds(number), notes, null);
    }

    private static ModelRevision withNotes(ModelRevision revision, String notes, Map<String, String> ruleNotes) {
        return new ModelRevision(revision.modelId(), revision.number(), revision.author(), revision.createdAt(), notes,
                ruleNotes, revision.yaml(), revision.sha256(), revision.basedOn());
    }

    /** The model's revision items as stored, oldest first. */
    private List<Map<String, AttributeValue>> revisionItems() {
        return client().query(QueryRequest.builder().tableName(table())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :rev)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ModelStore.pk(MODEL)),
                        ":rev", AttributeValue.fromS(ModelStore.REVISION_PREFIX)))
                .consistentRead(true).build()).items();
    }

    /** Runs {@code task} on {@code threads} threads at once, each given its number; their results in that order. */
    static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int number = k;
                futures.add(pool.submit((Callable<T>) () -> task.run(number)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Task<T> {
        T run(int number) throws Exception;
    }

    private DynamoDbClient client() {
        return dynamoDb.client();
    }

    private String table() {
        return dynamoDb.tableName("LeadScoreTable");
    }
}
