package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.CsvTable;
import io.leadscore.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code export leads --format csv|jsonl [--segment PART=VALUE]... [--out FILE]}: every lead of a segment (all by
 * default), highest score first, with the columns a CRM or a warehouse loads. Each page of the API is written before
 * the next is asked for, so an export of any size holds one page in memory.
 */
@Command(name = "leads", description = {"Every lead (or a segment), highest score first: leadId, email, name, score,"
        + " fit, engagement, grade, stage, groups, accountId, lastActivityAt.",
        "--format csv: RFC 4180 with a byte order mark, groups as a JSON object in one column; --format jsonl: one"
                + " JSON document a line."},
        footer = {"%nExamples:",
                "  leadscore export leads --format csv --out leads.csv",
                "  leadscore export leads --format jsonl --segment stage=mql,sql > qualified.jsonl"})
final class ExportLeads extends Subcommand {
    /** The columns, in order; groups is each score group's points, by the group's name. */
    static final List<String> COLUMNS = List.of("leadId", "email", "name", "score", "fit", "engagement", "grade",
            "stage", "groups", "accountId", "lastActivityAt");

    @Option(names = "--segment", paramLabel = "PART=VALUE", description = {"A part of the segment, repeatable, as"
            + " for `leadscore leads`: score=MIN..MAX, stage=LIST, grade=LIST."})
    List<String> segments = List.of();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here (default: stdout).")
    Path out;

    @Override
    public Integer call() {
        Format format = root().format();
        if (format != Format.CSV && format != Format.JSONL) {
            throw new Failure(ExitCode.USAGE, "--format: export writes csv or jsonl, not " + format.name().toLowerCase());
        }
        Map<String, String> filters = SegmentArgument.query(segments);
        AdminApi api = api();
        int[] leads = {0};
        try (PrintWriter writer = out == null ? null : new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            PrintWriter target = writer == null ? out() : writer;
            LeadPages.follow(api, filters, null, false, page -> {
                JsonNode items = page.json().get("items");
                target.print(format == Format.CSV ? csv(items, leads[0] == 0) : jsonLines(items));
                target.flush();
                leads[0] += items.size();
            });
            if (target.checkError()) {
                throw new Failure(ExitCode.IO, "cannot write " + (out == null ? "stdout" : out));
            }
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot write " + out + ": " + e.getMessage(), e);
        }
        if (out != null) {
            err().println("exported " + leads[0] + " leads to " + out);
        }
        return ExitCode.DONE;
    }

    /** A page as CSV rows; the first page starts the file (byte order mark and header), as the API's CSV does. */
    private static String csv(JsonNode items, boolean first) {
        CsvTable csv = first ? new CsvTable().row(COLUMNS) : CsvTable.continuing();
        for (JsonNode item : items) {
            csv.row(record(item).values().stream()
                    .map(value -> value.isNull() ? null : value.isContainerNode() ? value.toString() : value.asText())
                    .toList());
        }
        return csv.toString();
    }

    private static String jsonLines(JsonNode items) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode item : items) {
            ObjectNode line = Json.mapper().createObjectNode();
            record(item).forEach(line::set);
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    /** The exported columns of a row of GET /v1/leads, null where the lead has none (no email, no account). */
    private static Map<String, JsonNode> record(JsonNode item) {
        Map<String, JsonNode> record = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            record.put(column, item.path(column).isMissingNode() ? Json.mapper().nullNode() : item.get(column));
        }
        return record;
    }
}
