package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.FieldError;
import io.leadscore.support.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sending a file's history to the admin import route: rows read one at a time, events gathered into batches, each
 * batch sent when the rate limit allows, the API's answer counted, the rows it refused and those that made no
 * event written to the rejects file, and then the checkpoint moved past the batch. Only a batch is ever held in
 * memory, whatever the file's size.
 */
final class FileImport {
    private final AdminApi api;
    private final RateLimit limit;
    private final int batchSize;
    private final boolean announce;
    private final Path checkpoint;
    private final RejectsFile rejects;
    private final ImportProgress progress;
    private final List<ImportRow> batch = new ArrayList<>();
    private ImportState state;
    private ImportRow last;
    private long rejectedHere;

    FileImport(AdminApi api, RateLimit limit, int batchSize, boolean announce, Path checkpoint, ImportState state,
                  RejectsFile rejects, ImportProgress progress) {
        this.api = api;
        this.limit = limit;
        this.batchSize = batchSize;
        this.announce = announce;
        this.checkpoint = checkpoint;
        this.state = state;
        this.rejects = rejects;
        this.progress = progress;
    }

    /** Imports every row from where the state stands; the state after the last one. */
    ImportState run(ImportRows rows) throws IOException, InterruptedException {
        for (ImportRow row = rows.next(); row != null; row = rows.next()) {
            last = row;
            if (row.event() == null) {
                rejects.add(row, row.errors());
                rejectedHere++;
            } else {
                batch.add(row);
                if (batch.size() == batchSize) {
                    send();
                }
            }
        }
        send();
        return state;
    }

    /** Where the import stands: after the last batch the API answered for. */
    ImportState state() {
        return state;
    }

    private void send() throws InterruptedException {
        if (last == null || last.end() == state.offset()) {
            return;
        }
        long accepted = 0;
        long duplicates = 0;
        if (!batch.isEmpty()) {
            limit.acquire(batch.size());
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode events = body.putArray("events");
            batch.forEach(row -> events.add(row.event()));
            body.put("announce", announce);
            JsonNode answer = api.importEvents(body.toString()).json();
            accepted = answer.path("accepted").asLong();
            duplicates = answer.path("duplicates").asLong();
            for (JsonNode refused : answer.path("rejected")) {
                List<FieldError> errors = new ArrayList<>();
                refused.path("errors").forEach(error -> errors.add(new FieldError(
                        ImportRow.fieldInRow(error.path("field").asText()), error.path("problem").asText())));
                rejects.add(batch.get(refused.path("index").asInt()), errors);
                rejectedHere++;
            }
        }
        state = state.after(last, accepted, duplicates, rejectedHere, rejects.length());
        state.write(checkpoint);
        progress.at(state.rows(), state.offset());
        batch.clear();
        rejectedHere = 0;
    }
}
