package io.leadscore.report;

import io.leadscore.nps.NpsCategory;
import io.leadscore.support.CsvTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GET /v1/reports/nps: the Net Promoter Score overall and per account, from each lead's latest answer. NPS = 100 *
 * (promoters - detractors) / responses, rounded half away from zero (so -12.5 is -13 as 12.5 is 13); null without
 * answers. Accounts come unhappiest first (lowest NPS, then by id), for the account teams to call.
 */
public record NpsReport(Figures overall, List<AccountFigures> accounts) {

    /** The answers of a group of leads, by class, and their NPS. */
    public record Figures(long responses, long promoters, long passives, long detractors, Integer nps) {
        static Figures of(Map<String, Long> fields) {
            long promoters = fields.getOrDefault(NpsCategory.PROMOTER.counted(), 0L);
            long passives = fields.getOrDefault(NpsCategory.PASSIVE.counted(), 0L);
            long detractors = fields.getOrDefault(NpsCategory.DETRACTOR.counted(), 0L);
            long responses = promoters + passives + detractors;
            return new Figures(responses, promoters, passives, detractors, responses == 0 ? null
                    : BigDecimal.valueOf(100 * (promoters - detractors))
                    .divide(BigDecimal.valueOf(responses), 0, RoundingMode.HALF_UP).intValueExact());
        }
    }

    public record AccountFigures(String accountId, long responses, long promoters, long passives, long detractors,
                                 Integer nps) {
        static AccountFigures of(String accountId, Figures figures) {
            return new AccountFigures(accountId, figures.responses(), figures.promoters(), figures.passives(),
                    figures.detractors(), figures.nps());
        }
    }

    public static NpsReport read(CountReader counts) {
        Figures overall = Figures.of(counts.totals(NpsFacts.OVERALL).getOrDefault(CounterItem.of(NpsFacts.OVERALL),
                Map.of()));
        List<AccountFigures> accounts = counts.totals(NpsFacts.ACCOUNTS).entrySet().stream()
                .map(e -> AccountFigures.of(e.getKey().member(), Figures.of(e.getValue())))
                .filter(account -> account.responses() > 0) // every member answered elsewhere since
                .sorted(Comparator.comparing(AccountFigures::nps).thenComparing(AccountFigures::accountId))
                .toList();
        return new NpsReport(overall, accounts);
    }

    /** The report as a spreadsheet: the overall row first, then a row per account. */
    public String toCsv() {
        CsvTable csv = new CsvTable().row("scope", "accountId", "responses", "promoters", "passives", "detractors",
                "nps");
        csv.row("overall", null, overall.responses(), overall.promoters(), overall.passives(), overall.detractors(),
                overall.nps());
        accounts.forEach(a -> csv.row("account", a.accountId(), a.responses(), a.promoters(), a.passives(),
                a.detractors(), a.nps()));
        return csv.toString();
    }
}
