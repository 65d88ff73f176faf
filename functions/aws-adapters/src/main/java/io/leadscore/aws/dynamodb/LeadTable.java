package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    public static final String ACTIVITY = "activity";
    public static final String LEAD = "lead";
    public static final String LEDGER = "ledger";
    public static final String WRITE_KEY = "writekey";
    public static final String OUTBOX = "outbox";
    public static final String DELIVERY = "delivery";
    public static final String ACCOUNT = "account";
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
    /** The fence of an erased lead ({@code ERASED#<sha256 of its id>}): see {@link ErasedLeads}. */
    public static final String ERASED = "erased";

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

    static <T> T fromValues(Map<String, Object> values, Class<T> type) {
        return Json.mapper().convertValue(values, type);
    }

    static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
        return fromValues(AttributeValues.values(item), type);
    }
}
