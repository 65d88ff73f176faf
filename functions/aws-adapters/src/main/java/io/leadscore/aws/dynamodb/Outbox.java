package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.AccountAnnouncement;
import io.leadscore.announcement.Announcement;
import io.leadscore.lead.Crossing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: an announcement (LeadQualified, AccountQualified...) stored in the lead's (or the
 * account's) partition, in the same transaction as the score change that caused it, then published from the table's stream. Its key is the
 * qualification id and the kind of announcement, so each can be stored, and so published, only once. The
 * records stay as the lead's (the account's) notification history.
 */
public final class Outbox {
    public static final String SOURCE = Announcement.SOURCE;
    static final String PREFIX = "OUTBOX#";

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * A stored announcement: its detail as it goes on the bus, and whether (when) it reached the bus. {@code accountId}
     * is set for an account's, which is kept in the account's partition.
     */
    public record Record(String qualificationId, String leadId, String accountId, String detailType,
                         Map<String, Object> detail, Instant createdAt, Instant publishedAt) {

        static Record of(Announcement announcement, Instant createdAt) {
            String accountId = announcement instanceof AccountAnnouncement account ? account.accountId() : null;
            return new Record(announcement.qualificationId(), announcement.leadId(), accountId,
                    announcement.detailType(), announcement.detail(), createdAt, null);
        }

        /**
         * The detail read back through the bus contract.
         *
         * @throws IllegalArgumentException naming every field that is missing or malformed
         */
        public Announcement announcement() {
            return Announcement.read(detailType, detail);
        }

        String pk() {
            return accountId != null ? AccountStore.pk(accountId) : LeadTable.leadPk(leadId);
        }
    }

    public Outbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> item(Crossing crossing, Instant now) {
        Record record = Record.of(Announcement.of(crossing), now);
        Map<String, AttributeValue> item = new LinkedHashMap<>(LeadTable.item(record.pk(),
                sortKey(record.detailType(), record.qualificationId()), LeadTable.OUTBOX, record));
        item.putAll(AttributeValues.item(RankIndex.NOTIFICATIONS.keys(record.qualificationId() + record.detailType(),
                now.toEpochMilli())));
        return item;
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
                    .key(LeadTable.key(record.pk(), sortKey(record.detailType(), record.qualificationId())))
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
        return inPartition(LeadTable.leadPk(leadId));
    }

    /** An account's announcements, oldest first. */
    public List<Record> forAccount(String accountId) {
        return inPartition(AccountStore.pk(accountId));
    }

    private List<Record> inPartition(String pk) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :outbox)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                                ":outbox", AttributeValue.fromS(PREFIX)))
                        .build())
                .items().stream().map(item -> LeadTable.fromItem(item, Record.class))
                .sorted(java.util.Comparator.comparing(Record::createdAt)).toList();
    }
}
