package io.leadscore.cli;

import io.leadscore.activity.FieldError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A CRM's contact export as identify events, through a {@link LeadMapping}: the header is read first (also when
 * resuming), every column the mapping names must be in it, and each record then becomes an event or a rejected row
 * naming its column.
 */
final class CsvLeadRows implements ImportRows {
    private final CsvRecords records;
    private final CsvHeader header;
    private final LeadMapping mapping;

    private CsvLeadRows(CsvRecords records, CsvHeader header, LeadMapping mapping) {
        this.records = records;
        this.header = header;
        this.mapping = mapping;
    }

    /** The rows after {@code offset}, where line {@code line} ended (0 and 0: after the header). */
    static CsvLeadRows open(Path file, LeadMapping mapping, long offset, long line) throws IOException {
        CsvRecords.Record first;
        try (CsvRecords start = new CsvRecords(FileLines.from(file, 0, 0))) {
            first = start.next();
        }
        if (first == null || first.cells() == null) {
            throw new Failure(ExitCode.USAGE, file.getFileName() + " has no header row");
        }
        CsvHeader header = new CsvHeader(file, first.cells());
        mapping.columns().forEach(column -> header.require("--mapping " + mapping.name(), column));
        FileLines lines = offset == 0 ? FileLines.from(file, first.end(), first.line())
                : FileLines.from(file, offset, line);
        return new CsvLeadRows(new CsvRecords(lines), header, mapping);
    }

    @Override
    public ImportRow next() throws IOException {
        CsvRecords.Record record = records.next();
        if (record == null) {
            return null;
        }
        if (record.cells() == null) {
            return ImportRow.rejected(record.line(), record.text(), record.end(),
                    new FieldError("(row)", "is not a CSV record (a quote is not closed?)"));
        }
        if (record.cells().size() != header.names().size()) {
            return ImportRow.rejected(record.line(), record.text(), record.end(), new FieldError("(row)", "has "
                    + record.cells().size() + " cells where the header has " + header.names().size() + " columns"));
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < record.cells().size(); i++) {
            row.put(header.names().get(i), record.cells().get(i));
        }
        LeadMapping.Result result = mapping.event(row);
        return result.event() == null
                ? new ImportRow(record.line(), record.text(), record.end(), null, result.errors())
                : ImportRow.event(record.line(), record.text(), record.end(), result.event());
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
