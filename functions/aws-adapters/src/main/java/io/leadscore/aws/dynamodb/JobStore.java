package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.JobSegmentReady;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-score and backtest jobs in the table, each in its partition {@code JOB#<jobId>}: the {@link Job} ({@code JOB}),
 * one {@link JobSegment} per segment ({@code SEG#0003}), and the {@code JobSegmentReady} events that hand the segments
 * to workers (the outbox's {@code OUTBOX#...}, published from the stream like every bus event).
 *
 * <p>A job starts in one transaction: its item and each segment's first handing-out, with whatever else must happen
 * with it (a publish's move of the model's pointer), so that there is never a published revision without its re-score,
 * nor a job whose segments are not on their way. A segment is written by one worker at a time (its revision guards
 * it), and handed to a fresh invocation together with the event that does so.
 */
public final class JobStore {
    /**
     * DynamoDB's 100 items in a transaction: the job, a publish's pointer, and each segment's first event. (A segment's
     * item is written by its worker, not at the start, so that it does not count here.)
     */
    public static final int MAX_SEGMENTS = 98;

    static final String JOB_SK = "JOB";
    static final String SEGMENT_PREFIX = "SEG#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;

    public JobStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = new Outbox(dynamo, table);
    }

    /** A write of the start transaction refused its guard: for a publish, another publish moved the pointer. */
    public static final class NotStarted extends RuntimeException {
        NotStarted(String jobId, TransactionCanceledException cause) {
            super("job " + jobId + " was not started: " + cause.cancellationReasons(), cause);
        }
    }

    /**
     * Writes the job and each segment's first {@code JobSegmentReady} (for the publish function to put on the bus), and
     * {@code alongside}, all or nothing.
     *
     * @throws NotStarted when a guard failed; nothing was written
     */
    public void start(Job job, Instant now, TransactWriteItem... alongside) {
        if (job.segments() < 1 || job.segments() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a job has 1 to " + MAX_SEGMENTS + " segments, not " + job.segments());
        }
        List<TransactWriteItem> writes = new ArrayList<>(List.of(alongside));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(LeadTable.item(pk(job.jobId()), JOB_SK, LeadTable.JOB, job))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        job.firstHandOuts().forEach(event -> writes.add(outbox.putOnce(event, now)));
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            throw new NotStarted(job.jobId(), e);
        }
    }

    public Optional<Job> job(String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(jobId), JOB_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Job.class));
    }

    /** The segment as its worker last wrote it, or unstarted. */
    public JobSegment segment(String jobId, int segment) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(jobId), sk(segment))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? JobSegment.unstarted(segment)
                : LeadTable.fromItem(item, JobSegment.class);
    }

    /** The job with every segment, in one consistent Query of its partition (its events are read too, and skipped). */
    public Optional<StoredJob> stored(String jobId) {
        Job job = null;
        List<JobSegment> segments = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").consistentRead(true)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(jobId)))).build()).items()) {
            String kind = item.get(LeadTable.KIND).s();
            if (LeadTable.JOB.equals(kind)) {
                job = LeadTable.fromItem(item, Job.class);
            } else if (LeadTable.JOB_SEGMENT.equals(kind)) {
                segments.add(LeadTable.fromItem(item, JobSegment.class));
            }
        }
        return job == null ? Optional.empty() : Optional.of(StoredJob.of(job, segments));
    }

    /**
     * Writes the segment's next state, if it is still as {@code read}.
     *
     * @return false when another worker wrote it meanwhile (an event delivered twice): that one has the segment
     */
    public boolean save(String jobId, JobSegment read, JobSegment next) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(jobId, next))
                    .conditionExpression(guard(read)).expressionAttributeValues(guardValues(read)).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Writes the segment's next state with the event that hands it to a fresh invocation, if it is still as
     * {@code read}: the next worker finds the cursor it continues from, and the older event is stale from then on.
     *
     * @return false when another worker wrote the segment meanwhile
     */
    public boolean handOver(String jobId, JobSegment read, JobSegment next, JobSegmentReady event, Instant now) {
        Put segment = Put.builder().tableName(table).item(item(jobId, next)).conditionExpression(guard(read))
                .expressionAttributeValues(guardValues(read)).build();
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(segment).build(), outbox.putOnce(event, now)).build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> item(String jobId, JobSegment segment) {
        return LeadTable.item(pk(jobId), sk(segment.segment()), LeadTable.JOB_SEGMENT, segment);
    }

    private static String guard(JobSegment read) {
        return read.revision() == 0 ? "attribute_not_exists(pk)" : "revision = :read";
    }

    private static Map<String, AttributeValue> guardValues(JobSegment read) {
        return read.revision() == 0 ? null : Map.of(":read", AttributeValues.of(read.revision()));
    }

    static String pk(String jobId) {
        return Outbox.JOB_PREFIX + jobId;
    }

    static String sk(int segment) {
        return SEGMENT_PREFIX + String.format("%04d", segment);
    }
}
