package io.leadscore.query;

import io.leadscore.support.CsvTable;

import java.util.List;

/**
 * GET /v1/leads as CSV for a campaign tool, a page per request: the first page starts the file (byte order mark and
 * header row), a later page carries only its rows, so the pages put end to end are one file.
 */
final class LeadCsv {
    static final List<String> HEADER = List.of("leadId", "email", "name", "score", "fit", "grade", "engagement",
            "stage", "qualified", "cold", "accountId", "lastActivityAt");

    private LeadCsv() {
    }

    static String page(List<Lists.LeadRow> rows, boolean first) {
        CsvTable csv = first ? new CsvTable().row(HEADER) : CsvTable.continuing();
        rows.forEach(r -> csv.row(r.leadId(), r.email(), r.name(), r.score(), r.fit(), r.grade(), r.engagement(),
                r.stage().label(), String.join(" ", r.qualified()), r.cold(), r.accountId(), r.lastActivityAt()));
        return csv.toString();
    }
}
