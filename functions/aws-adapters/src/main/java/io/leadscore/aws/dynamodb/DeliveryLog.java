package io.leadscore.aws.dynamodb;

import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.List;
import java.util.Map;

/**
 * The delivery history of qualifications. Records live in the lead table beside everything else, one partition
 * per qualification ({@code NOTIFY#<qualificationId>}) and one item per destination ({@code DEST#<destinationId>},
 * kind {@code delivery}), so a qualification's deliveries are one query.
 */
public final class DeliveryLog {
    private static final String PK_PREFIX = "NOTIFY#";
    private static final String SK_PREFIX = "DEST#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every destination's delivery of the qualification, ordered by destination id; empty if none was tried. */
    public List<Delivery> forQualification(String qualificationId) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :dest)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(qualificationId)),
                                ":dest", AttributeValue.fromS(SK_PREFIX)))
                        .consistentRead(true).build())
                .items().stream()
                .map(item -> Json.mapper().convertValue(AttributeValues.values(item), Delivery.class))
                .toList();
    }

    /** The partition of a qualification's deliveries. */
    static String partition(String qualificationId) {
        return PK_PREFIX + qualificationId;
    }

    /** The destination a delivery record's sort key names. */
    static String destination(String sortKey) {
        return sortKey.substring(SK_PREFIX.length());
    }

    /** The record of one destination's delivery of one qualification. */
    public static Map<String, AttributeValue> key(String qualificationId, String destinationId) {
        return Map.of(LeadTable.PK, AttributeValue.fromS(partition(qualificationId)),
                LeadTable.SK, AttributeValue.fromS(SK_PREFIX + destinationId));
    }
}
