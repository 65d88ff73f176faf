package io.leadscore.cli;

import io.leadscore.bulk.CsvLeads;
import io.leadscore.bulk.LeadMapping;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CRM's contact export as identify events, through a {@link LeadMapping}: the header is read first (also when
 * resuming), every column the mapping names must be in it, and each record then becomes an event or a rejected row
 * naming its column, as the import bucket reads it ({@link CsvLeads}).
 */
final class CsvLeadRows implements ImportRows {
    private final CsvRecords records;
    private final CsvLeads leads;

    private CsvLeadRows(CsvRecords records, CsvLeads leads) {
        this.records = records;
        this.leads = leads;
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
        return new CsvLeadRows(new CsvRecords(lines), new CsvLeads(header.names(), mapping));
    }

    @Override
    public ImportRow next() throws IOException {
        CsvRecords.Record record = records.next();
        if (record == null) {
            return null;
        }
        LeadMapping.Result result = leads.event(record.cells());
        return result.event() == null
                ? new ImportRow(record.line(), record.text(), record.end(), null, result.errors())
                : ImportRow.event(record.line(), record.text(), record.end(), result.event());
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
