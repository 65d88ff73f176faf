package io.leadscore.bulkimport;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.ImportProgressStore;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.bulk.ChunkTally;
import io.leadscore.history.HistoryImport;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk of an import from the chunk queue ({@link ImportChunk}): its bytes read with one ranged GET of the upload as
 * it was split, its rows loaded ({@link ChunkLoader}), its counts added to the import's progress once however often
 * it is delivered, and, when it was the last chunk to be counted, the result written beside the upload. A chunk that
 * fails is reported in {@code batchItemFailures}: SQS delivers it again, and after five failures keeps it in the dead
 * letter queue.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code MODEL_ID}, {@code RETENTION_DAYS}, {@code RECREATE_ERASED_LEADS} (a
 * chunk refuses erased leads' events unless true).
 */
public final class ImportChunkHandler extends StreamHandler<SQSEvent, SQSBatchResponse> {

    private final FunctionBootstrap bootstrap;
    private final ImportObjects objects;
    private final ImportProgressStore progress;
    private final ChunkLoader loader;

    /** Lambda's entry: configuration from the environment. */
    public ImportChunkHandler() {
        this(Environment.system());
    }

    public ImportChunkHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.objects = new ImportObjects(ImportObjects.client(env));
        this.progress = new ImportProgressStore(bootstrap.dynamoDb(), bootstrap.table());
        var dynamo = bootstrap.dynamoDb();
        String table = bootstrap.table();
        ImportedActivityStore imported = new ImportedActivityStore(dynamo, table,
                new ActivityStore(dynamo, table, bootstrap.retention()), ErasedLeads.fence(env, dynamo, table));
        LeadStore leads = new LeadStore(dynamo, table, bootstrap.clock(), bootstrap.retention());
        PublishedModel published = bootstrap.publishedModel();
        this.loader = new ChunkLoader(() -> new HistoryImport(imported, leads, published.now().model(),
                bootstrap.retention(), bootstrap.clock()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Metrics metrics = new Metrics("importchunk");
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                try {
                    ChunkTally tally = load(ImportChunk.parse(message.getBody()));
                    metrics.count("Accepted", tally.accepted()).count("Duplicates", tally.duplicates())
                            .count("Rejected", tally.rejected());
                } catch (RuntimeException e) {
                    Log.error("chunk failed; SQS delivers it again", e, "messageId", message.getMessageId());
                    metrics.count("ChunksFailed", 1);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        } finally {
            metrics.publish();
        }
    }

    private ChunkTally load(ImportChunk chunk) {
        byte[] bytes = objects.read(chunk.importId(), chunk.range());
        ChunkTally tally = loader.load(ChunkRows.of(chunk).read(bytes, chunk.from()));
        ImportProgressStore.Progress after = progress.count(chunk.importId(), chunk.chunk(), tally);
        Log.info("chunk loaded", "key", chunk.key(), "chunk", chunk.chunk(), "of", chunk.chunks(),
                "accepted", tally.accepted(), "duplicates", tally.duplicates(), "rejected", tally.rejected(),
                "done", after.done());
        if (after.complete()) {
            objects.writeResult(chunk.importId(), progress.result(chunk.importId(), bootstrap.clock().instant()));
        }
        return tally;
    }
}
