package io.leadscore.aws.dynamodb;

import io.leadscore.lead.Crossing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: an announcement (LeadQualified...) stored in the lead's partition, in the same
 * transaction as the score change that caused it, then published from the table's stream. Its key is the
 * qualification id and the kind of announcement, so each can be stored, and so published, only once. The
 * records stay as the lead's notification history.
 */
public final class Outbox {
    public static final String SOURCE = "leadscore";
    static final String PREFIX = "OUTBOX#";

    private final DynamoDbClient dynamo;
    private final String table;

    /** A stored announcement: what it says, and whether (when) it reached the event bus. */
    public record Record(String qualificationId, String leadId, String detailType, Map<String, Object> detail,
                         Instant createdAt, Instant publishedAt) {
    }

    public Outbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> item(Crossing crossing, Instant now) {
        return LeadTable.item(LeadTable.leadPk(crossing.leadId()),
                sortKey(crossing.kind().detailType(), crossing.qualificationId()),
                LeadTable.OUTBOX, Map.of("qualificationId", crossing.qualificationId(), "leadId", crossing.leadId(),
                        "detailType", crossing.kind().detailType(), "detail", crossing, "createdAt", now));
    }

    /** A qualification cycle is announced when it begins and again when it ends: one record each. */
    private static String sortKey(String detailType, String qualificationId) {
        return PREFIX + qualificationId + "#" + detailType;
    }

    /** The record in a stream record's new image. */
    public static Record fromImage(Map<String, Object> image) {
        return LeadTable.fromValues(image, Record.class);
    }

    /** Notes when the record reached the bus; a record no longer stored is left alone, not recreated. */
    public void markPublished(Record record, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(LeadTable.key(LeadTable.leadPk(record.leadId()),
                            sortKey(record.detailType(), record.qualificationId())))
                    .updateExpression("SET publishedAt = :at")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString())))
                    .build());
        } catch (ConditionalCheckFailedException gone) {
            // nothing to mark
        }
    }

    /** A lead's announcements, oldest first. */
    public List<Record> forLead(String leadId) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :outbox)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                                ":outbox", AttributeValue.fromS(PREFIX)))
                        .build())
                .items().stream().map(item -> LeadTable.fromItem(item, Record.class))
                .sorted(java.util.Comparator.comparing(Record::createdAt)).toList();
    }
}
