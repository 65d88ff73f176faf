package io.leadscore.aws.dynamodb;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.ReviewSchedule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * A model's revisions and the pointer to the one published, in the table, beside the leads:
 * <ul>
 *   <li>{@code MODEL#<id>}/{@code MODEL}, kind {@code model}: the {@link ModelPointer} (latest number taken, the
 *       revision published, by whom and when), guarded by its {@code revision} on every change;</li>
 *   <li>{@code MODEL#<id>}/{@code REV#000003}, kind {@code modelRevision}: a {@link ModelRevision}, written once.</li>
 * </ul>
 * Revisions are immutable: scores and ledger entries name the revision that made them ({@code default@3}), so what
 * it says must never change under them. Every revision is written with {@code attribute_not_exists}, and this store
 * has no way to update or delete one; a write that would land on an existing revision is refused
 * ({@link RevisionExists}), even when the pointer is wrong.
 *
 * <p>Everything that grows an item or becomes a key is bounded here, whatever a caller checked before: the model id
 * (1-64 of {@code [A-Za-z0-9_-]}), the revision number (6 digits), the YAML ({@value #MAX_YAML_BYTES} bytes), the
 * notes, and the author. A revision item is then at most about 370 KB, under DynamoDB's 400 KB.
 */
public final class ModelStore {
    /** The largest model YAML stored, in UTF-8 bytes: far above any real model (the default is about 6 KB). */
    public static final int MAX_YAML_BYTES = 256 * 1024;
    /** All the notes on a revision's rules, thresholds, groups, decay and cold together, in UTF-8 bytes. */
    public static final int MAX_RULE_NOTES_BYTES = 100 * 1024;
    /** An IAM ARN is at most 2,048 characters. */
    public static final int MAX_AUTHOR_LENGTH = 2_048;
    /** Revision numbers are keyed with six digits, so that the sort key orders them. */
    public static final int MAX_REVISION = 999_999;

    static final String MODEL_PREFIX = "MODEL#";
    static final String POINTER_SK = "MODEL";
    static final String REVISION_PREFIX = "REV#";
    /** The pointer's attribute naming the re-score job that runs, while one does. */
    static final String RESCORING = "rescoring";
    /** The revision item's JSON form of its YAML ({@link #parsedRevision}). */
    static final String MODEL_JSON = "modelJson";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Drafts and publishes of one model take turns on the pointer; this many attempts is plenty. */
    private static final int MAX_ATTEMPTS = 20;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String table;

    public ModelStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A model id that may become a key: 1-64 letters, digits, '_' or '-'. */
    public static boolean isModelId(String modelId) {
        return modelId != null && MODEL_ID.matcher(modelId).matches();
    }

    /** A value that would make an item too large or a key invalid, named as the revision names it. */
    public static final class OutOfBounds extends IllegalArgumentException {
        private final String field;

        OutOfBounds(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        /** The revision's component at fault: {@code modelId}, {@code number}, {@code yaml}, {@code notes}... */
        public String field() {
            return field;
        }
    }

    /** A write would have replaced a stored revision; nothing was written. */
    public static final class RevisionExists extends IllegalStateException {
        RevisionExists(String modelId, int number) {
            super("revision " + number + " of model '" + modelId + "' is stored already, and revisions are never"
                    + " overwritten; the model's pointer says its latest revision is lower, so it needs repair");
        }
    }

    /** The model has no pointer: it was never seeded. */
    public static final class UnknownModel extends IllegalArgumentException {
        UnknownModel(String modelId) {
            super("model '" + modelId + "' has no revisions");
        }
    }

    /** The model's pointer, read consistently: which revision is published now. */
    public Optional<ModelPointer> pointer(String modelId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(modelId), POINTER_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(pointerOf(AttributeValues.values(item)));
    }

    /** A revision. It never changes once written, so a caller may keep it for good. */
    public Optional<ModelRevision> revision(String modelId, int number) {
        return revisionValues(modelId, number).map(ModelStore::revisionOf);
    }

    /** A revision and the model it makes, as the functions that apply it read it. */
    public record Parsed(ModelRevision revision, ScoringModel model) {
    }

    /**
     * A revision with its model parsed from the JSON form stored beside its YAML ({@link ModelLoader#jsonForm}),
     * which needs no YAML parser: that parser is a tenth of a function's cold start. A revision stored without the
     * form (written before it existed, or too large to carry both) is parsed from its YAML.
     */
    public Optional<Parsed> parsedRevision(String modelId, int number) {
        return revisionValues(modelId, number).map(values -> {
            ModelRevision revision = revisionOf(values);
            String json = (String) values.get(MODEL_JSON);
            return new Parsed(revision, json == null ? revision.model()
                    : ModelLoader.parseRevisionJson(json, modelId, number));
        });
    }

    private Optional<Map<String, Object>> revisionValues(String modelId, int number) {
        if (number < 1 || number > MAX_REVISION) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(modelId), sk(number))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.values(item));
    }

    /** Those of these revisions that exist, by number in ascending order, read 100 to a request. */
    public Map<Integer, ModelRevision> revisions(String modelId, Collection<Integer> numbers) {
        List<Integer> wanted = numbers.stream().filter(n -> n >= 1 && n <= MAX_REVISION).distinct().toList();
        Map<Integer, ModelRevision> found = new TreeMap<>();
        for (int from = 0; from < wanted.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(wanted.subList(from, Math.min(from + 100, wanted.size())).stream()
                            .map(n -> LeadTable.key(pk(modelId), sk(n))).toList()).build());
            while (!request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    ModelRevision revision = revisionOf(AttributeValues.values(item));
                    found.put(revision.number(), revision);
                });
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /**
     * Every revision of the model, oldest first, without YAML and rule notes (a list does not return them; DynamoDB
     * still counts whole items read, which is why revisions are listed rarely and not on any scoring path).
     */
    public List<RevisionSummary> summaries(String modelId) {
        List<RevisionSummary> summaries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :revisions)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(modelId)),
                            ":revisions", AttributeValue.fromS(REVISION_PREFIX)))
                    .projectionExpression("#number, #author, #createdAt, #notes, #sha256, #basedOn")
                    .expressionAttributeNames(Map.of("#number", "number", "#author", "author",
                            "#createdAt", "createdAt", "#notes", "notes", "#sha256", "sha256", "#basedOn", "basedOn"))
                    .consistentRead(true);
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            page.items().forEach(item -> {
                Map<String, Object> values = AttributeValues.values(item);
                summaries.add(new RevisionSummary(number(values, "number"), (String) values.get("author"),
                        Instant.parse((String) values.get("createdAt")), (String) values.get("notes"),
                        (String) values.get("sha256"), optionalNumber(values, "basedOn")));
            });
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return summaries;
    }

    /**
     * Makes {@code seed} revision 1 of the model and publishes it, unless the model has a pointer already; returns
     * the pointer either way. The pointer and the revision are written in one transaction, each only if absent, so
     * that any number of functions starting at once seed the model once: the others' writes are refused, and they
     * read what the first wrote.
     *
     * @throws io.leadscore.model.ModelException when the seed's YAML is not a valid model {@code modelId}
     */
    public ModelPointer seed(String modelId, ModelSeed seed, Instant now) {
        requireModelId(modelId);
        Optional<ModelPointer> existing = pointer(modelId);
        if (existing.isPresent()) {
            return existing.get();
        }
        ModelRevision first = ModelRevision.draft(modelId, 1, seed.yaml(), seed.author(), now, null, null);
        checkBounds(first);
        ModelPointer pointer = new ModelPointer(modelId, 1, 1, now, seed.author(), now,
                ReviewSchedule.of(first.model()).nextDue(now, now), 1, null);
        for (int attempt = 1; ; attempt++) {
            try {
                transact(putNew(pointerItem(pointer)), putNew(revisionItem(first)));
                return pointer;
            } catch (TransactionCanceledException e) {
                Optional<ModelPointer> seeded = pointer(modelId);
                if (seeded.isPresent()) {
                    return seeded.get(); // another function seeded it first
                }
                if (failed(e, 1) && !failed(e, 0)) {
                    throw new RevisionExists(modelId, 1);
                }
                giveUpAfter(attempt, "seeding model '" + modelId + "'", e);
            }
        }
    }

    /**
     * Stores a new revision under the model's next number, taken in the same transaction that moves the pointer's
     * {@code latest} to it: two drafts at once never get the same number. {@code make} builds the revision for the
     * number offered (checking the YAML whole); when another draft or a publish moved the pointer meanwhile, it is
     * asked again with the next number.
     *
     * @throws UnknownModel         when the model was never seeded
     * @throws OutOfBounds          when the revision is too large to store
     * @throws RevisionExists       when the number's revision exists although the pointer says otherwise
     * @throws io.leadscore.model.ModelException from {@code make}: the YAML is refused, and nothing is stored
     */
    public ModelRevision draft(String modelId, IntFunction<ModelRevision> make) {
        requireModelId(modelId);
        for (int attempt = 1; ; attempt++) {
            ModelPointer read = pointer(modelId).orElseThrow(() -> new UnknownModel(modelId));
            int number = read.latest() + 1;
            if (number > MAX_REVISION) {
                throw new OutOfBounds("number", "model '" + modelId + "' has " + MAX_REVISION
                        + " revisions, as many as its keys can number");
            }
            ModelRevision revision = make.apply(number);
            if (!revision.modelId().equals(modelId) || revision.number() != number) {
                throw new IllegalArgumentException("asked for revision " + number + " of '" + modelId + "', made "
                        + revision.number() + " of '" + revision.modelId() + "'");
            }
            checkBounds(revision);
            Update latest = Update.builder().tableName(table).key(LeadTable.key(pk(modelId), POINTER_SK))
                    .updateExpression("SET #latest = :number, #revision = :next")
                    .conditionExpression("#revision = :read")
                    .expressionAttributeNames(Map.of("#latest", "latest", "#revision", "revision"))
                    .expressionAttributeValues(Map.of(":number", AttributeValues.of(number),
                            ":next", AttributeValues.of(read.revision() + 1),
                            ":read", AttributeValues.of(read.revision())))
                    .build();
            try {
                transact(TransactWriteItem.builder().update(latest).build(), putNew(revisionItem(revision)));
                return revision;
            } catch (TransactionCanceledException e) {
                if (failed(e, 1) && !failed(e, 0)) {
                    throw new RevisionExists(modelId, number);
                }
                giveUpAfter(attempt, "drafting a revision of model '" + modelId + "'", e);
            }
        }
    }

    /**
     * The write that publishes revision {@code number}, for a transaction of the caller's: it applies only while the
     * pointer is still as {@code read} and the revision exists. Nothing is re-scored by it ({@link #publish}).
     *
     * @param nextReviewAt the first review due after this publish, by the published revision's schedule:
     *                     {@code ReviewSchedule.of(revision.model()).nextDue(firstPublishedAt, at)} (a publish is
     *                     how a review is recorded), kept on the pointer so that the review reminder reads one item
     */
    public TransactWriteItem publication(ModelPointer read, int number, String by, Instant at, Instant nextReviewAt) {
        return publication(read, number, by, at, nextReviewAt, null);
    }

    /**
     * As {@link #publication(ModelPointer, int, String, Instant, Instant)}, for a publish that re-scores every lead:
     * the pointer names the job as {@link ModelPointer#rescoring()} in the same write, so that the job and the
     * revision it re-scores under are one fact. Whoever writes it decided from {@code read} that no other re-score
     * runs; a publish since then moves the pointer's revision and fails this write.
     */
    public TransactWriteItem publication(ModelPointer read, int number, String by, Instant at, Instant nextReviewAt,
                                         String rescoringJob) {
        requireModelId(read.modelId());
        requireAuthor(by);
        Map<String, String> names = new LinkedHashMap<>(Map.of("#published", "published", "#publishedAt",
                "publishedAt", "#publishedBy", "publishedBy", "#revision", "revision",
                "#firstPublishedAt", "firstPublishedAt", "#latest", "latest", "#nextReviewAt", "nextReviewAt"));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":number", AttributeValues.of(number),
                ":at", AttributeValue.fromS(at.toString()), ":by", AttributeValue.fromS(by),
                ":review", AttributeValue.fromS(nextReviewAt.toString()),
                ":next", AttributeValues.of(read.revision() + 1),
                ":read", AttributeValues.of(read.revision())));
        String update = "SET #published = :number, #publishedAt = :at, #publishedBy = :by, #revision = :next,"
                + " #firstPublishedAt = if_not_exists(#firstPublishedAt, :at), #nextReviewAt = :review";
        if (rescoringJob != null) {
            names.put("#rescoring", RESCORING);
            values.put(":job", AttributeValue.fromS(rescoringJob));
            update += ", #rescoring = :job";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(LeadTable.key(pk(read.modelId()), POINTER_SK))
                .updateExpression(update)
                .conditionExpression("#revision = :read AND #latest >= :number")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    /**
     * Notes that the re-score job is over: the pointer names no running job, unless another publish has named its own
     * since. Not a change of what is published, so the pointer's revision stays (drafts in flight are not refused).
     */
    public void rescored(String modelId, String jobId) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(LeadTable.key(pk(modelId), POINTER_SK))
                    .updateExpression("REMOVE #rescoring")
                    .conditionExpression("#rescoring = :job")
                    .expressionAttributeNames(Map.of("#rescoring", RESCORING))
                    .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId)))
                    .build());
        } catch (ConditionalCheckFailedException taken) {
            // a later publish names its own job already
        }
    }

    /**
     * Publishes revision {@code number}, moving the pointer alone: every function scores with it from its next batch
     * on, and nothing is re-scored. (Publishing through the admin API also re-scores every lead: it writes
     * {@link #publication} in one transaction with its job.)
     *
     * @throws IllegalArgumentException when the model has no such revision
     */
    public ModelPointer publish(String modelId, int number, String by, Instant at) {
        requireModelId(modelId);
        for (int attempt = 1; ; attempt++) {
            ModelPointer read = pointer(modelId).orElseThrow(() -> new UnknownModel(modelId));
            if (number < 1 || number > read.latest()) {
                throw new IllegalArgumentException("model '" + modelId + "' has revisions 1 to " + read.latest()
                        + ", not " + number);
            }
            ReviewSchedule schedule = ReviewSchedule.of(revision(modelId, number).orElseThrow().model());
            Instant firstPublishedAt = read.firstPublishedAt() == null ? at : read.firstPublishedAt();
            try {
                transact(publication(read, number, by, at, schedule.nextDue(firstPublishedAt, at)));
                return pointer(modelId).orElseThrow();
            } catch (TransactionCanceledException e) {
                giveUpAfter(attempt, "publishing revision " + number + " of model '" + modelId + "'", e);
            }
        }
    }

    /**
     * Refuses a revision that would make an item too large or a key invalid. The loader bounds each note already;
     * this bounds what they add up to, and what the loader does not see.
     */
    static void checkBounds(ModelRevision revision) {
        requireModelId(revision.modelId());
        if (revision.number() > MAX_REVISION) {
            throw new OutOfBounds("number", "at most " + MAX_REVISION + ", not " + revision.number());
        }
        int yamlBytes = utf8(revision.yaml());
        if (yamlBytes > MAX_YAML_BYTES) {
            throw new OutOfBounds("yaml", "at most " + MAX_YAML_BYTES + " bytes (256 KB), not " + yamlBytes);
        }
        if (revision.notes() != null && revision.notes().length() > ModelLoader.MAX_NOTES) {
            throw new OutOfBounds("notes", "at most " + ModelLoader.MAX_NOTES + " characters, not "
                    + revision.notes().length());
        }
        int ruleNotesBytes = revision.ruleNotes().entrySet().stream()
                .mapToInt(note -> utf8(note.getKey()) + utf8(note.getValue())).sum();
        if (ruleNotesBytes > MAX_RULE_NOTES_BYTES) {
            throw new OutOfBounds("ruleNotes", "the notes on rules, thresholds, groups, decay and cold add up to "
                    + ruleNotesBytes + " bytes; at most " + MAX_RULE_NOTES_BYTES + " (100 KB)");
        }
        requireAuthor(revision.author());
    }

    private static void requireModelId(String modelId) {
        if (!isModelId(modelId)) {
            throw new OutOfBounds("modelId", "a model id is 1-64 letters, digits, '_' or '-'");
        }
    }

    private static void requireAuthor(String author) {
        if (author == null || author.isBlank() || author.length() > MAX_AUTHOR_LENGTH) {
            throw new OutOfBounds("author", "1-" + MAX_AUTHOR_LENGTH + " characters (an IAM ARN)");
        }
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void transact(TransactWriteItem... writes) {
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Whether the transaction's item at {@code index} was refused by its condition. */
    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** Another writer moved the pointer, or its transaction was in flight: pause briefly and try again, a while. */
    private static void giveUpAfter(int attempt, String what, TransactionCanceledException e) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(what + " failed " + attempt + " times on concurrent changes to the"
                    + " model's pointer", e);
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempt, 6)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, interrupted);
        }
    }

    static String pk(String modelId) {
        return MODEL_PREFIX + modelId;
    }

    static String sk(int number) {
        return REVISION_PREFIX + String.format("%06d", number);
    }

    /** An item of the model's partition: its key, kind and model id, to which the caller adds the rest. */
    private static Map<String, Object> modelItem(String modelId, String sk, String kind) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(LeadTable.PK, pk(modelId));
        values.put(LeadTable.SK, sk);
        values.put(LeadTable.KIND, kind);
        values.put("modelId", modelId);
        return values;
    }

    private static Map<String, AttributeValue> pointerItem(ModelPointer pointer) {
        Map<String, Object> values = modelItem(pointer.modelId(), POINTER_SK, LeadTable.MODEL);
        values.put("latest", pointer.latest());
        values.put("published", pointer.published());
        values.put("publishedAt", pointer.publishedAt().toString());
        values.put("publishedBy", pointer.publishedBy());
        values.put("firstPublishedAt", pointer.firstPublishedAt().toString());
        values.put("nextReviewAt", pointer.nextReviewAt() == null ? null : pointer.nextReviewAt().toString());
        values.put("revision", pointer.revision());
        return AttributeValues.item(values);
    }

    private static ModelPointer pointerOf(Map<String, Object> values) {
        return new ModelPointer((String) values.get("modelId"), number(values, "latest"), number(values, "published"),
                instant(values, "publishedAt"), (String) values.get("publishedBy"), instant(values, "firstPublishedAt"),
                instant(values, "nextReviewAt"), ((Number) values.get("revision")).longValue(),
                (String) values.get(RESCORING));
    }

    private static Map<String, AttributeValue> revisionItem(ModelRevision revision) {
        Map<String, Object> values = modelItem(revision.modelId(), sk(revision.number()), LeadTable.MODEL_REVISION);
        values.put("number", revision.number());
        values.put("author", revision.author());
        values.put("createdAt", revision.createdAt().toString());
        values.put("notes", revision.notes());
        values.put("ruleNotes", revision.ruleNotes());
        values.put("yaml", revision.yaml());
        values.put(MODEL_JSON, jsonFormWithin(revision.yaml()));
        values.put("sha256", revision.sha256());
        values.put("basedOn", revision.basedOn());
        return AttributeValues.item(values);
    }

    /**
     * The YAML's JSON form when the two together fit the YAML's own bound, so that the item stays under DynamoDB's
     * limit; null (none stored) otherwise. The default model is about 6 KB of YAML.
     */
    static String jsonFormWithin(String yaml) {
        String json = ModelLoader.jsonForm(yaml);
        return utf8(yaml) + utf8(json) <= MAX_YAML_BYTES ? json : null;
    }

    @SuppressWarnings("unchecked")
    private static ModelRevision revisionOf(Map<String, Object> values) {
        Map<String, String> ruleNotes = new LinkedHashMap<>();
        ((Map<String, Object>) values.getOrDefault("ruleNotes", Map.of()))
                .forEach((row, note) -> ruleNotes.put(row, (String) note));
        return new ModelRevision((String) values.get("modelId"), number(values, "number"),
                (String) values.get("author"), instant(values, "createdAt"), (String) values.get("notes"), ruleNotes,
                (String) values.get("yaml"), (String) values.get("sha256"), optionalNumber(values, "basedOn"));
    }

    private static int number(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).intValue();
    }

    private static Integer optionalNumber(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value == null ? null : ((Number) value).intValue();
    }

    private static Instant instant(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value == null ? null : Instant.parse((String) value);
    }
}
