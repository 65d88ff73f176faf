package io.leadscore.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.leadscore.lifecycle.Stage;
import io.leadscore.support.CsvTable;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel now and over time: leads and accounts per stage, and per month, of those that entered a stage, how many
 * went on to each next stage. Read from counters ({@link FunnelFacts}; the accounts' from {@value #ACCOUNT_STAGES}),
 * a few items however many leads.
 *
 * @param leads       every lead stage, in funnel order, with how many leads are in it now
 * @param accounts    the account stages counted, in funnel order; empty while none is
 * @param conversions per month of the period, then per stage in funnel order
 */
@JsonPropertyOrder({"leads", "accounts", "conversions"})
public record StageReport(Map<String, Long> leads, Map<String, Long> accounts, List<Conversion> conversions) {
    /** The accounts' stages now: kept by the account scoring (field = stage label, no day). */
    public static final String ACCOUNT_STAGES = "account-stages";
    /** The account funnel's order; a stage not listed here follows, alphabetically. */
    static final List<String> ACCOUNT_ORDER = List.of("account", "mqa", "sql", "opportunity", "won", "lost");

    /** Of the leads that entered {@code from} in the month, how many went from it to {@code to} next. */
    @JsonPropertyOrder({"month", "from", "to", "entered", "converted", "rate"})
    public record Conversion(String month, String from, String to, long entered, long converted, Double rate) {
    }

    /** The stages now, and the conversions of the months the period touches. */
    public static StageReport of(CountReader counters, ReportPeriod period) {
        Map<String, Long> leads = new LinkedHashMap<>();
        Map<String, Long> leadCounts = fields(counters.totals(FunnelFacts.STAGES));
        Arrays.stream(Stage.values()).forEach(stage -> leads.put(stage.label(),
                leadCounts.getOrDefault(stage.label(), 0L)));
        Map<String, Long> accounts = new LinkedHashMap<>();
        fields(counters.totals(ACCOUNT_STAGES)).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> e) -> accountRank(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> accounts.put(e.getKey(), e.getValue()));
        return new StageReport(leads, accounts, conversions(counters, period));
    }

    private static List<Conversion> conversions(CountReader counters, ReportPeriod period) {
        Map<YearMonth, Map<String, Long>> months = new TreeMap<>();
        LocalDate firstMonth = period.from().withDayOfMonth(1);
        counters.days(FunnelFacts.CONVERSIONS, firstMonth, period.to()).forEach((item, fields) -> {
            if (!item.day().isBefore(firstMonth) && !item.day().isAfter(period.to())) {
                fields.forEach((field, n) -> months.computeIfAbsent(YearMonth.from(item.day()), m -> new TreeMap<>())
                        .merge(field, n, Long::sum));
            }
        });
        List<Conversion> conversions = new ArrayList<>();
        months.forEach((month, fields) -> fields.entrySet().stream().filter(e -> e.getKey().contains(">"))
                .map(e -> {
                    String[] stages = e.getKey().split(">", 2);
                    long entered = fields.getOrDefault(stages[0], 0L);
                    return new Conversion(month.toString(), stages[0], stages[1], entered, e.getValue(),
                            AuditReport.rate(e.getValue(), entered));
                })
                .sorted(Comparator.comparingInt((Conversion c) -> Stage.of(c.from()).ordinal())
                        .thenComparingInt(c -> Stage.of(c.to()).ordinal()))
                .forEach(conversions::add));
        return conversions;
    }

    private static Map<String, Long> fields(Map<CounterItem, Map<String, Long>> items) {
        Map<String, Long> fields = new TreeMap<>();
        items.values().forEach(item -> item.forEach((field, n) -> fields.merge(field, n, Long::sum)));
        return fields;
    }

    private static int accountRank(String stage) {
        int rank = ACCOUNT_ORDER.indexOf(stage);
        return rank < 0 ? ACCOUNT_ORDER.size() : rank;
    }

    /** The report as one CSV file: the stages now, a blank line, the conversions. */
    public String toCsv() {
        CsvTable csv = new CsvTable().row("of", "stage", "count");
        leads.forEach((stage, n) -> csv.row("leads", stage, n));
        accounts.forEach((stage, n) -> csv.row("accounts", stage, n));
        csv.blank().row("month", "from", "to", "entered", "converted", "rate");
        conversions.forEach(c -> csv.row(c.month(), c.from(), c.to(), c.entered(), c.converted(), c.rate()));
        return csv.toString();
    }
}
