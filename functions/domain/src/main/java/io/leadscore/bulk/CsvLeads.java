package io.leadscore.bulk;

import io.leadscore.activity.FieldError;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CRM's contact export read through a {@link LeadMapping}: each record's cells, named by the header, become the
 * mapping's identify event, or the errors of a record that makes none, each naming its column ({@code (row)} for the
 * record as a whole).
 */
public record CsvLeads(List<String> header, LeadMapping mapping) {
    public static final String WHOLE_ROW = "(row)";

    public CsvLeads {
        header = List.copyOf(header);
    }

    /** The mapping's columns that the header lacks. */
    public List<String> missingColumns() {
        return mapping.columns().stream().filter(column -> !header.contains(column)).distinct().toList();
    }

    /** @param cells a record's cells ({@link CsvCells#of}), null when it was no CSV record */
    public LeadMapping.Result event(List<String> cells) {
        if (cells == null) {
            return refused("is not a CSV record (a quote is not closed?)");
        }
        if (cells.size() != header.size()) {
            return refused("has " + cells.size() + " cells where the header has " + header.size() + " columns");
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            row.put(header.get(i), cells.get(i));
        }
        return mapping.event(row);
    }

    private static LeadMapping.Result refused(String problem) {
        return new LeadMapping.Result(null, List.of(new FieldError(WHOLE_ROW, problem)));
    }
}
