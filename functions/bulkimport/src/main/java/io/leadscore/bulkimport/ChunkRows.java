package io.leadscore.bulkimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leadscore.activity.FieldError;
import io.leadscore.bulk.CsvCells;
import io.leadscore.bulk.CsvLeads;
import io.leadscore.bulk.LeadMapping;
import io.leadscore.bulk.Row;
import io.leadscore.support.Json;

import java.util.List;

/**
 * How a chunk's bytes become events: JSON Lines in the API's shape as they are, or a contact export's CSV records
 * (after the header the chunk carries) through the mapping its key names, as the command line's {@code import leads}
 * makes them.
 */
@FunctionalInterface
interface ChunkRows {
    List<RowEvent> read(byte[] bytes, long from);

    static ChunkRows of(ImportChunk chunk) {
        if (chunk.header() == null) {
            return ChunkRows::jsonLines;
        }
        LeadMapping mapping = LeadsKey.of(chunk.key()).flatMap(LeadsKey::readyMade).orElseThrow(() ->
                new IllegalArgumentException("a chunk with a header must be of leads/<mapping>/*.csv: " + chunk.key()));
        CsvLeads leads = new CsvLeads(CsvCells.of(chunk.header()), mapping);
        return (bytes, from) -> Row.csvRecords(bytes, from).stream().map(row -> {
            LeadMapping.Result result = leads.event(CsvCells.of(row.text()));
            return new RowEvent(row, result.event(), result.errors());
        }).toList();
    }

    private static List<RowEvent> jsonLines(byte[] bytes, long from) {
        return Row.of(bytes, from).stream().map(row -> {
            try {
                return new RowEvent(row, Json.mapper().readTree(row.text()), List.of());
            } catch (JsonProcessingException e) {
                return new RowEvent(row, null, List.of(new FieldError("", "not JSON: " + e.getOriginalMessage())));
            }
        }).toList();
    }
}
