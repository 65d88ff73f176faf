package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code feedback import FILE.csv --map leadId=Email,type=Stage,...}: a CRM's export sent to {@code POST /v1/feedback}
 * a hundred rows at a time, with a progress bar. Each row is applied once by its feedbackId, so an import stopped
 * half-way is simply run again: what was sent comes back as duplicate.
 */
@Command(name = "import", description = "Sends a CRM's CSV export of verdicts, 100 rows to a request, with a"
        + " progress bar; prints the counts and every row that was not applied.")
final class ImportFeedback extends Subcommand {
    /** The API's batch limit. */
    static final int BATCH = 100;
    private static final Set<String> APPLIED = Set.of("applied", "duplicate");

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The export: a header row, then a verdict a row.")
    Path file;

    @Option(names = "--map", split = ",", paramLabel = "FIELD=COLUMN", description = "Which column holds each field"
            + " (leadId, type, reason, rep, at, feedbackId), e.g. leadId=Email,type=Stage,at=\"Closed Date\"; a field"
            + " not mapped is read from the column of its own name.")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--type", paramLabel = "\"CRM VALUE=TYPE\"", description = "The feedback type a CRM's value of"
            + " the type column means, e.g. --type \"Closed Lost=lost\" (case-insensitive; repeat for each value).")
    Map<String, String> typeValues = new LinkedHashMap<>();

    @Override
    public Integer call() {
        List<CrmExport.Row> rows = CrmExport.read(file, mapping, typeValues);
        AdminApi api = api();
        Map<String, Integer> counts = new TreeMap<>();
        Table problems = new Table(null, "row", "leadId", "feedbackId", "status", "field", "problem");
        boolean clean = true;
        try (ImportProgress progress = root().importProgress("feedback import", rows.size())) {
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<CrmExport.Row> batch = rows.subList(from, Math.min(from + BATCH, rows.size()));
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                batch.forEach(row -> body.withArray("items").add(row.item()));
                JsonNode results = api.feedback(body.toString()).json().path("results");
                for (int i = 0; i < batch.size(); i++) {
                    JsonNode result = results.path(i);
                    String status = result.path("status").asText();
                    counts.merge(status, 1, Integer::sum);
                    if (!APPLIED.contains(status)) {
                        clean = false;
                        JsonNode error = result.path("errors").path(0);
                        String field = ImportRow.fieldInRow(error.path("field").asText());
                        problems.row(batch.get(i).row(), batch.get(i).item().path("leadId").asText(""),
                                batch.get(i).item().path("feedbackId").asText(""), status, field,
                                error.path("problem").asText());
                    }
                }
                progress.advance(batch.size());
            }
        }
        if (format() == Format.JSON) {
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            summary.put("rows", rows.size());
            ObjectNode byStatus = summary.putObject("counts");
            counts.forEach(byStatus::put);
            printBody(summary.toString());
        } else {
            if (format() == Format.TABLE) {
                out().println(rows.size() + " rows: " + (counts.isEmpty() ? "none" : counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElseThrow()));
            }
            if (!clean || format() == Format.CSV) {
                problems.print(out(), format());
            }
            out().flush();
        }
        return clean ? ExitCode.DONE : ExitCode.FAILED;
    }
}
