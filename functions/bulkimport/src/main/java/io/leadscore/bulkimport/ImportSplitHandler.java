package io.leadscore.bulkimport;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.leadscore.aws.dynamodb.ImportProgressStore;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.bulk.ByteRange;
import io.leadscore.bulk.CsvCells;
import io.leadscore.bulk.CsvChunks;
import io.leadscore.bulk.CsvLeads;
import io.leadscore.bulk.ImportResult;
import io.leadscore.bulk.LeadMapping;
import io.leadscore.bulk.LineChunks;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An object uploaded to the import bucket ({@code S3} event): cut into chunks, its progress item started with their
 * number, and one message per chunk sent to the chunk queue, where {@link ImportChunkHandler} loads them in parallel.
 * An empty object has nothing to load: its result is written at once. S3 may deliver an event twice: the progress
 * item is started once, and a chunk sent twice is counted once.
 *
 * <p>Two kinds of upload, by prefix: {@code events/*.jsonl}, JSON Lines in the API's event shape, cut at line ends
 * ({@link LineChunks}, reading only around each cut); and {@code leads/<mapping>/*.csv}, a CRM's contact export with
 * a ready-made mapping ({@link LeadsKey}), cut quote-aware after its header ({@link CsvChunks}, reading the object
 * once), so that a cell quoted across lines is never cut, and the header sent in every chunk. A leads upload whose
 * mapping is unknown, or whose header lacks a column the mapping reads, is refused whole: its result says why.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code IMPORT_QUEUE_URL}; optionally {@code IMPORT_CHUNK_BYTES} (1 MiB, about
 * 5,000 events of the API's shape).
 */
public final class ImportSplitHandler extends StreamHandler<S3Event, Void> {
    /** Read by the SQS client: where SQS is when it is not AWS's. */
    static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    /** Where history events are uploaded: JSON Lines in the API's event shape. */
    static final String EVENTS_PREFIX = "events/";
    static final String EVENTS_SUFFIX = ".jsonl";
    private static final int DEFAULT_CHUNK_BYTES = 1024 * 1024;
    /** Read at a time past a cut to find the line end: a few lines of events. */
    private static final int PROBE_BYTES = 16 * 1024;
    /** Read at a time when a CSV is scanned from its start. */
    private static final int CSV_BLOCK_BYTES = 4 * 1024 * 1024;
    /** SQS's limit on the entries of SendMessageBatch. */
    private static final int BATCH = 10;

    private final FunctionBootstrap bootstrap;
    private final ImportObjects objects;
    private final ImportProgressStore progress;
    private final SqsClient sqs;
    private final String queueUrl;
    private final LineChunks chunks;
    private final CsvChunks csvChunks;

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
        int chunkBytes = env.integer("IMPORT_CHUNK_BYTES", DEFAULT_CHUNK_BYTES);
        this.chunks = new LineChunks(chunkBytes, PROBE_BYTES);
        this.csvChunks = new CsvChunks(chunkBytes, CSV_BLOCK_BYTES);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        Metrics metrics = new Metrics("importsplit");
        try {
            for (S3EventNotificationRecord record : event.getRecords()) {
                String bucket = record.getS3().getBucket().getName();
                // S3 events carry the key form-encoded ("my file.jsonl" arrives as "my+file.jsonl").
                String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
                Optional<LeadsKey> leads = LeadsKey.of(key);
                if (leads.isEmpty() && (!key.startsWith(EVENTS_PREFIX) || !key.endsWith(EVENTS_SUFFIX))) {
                    Log.warn("not an import: only " + EVENTS_PREFIX + "*" + EVENTS_SUFFIX + " and " + LeadsKey.PREFIX
                            + "<mapping>/*" + LeadsKey.SUFFIX + " are imported", "key", key);
                    continue;
                }
                metrics.count("Chunks", split(bucket, key, leads));
            }
            return null;
        } finally {
            metrics.publish();
        }
    }

    private int split(String bucket, String key, Optional<LeadsKey> leads) {
        ImportObjects.Upload upload = objects.head(bucket, key);
        LineChunks.Bytes bytes = (from, length) -> objects.read(upload.id(), new ByteRange(from, from + length));
        return leads.isEmpty() ? send(upload, chunks.plan(upload.size(), bytes), null)
                : splitLeads(upload, leads.get(), bytes);
    }

    private int splitLeads(ImportObjects.Upload upload, LeadsKey key, LineChunks.Bytes bytes) {
        Optional<LeadMapping> mapping = key.readyMade();
        if (mapping.isEmpty()) {
            return refuse(upload, key.prefix() + ": no such mapping (" + LeadsKey.PREFIX + "<mapping>/, mapping one of "
                    + String.join(", ", LeadMapping.READY_MADE) + "); nothing was loaded");
        }
        CsvChunks.Plan plan;
        try {
            plan = csvChunks.plan(upload.size(), bytes);
        } catch (IllegalArgumentException tooLong) {
            return refuse(upload, tooLong.getMessage() + "; nothing was loaded");
        }
        // The header as the command line reads it: without its line end and a spreadsheet's byte order mark.
        String header = new String(plan.header(), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "")
                .replaceFirst("\r?\n$", "");
        List<String> names = CsvCells.of(header);
        List<String> missing = names == null ? mapping.get().columns()
                : new CsvLeads(names, mapping.get()).missingColumns();
        if (!missing.isEmpty()) {
            return refuse(upload, key.prefix() + ": the header has no column " + String.join(", ", missing)
                    + " (header: " + header + "); nothing was loaded");
        }
        return send(upload, plan.ranges(), header);
    }

    /** The result of an upload of which nothing is loaded, and why: no progress item, no chunk. */
    private int refuse(ImportObjects.Upload upload, String why) {
        Log.warn("import refused", "key", upload.id().key(), "why", why);
        objects.writeResult(upload.id(), ImportResult.refused(upload.id().key(), upload.id().eTag(),
                bootstrap.clock().instant(), why));
        return 0;
    }

    private int send(ImportObjects.Upload upload, List<ByteRange> ranges, String header) {
        boolean started = progress.start(upload.id(), ranges.size(), bootstrap.clock().instant());
        Log.info("import split", "key", upload.id().key(), "bytes", upload.size(), "chunks", ranges.size(),
                "started", started);
        if (ranges.isEmpty()) {
            objects.writeResult(upload.id(), progress.result(upload.id(), bootstrap.clock().instant()));
            return 0;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            ImportChunk chunk = new ImportChunk(upload.id(), k, ranges.size(), ranges.get(k), header);
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(k)).messageBody(chunk.toJson())
                    .build());
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
