package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.history.HistoryImport;
import io.leadscore.history.ImportBatch;

import java.time.Clock;

/**
 * POST /v1/admin/import/events: a batch of history, {@code {"events": [...], "announce": false}} with 1 to
 * {@value ImportBatch#MAX_EVENTS} events in the API's event shape, as old as the table keeps history
 * ({@link HistoryImport}). Answers 200 with {@code accepted}, {@code duplicates} and the {@code rejected} events
 * (index, eventId, errors naming the field); 400 naming the field when the batch itself is malformed or too large.
 * An admin's route, never a write key's: old events rewrite what leads are.
 */
final class ImportEvents implements Endpoint {
    private final ImportedActivityStore imported;
    private final LeadStore leads;
    private final PublishedModel published;
    private final Retention retention;
    private final Clock clock;
    /** The batch's writes and its leads' replays overlap: a batch's time is its slowest lead's, not their sum. */
    private final Parallel writes = new Parallel(8, "import-writes");

    ImportEvents(ImportedActivityStore imported, LeadStore leads, PublishedModel published, Retention retention,
                 Clock clock) {
        this.imported = imported;
        this.leads = leads;
        this.published = published;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        ImportBatch batch;
        try {
            batch = ImportBatch.read(JsonBody.read(request, ImportBatch.MAX_BODY_BYTES, "the events",
                    "an import batch"));
        } catch (ImportBatch.Malformed malformed) {
            throw new Refused(400, "invalid_batch", malformed.getMessage(), malformed.field());
        }
        HistoryImport history = new HistoryImport(imported, leads, published.now().model(), retention, clock, writes);
        return HttpApi.json(200, history.run(batch));
    }
}
