package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code leads [--segment PART=VALUE]... [--order asc|desc] [--limit N]}: a segment of the leads, ranked, following
 * the API's pages to the end (or to {@code --limit}). CSV is the API's own, written page by page as each arrives, so
 * a segment of any size streams to a file; JSON is one lead a line (JSON Lines), likewise; a table is aligned once
 * every row is in.
 */
@Command(name = "leads", description = {"A segment of the leads, ranked by score: highest first, or lowest first with"
        + " --order asc. Follows the API's pages to the end or to --limit.",
        "--format csv streams the API's CSV (UTF-8 with a byte order mark, RFC 4180) page by page; --format json"
                + " prints one lead's JSON a line."},
        footer = {"%nExamples:",
                "  leadscore leads --segment stage=mql,sql --segment grade=A,B --limit 20",
                "  leadscore leads --segment score=..20 --order asc --format csv > re-engage.csv"})
final class ListLeads extends Subcommand {
    @Option(names = "--segment", paramLabel = "PART=VALUE", description = {"A part of the segment, repeatable, all"
            + " applying: score=MIN..MAX (or MIN.., ..MAX, N), stage=LIST (lead, mql, sql, rejected, opportunity,"
            + " won, lost, recycled), grade=LIST (the model's letters and F); a LIST is comma-separated."})
    List<String> segments = List.of();

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "desc",
            description = "desc (the highest scores first, the default) or asc (the lowest first).")
    String order;

    @Option(names = "--limit", paramLabel = "N", description = "At most N leads (default: the whole segment).")
    Integer limit;

    @Override
    public Integer call() {
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new Failure(ExitCode.USAGE, "--order is asc or desc, not '" + order + "'");
        }
        if (limit != null && limit < 1) {
            throw new Failure(ExitCode.USAGE, "--limit is a whole number from 1, not " + limit);
        }
        Map<String, String> filters = new java.util.LinkedHashMap<>(SegmentArgument.query(segments));
        filters.put("order", order);
        boolean csv = format() == Format.CSV;
        List<JsonNode> rows = new ArrayList<>();
        LeadPages.follow(api(), filters, limit, csv, page -> {
            if (csv) {
                out().print(page.body());
            } else {
                for (JsonNode row : page.json().get("items")) {
                    if (format() == Format.JSON) {
                        out().println(row);
                    } else {
                        rows.add(row);
                    }
                }
            }
            out().flush();
        });
        if (format() == Format.TABLE) {
            table(rows).print(out(), format());
        }
        return ExitCode.DONE;
    }

    private static Table table(List<JsonNode> rows) {
        Table table = new Table(null, "#", "lead", "name", "email", "score", "fit", "grade", "stage", "account");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            table.row(i + 1, row.path("leadId").asText(), text(row, "name"), text(row, "email"),
                    row.path("score").asInt(), row.path("fit").asInt(), text(row, "grade"), text(row, "stage"),
                    text(row, "accountId"));
        }
        return table;
    }

    /** A text field of a row; null (printed empty) when absent or null. */
    private static String text(JsonNode row, String field) {
        return row.path(field).isTextual() ? row.get(field).asText() : null;
    }
}
