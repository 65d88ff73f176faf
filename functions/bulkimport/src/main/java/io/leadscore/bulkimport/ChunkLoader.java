package io.leadscore.bulkimport;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;
import io.leadscore.bulk.ChunkTally;
import io.leadscore.bulk.RejectedRow;
import io.leadscore.bulk.Row;
import io.leadscore.history.HistoryImport;
import io.leadscore.history.ImportAnswer;
import io.leadscore.history.ImportBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Loads the rows of one chunk through the history import ({@link HistoryImport}), as the admin import route does:
 * each row an event of the API's shape, validated as ingest validates it but as old as the table keeps history,
 * recorded once, and every lead it touches replayed in time order, so that the order in which chunks are loaded, in
 * parallel or again, does not change what the leads become. Rows go in batches of {@link ImportBatch#MAX_EVENTS}, the
 * route's bound.
 */
final class ChunkLoader {
    /** The batch's place of an event in a refusal's field ({@code events[3].leadId}): a row is known by its offset. */
    private static final Pattern EVENT_PATH = Pattern.compile("^events\\[\\d+]\\.?");

    /** A history import with the published model of the moment. */
    private final Supplier<HistoryImport> history;

    ChunkLoader(Supplier<HistoryImport> history) {
        this.history = history;
    }

    /** @param rows the chunk's rows ({@link ChunkRows}); those that make no event are rejected as they are */
    ChunkTally load(List<RowEvent> rows) {
        HistoryImport run = history.get();
        long accepted = 0;
        long duplicates = 0;
        List<RejectedRow> rejected = new ArrayList<>();
        List<Row> parsedRows = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (RowEvent row : rows) {
            if (row.event() == null) {
                rejected.add(new RejectedRow(row.row().offset(), row.row().text(), row.errors()));
            } else {
                events.add(row.event());
                parsedRows.add(row.row());
            }
        }
        for (int from = 0; from < events.size(); from += ImportBatch.MAX_EVENTS) {
            int to = Math.min(events.size(), from + ImportBatch.MAX_EVENTS);
            ImportAnswer answer = run.run(new ImportBatch(events.subList(from, to), false));
            accepted += answer.accepted();
            duplicates += answer.duplicates();
            for (ImportAnswer.Rejected refused : answer.rejected()) {
                Row row = parsedRows.get(from + refused.index());
                rejected.add(new RejectedRow(row.offset(), row.text(), refused.errors().stream()
                        .map(error -> new FieldError(EVENT_PATH.matcher(error.field()).replaceFirst(""), error.problem()))
                        .toList()));
            }
        }
        rejected.sort(Comparator.comparingLong(RejectedRow::offset));
        return new ChunkTally(accepted, duplicates, rejected.size(), rejected);
    }
}
