package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.announcement.AccountAnnouncement;
import io.leadscore.announcement.Announcement;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.lead.Crossing;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: a bus event stored in the partition it belongs to, in the same transaction as the change
 * that caused it, then published from the table's stream. A lead's announcement (LeadQualified...) goes in the lead's
 * partition, an account's in the account's, a model's review reminder and audit warning in {@code MODEL#<modelId>},
 * a job's segment in {@code JOB#<jobId>}. Its sort key is the event's key and detail-type, and it is only written if not there yet, so
 * each is stored, and so published, once. The records stay as the partition's notification history; only the
 * announcements are listed in the notification feed (the MQL feed of the RankIndex), which is the sales team's.
 * Until it is marked published, a record is on the {@link UnpublishedOutbox}, where the scheduled re-publish finds it
 * if its publish batch failed for good.
 */
public final class Outbox {
    public static final String SOURCE = BusEvent.SOURCE;
    static final String PREFIX = "OUTBOX#";
    /** A job's partition, where its own items live too (a model's is {@link ModelStore}'s). */
    static final String JOB_PREFIX = "JOB#";
    private static final String ONCE = "attribute_not_exists(" + LeadTable.PK + ")";

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * A stored event: its detail as it goes on the bus, and whether (when) it reached the bus.
     *
     * @param partition       the partition it is stored in (the item's {@code pk}), where it is marked published
     * @param qualificationId the event's key: an announcement's qualification id, a review reminder's
     *                        {@code model:<id>/review/<date>}, a segment's {@code <jobId>/segment/<n>/<attempt>}
     * @param leadId          the lead of an announcement; null for a model's or a job's event
     * @param accountId       set for an account's announcement
     */
    public record Record(@JsonProperty(LeadTable.PK) String partition, String qualificationId, String leadId,
                         String accountId, String detailType, Map<String, Object> detail, Instant createdAt,
                         Instant publishedAt) {

        static Record of(BusEvent event, Instant createdAt) {
            String leadId = event instanceof Announcement announcement ? announcement.leadId() : null;
            String accountId = event instanceof AccountAnnouncement account ? account.accountId() : null;
            return new Record(Outbox.partition(event), event.key(), leadId, accountId, event.detailType(), event.detail(),
                    createdAt, null);
        }

        /**
         * The detail read back through the bus contract.
         *
         * @throws IllegalArgumentException naming every field that is missing or malformed
         */
        public BusEvent event() {
            return BusEvent.read(detailType, detail);
        }

        /**
         * A lead's or an account's announcement, read back through the bus contract.
         *
         * @throws IllegalArgumentException if it is another event, or naming every field that is missing or malformed
         */
        public Announcement announcement() {
            return Announcement.read(detailType, detail);
        }

        String sortKey() {
            return PREFIX + qualificationId + "#" + detailType;
        }
    }

    public Outbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The partition an event belongs to. */
    public static String partition(BusEvent event) {
        if (event instanceof AccountAnnouncement account) {
            return AccountStore.pk(account.accountId());
        }
        if (event instanceof Announcement announcement) {
            return LeadTable.leadPk(announcement.leadId());
        }
        if (event instanceof ModelReviewDue review) {
            return ModelStore.pk(review.modelId());
        }
        if (event instanceof ModelNeedsReview audit) {
            return ModelStore.pk(audit.modelId());
        }
        return JOB_PREFIX + ((JobSegmentReady) event).jobId();
    }

    /** What a crossing announces, as the scoring transaction writes it. */
    static Map<String, AttributeValue> item(Crossing crossing, Instant now) {
        return item(Announcement.of(crossing), now);
    }

    static Map<String, AttributeValue> item(BusEvent event, Instant now) {
        Record record = Record.of(event, now);
        Map<String, AttributeValue> item = new LinkedHashMap<>(LeadTable.item(record.partition(), record.sortKey(),
                LeadTable.OUTBOX, record));
        if (event instanceof Announcement) {
            item.putAll(AttributeValues.item(RankIndex.NOTIFICATIONS.keys(record.qualificationId()
                    + record.detailType(), now.toEpochMilli())));
        }
        item.putAll(UnpublishedOutbox.keys(record.partition(), record.sortKey(), now));
        return item;
    }

    /**
     * The event's record as a put of a transaction of the caller's, which it cancels if the record is stored already:
     * so the change that causes an event and the event are written together, once.
     */
    public TransactWriteItem putOnce(BusEvent event, Instant now) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(event, now))
                .conditionExpression(ONCE).build()).build();
    }

    /**
     * Stores the event's record on its own, once.
     *
     * @return false if it was stored already (by an earlier try, or by someone else)
     */
    public boolean storeOnce(BusEvent event, Instant now) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(event, now))
                    .conditionExpression(ONCE).build());
            return true;
        } catch (ConditionalCheckFailedException stored) {
            return false;
        }
    }

    /** The record in a stream record's new image. */
    public static Record fromImage(Map<String, Object> image) {
        return LeadTable.fromValues(image, Record.class);
    }

    /**
     * Notes when the record reached the bus, and takes it off the {@link UnpublishedOutbox} in the same write; a record
     * no longer stored is left alone, not recreated.
     */
    public void markPublished(Record record, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(LeadTable.key(record.partition(), record.sortKey()))
                    .updateExpression("SET publishedAt = :at REMOVE " + DueIndex.SHARD + ", " + DueIndex.DUE_AT)
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

    /** A model's events (its review reminders), oldest first. */
    public List<Record> forModel(String modelId) {
        return inPartition(ModelStore.pk(modelId));
    }

    /** A job's events (its segments handed out), oldest first. */
    public List<Record> forJob(String jobId) {
        return inPartition(JOB_PREFIX + jobId);
    }

    private List<Record> inPartition(String pk) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :outbox)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                                ":outbox", AttributeValue.fromS(PREFIX)))
                        .build())
                .items().stream().map(item -> LeadTable.fromItem(item, Record.class))
                .sorted(Comparator.comparing(Record::createdAt)).toList();
    }
}
