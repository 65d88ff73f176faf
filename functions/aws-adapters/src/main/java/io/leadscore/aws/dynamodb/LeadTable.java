package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.activity.Retention;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single table's key design. A lead's partition ({@code LEAD#<id>}) holds its activities
 * ({@code ACT#<eventId>}), its state ({@code LEAD}) and its ledger ({@code LEDGER#<time>#<eventId>}): one
 * partition means one stream shard, so a lead's activities are scored in the order they were recorded.
 * The {@code kind} attribute tells item types apart for the stream filter.
 */
public final class LeadTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String KIND = "kind";
    /**
     * The table's TTL attribute (epoch seconds): DynamoDB deletes an item that carries it soon after that time. Rate
     * counters, activities and ledger entries carry it; nothing else does (DynamoDB Local never deletes by it).
     */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String ACTIVITY = "activity";
    /**
     * An activity an import of history recorded ({@code ACT#<eventId>} like a live one): not on the score function's
     * stream, replayed in time order by the import instead.
     */
    public static final String IMPORTED_ACTIVITY = "importedActivity";
    public static final String LEAD = "lead";
    public static final String LEDGER = "ledger";
    public static final String WRITE_KEY = "writekey";
    public static final String OUTBOX = "outbox";
    public static final String DELIVERY = "delivery";
    /** A buffered notification in its destination's outage queue ({@code NOTIFYQ#<destinationId>}/{@code <time>#<id>}). */
    public static final String OUTAGE_QUEUE_ENTRY = "outageQueueEntry";
    /** The partition of a destination's outage queue is this and the destination's id. */
    public static final String OUTAGE_QUEUE_PREFIX = "NOTIFYQ#";
    public static final String ACCOUNT = "account";
    /** A member's share of its account ({@code ACCOUNT#<id>}/{@code MEMBER#<leadId>}). */
    public static final String ACCOUNT_MEMBER = "accountMember";
    /** A rate limit's counter of one minute (see {@link RateLimits}). */
    public static final String RATE = "rate";
    /** A model's pointer to its published revision ({@code MODEL#<id>}/{@code MODEL}): see {@link ModelStore}. */
    public static final String MODEL = "model";
    /** A model's revision ({@code MODEL#<id>}/{@code REV#<n>}), written once. */
    public static final String MODEL_REVISION = "modelRevision";
    /** A re-score or backtest job ({@code JOB#<jobId>}/{@code JOB}): see {@link JobStore}. */
    public static final String JOB = "job";
    /** A segment of a job ({@code JOB#<jobId>}/{@code SEG#<k>}): its worker's cursor, counts and partial report. */
    public static final String JOB_SEGMENT = "jobSegment";
    /** A training run ({@code JOB#<runId>}/{@code TRAINING}) and a model's guard ({@code MODEL#<id>}/{@code TRAINING}). */
    public static final String TRAINING = "training";
    public static final String TRAINING_GUARD = "trainingGuard";
    /** An item of report counters ({@code COUNT#<family>...}): see {@link CountStore}. */
    public static final String COUNT = "count";
    /** The fence of an erased lead ({@code ERASED#<sha256 of its id>}): see {@link ErasedLeads}. */
    public static final String ERASED = "erased";
    /** A bucket import's progress ({@code IMPORT#<bucket>/<key>@<ETag>}/{@code PROGRESS}): see {@link ImportProgressStore}. */
    public static final String IMPORT_PROGRESS = "importProgress";
    /** What one chunk of a bucket import came to ({@code IMPORT#...}/{@code CHUNK#<k>}). */
    public static final String IMPORT_CHUNK = "importChunk";

    static final String LEAD_PREFIX = "LEAD#";
    static final String LEAD_SK = "LEAD";
    static final String LEDGER_PREFIX = "LEDGER#";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private LeadTable() {
    }

    static String leadPk(String leadId) {
        return LEAD_PREFIX + leadId;
    }

    static String leadIdOf(String leadPk) {
        return leadPk.substring(LEAD_PREFIX.length());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    /** A record (or map) as an item of the given kind under the given key; Jackson does the fields. */
    static Map<String, AttributeValue> item(String pk, String sk, String kind, Object value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PK, pk);
        values.put(SK, sk);
        values.put(KIND, kind);
        values.putAll(Json.mapper().convertValue(value, MAP));
        return AttributeValues.item(values);
    }

    /** The item of a piece of a lead's history, which expires as {@code retention} says from {@code occurredAt}. */
    static Map<String, AttributeValue> expiring(Map<String, AttributeValue> item, Retention retention,
                                                Instant occurredAt) {
        Map<String, AttributeValue> expiring = new LinkedHashMap<>(item);
        expiring.put(EXPIRES_AT, AttributeValues.of(retention.expiresAt(occurredAt)));
        return expiring;
    }

    static <T> T fromValues(Map<String, Object> values, Class<T> type) {
        return Json.mapper().convertValue(values, type);
    }

    static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
        return fromValues(AttributeValues.values(item), type);
    }
}
