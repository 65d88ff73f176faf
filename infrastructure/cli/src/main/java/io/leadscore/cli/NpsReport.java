package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code reports nps}: the Net Promoter Score overall and per account, the unhappiest account first. */
@Command(name = "nps", description = "The Net Promoter Score from the nps_response answers: promoters (9-10), passives"
        + " (7-8) and detractors (0-6), overall and per account, the unhappiest account first.")
final class NpsReport extends Report {
    private static final String[] COUNTS = {"responses", "promoters", "passives", "detractors", "nps"};

    @Override
    public Integer call() {
        return show("nps", Map.of());
    }

    @Override
    void print(JsonNode nps) {
        JsonNode overall = nps.path("overall");
        if (overall.path("responses").asLong() == 0) {
            out().println("NPS: no answer yet (nps_response events with properties.score 0-10)");
            return;
        }
        Table total = new Table("NPS overall", COUNTS);
        total.row(cells(null, overall));
        total.print(out(), Format.TABLE);
        gap();
        String[] header = new String[COUNTS.length + 1];
        header[0] = "account";
        System.arraycopy(COUNTS, 0, header, 1, COUNTS.length);
        Table accounts = new Table("NPS by account, the unhappiest first", header);
        nps.path("accounts").forEach(a -> accounts.row(cells(a.path("accountId").asText(), a)));
        printOr(accounts, "no answer came from a lead of an account");
    }

    /** The counts of one line, after its account when it has one. */
    private static Object[] cells(String accountId, JsonNode line) {
        int first = accountId == null ? 0 : 1;
        Object[] cells = new Object[COUNTS.length + first];
        if (accountId != null) {
            cells[0] = accountId;
        }
        for (int i = 0; i < COUNTS.length; i++) {
            cells[first + i] = JsonText.of(line.path(COUNTS[i]));
        }
        return cells;
    }
}
