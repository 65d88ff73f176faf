package io.leadscore.bulkimport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.leadscore.aws.dynamodb.ImportProgressStore;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.bulk.ByteRange;
import io.leadscore.bulk.LineChunks;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An object uploaded to the import bucket ({@code S3} event): cut into line-aligned chunks ({@link LineChunks}), its
 * progress item started with their number, and one message per chunk sent to the chunk queue, where
 * {@link ImportChunkHandler} loads them in parallel. An empty object has nothing to load: its result is written at
 * once. S3 may deliver an event twice: the progress item is started once, and a chunk sent twice is counted once.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code IMPORT_QUEUE_URL}; optionally {@code IMPORT_CHUNK_BYTES} (1 MiB, about
 * 5,000 events of the API's shape).
 */
public final class ImportSplitHandler implements RequestHandler<S3Event, Void> {
    /** Read by the SQS client: where SQS is when it is not AWS's. */
    static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    /** Where history events are uploaded: JSON Lines in the API's event shape. */
    static final String EVENTS_PREFIX = "events/";
    static final String EVENTS_SUFFIX = ".jsonl";
    private static final int DEFAULT_CHUNK_BYTES = 1024 * 1024;
    /** Read at a time past a cut to find the line end: a few lines of events. */
    private static final int PROBE_BYTES = 16 * 1024;
    /** SQS's limit on the entries of SendMessageBatch. */
    private static final int BATCH = 10;

    private final FunctionBootstrap bootstrap;
    private final ImportObjects objects;
    private final ImportProgressStore progress;
    private final SqsClient sqs;
    private final String queueUrl;
    private final LineChunks chunks;

    /** Lambda's entry: configuration from the environment. */
    public ImportSplitHandler() {
        this(Environment.system());
    }

    public ImportSplitHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.objects = new ImportObjects(ImportObjects.client(env));
        this.progress = new ImportProgressStore(bootstrap.dynamoDb(), bootstrap.table());
        this.sqs = AwsClients.configure(SqsClient.builder(), env, SQS_ENDPOINT);
        this.queueUrl = env.require("IMPORT_QUEUE_URL");
        this.chunks = new LineChunks(env.integer("IMPORT_CHUNK_BYTES", DEFAULT_CHUNK_BYTES), PROBE_BYTES);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        Metrics metrics = new Metrics("importsplit");
        try {
            for (S3EventNotificationRecord record : event.getRecords()) {
                String bucket = record.getS3().getBucket().getName();
                // S3 events carry the key form-encoded ("my file.jsonl" arrives as "my+file.jsonl").
                String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                if (!key.startsWith(EVENTS_PREFIX) || !key.endsWith(EVENTS_SUFFIX)) {
                    Log.warn("not an import: only " + EVENTS_PREFIX + "*" + EVENTS_SUFFIX + " is imported", "key", key);
                    continue;
                }
                metrics.count("Chunks", split(bucket, key));
            }
            return null;
        } finally {
            metrics.publish();
        }
    }

    private int split(String bucket, String key) {
        ImportObjects.Upload upload = objects.head(bucket, key);
        List<ByteRange> ranges = chunks.plan(upload.size(), (from, length) ->
                objects.read(upload.id(), new ByteRange(from, from + length)));
        boolean started = progress.start(upload.id(), ranges.size(), bootstrap.clock().instant());
        Log.info("import split", "key", key, "bytes", upload.size(), "chunks", ranges.size(), "started", started);
        if (ranges.isEmpty()) {
            objects.writeResult(upload.id(), progress.result(upload.id(), bootstrap.clock().instant()));
            return 0;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(k))
                    .messageBody(new ImportChunk(upload.id(), k, ranges.size(), ranges.get(k)).toJson()).build());
        }
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
            SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
            if (!response.failed().isEmpty()) {
                // Failing the invocation makes S3's asynchronous invocation retry it; chunks sent twice count once.
                throw new IllegalStateException("the chunk queue refused " + response.failed());
            }
        }
        return ranges.size();
    }
}
