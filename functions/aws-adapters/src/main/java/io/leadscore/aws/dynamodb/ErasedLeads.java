package io.leadscore.aws.dynamodb;

import io.leadscore.aws.lambda.Environment;
import io.leadscore.privacy.Erasure;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fence of erased leads: one item per erased id ({@code ERASED#<sha256 of the id>}/{@code ERASED}), holding the
 * hash and the time only. It is written before anything of the lead is deleted, so an event that arrives meanwhile or
 * later is refused at ingest and skipped by the score function instead of starting the lead again (unless the
 * template's {@code RecreateErasedLeads} lets it).
 */
public final class ErasedLeads {
    static final String PREFIX = "ERASED#";
    private static final String SK = "ERASED";

    private final DynamoDbClient dynamo;
    private final String table;

    public ErasedLeads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Fences the id; fencing it again only moves the time. */
    void fence(String leadId, Instant at) {
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(AttributeValues.item(Map.of(
                LeadTable.PK, PREFIX + Erasure.fingerprint(leadId), LeadTable.SK, SK, LeadTable.KIND, LeadTable.ERASED,
                "erasedAt", at.toString()))).build());
    }

    /** The erased ids among these, read consistently, 100 to a request. */
    public Set<String> among(Collection<String> leadIds) {
        Map<String, String> byKey = new HashMap<>();
        leadIds.forEach(id -> byKey.put(PREFIX + Erasure.fingerprint(id), id));
        List<String> keys = List.copyOf(byKey.keySet());
        Set<String> erased = new HashSet<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .projectionExpression(LeadTable.PK)
                    .keys(keys.subList(from, Math.min(from + 100, keys.size())).stream()
                            .map(pk -> LeadTable.key(pk, SK)).toList()).build());
            while (!request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> erased.add(byKey.get(item.get(LeadTable.PK).s())));
                request = response.unprocessedKeys();
            }
        }
        return erased;
    }

    public boolean isErased(String leadId) {
        return !among(List.of(leadId)).isEmpty();
    }

    /**
     * The fence the ingest and score functions keep: none when the template's {@code RecreateErasedLeads}
     * ({@code RECREATE_ERASED_LEADS}) lets a late event start a fresh lead.
     */
    public static Optional<ErasedLeads> fence(Environment env, DynamoDbClient dynamo, String table) {
        return env.get("RECREATE_ERASED_LEADS").map(Boolean::parseBoolean).orElse(false) ? Optional.empty()
                : Optional.of(new ErasedLeads(dynamo, table));
    }
}
