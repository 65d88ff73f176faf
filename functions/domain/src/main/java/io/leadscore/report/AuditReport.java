package io.leadscore.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.leadscore.support.CsvTable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MQL audit of a period: of the leads that became MQLs in it, how many sales accepted and rejected, how far they
 * went, how fast they were accepted, why they were rejected, and which rules fired for the rejected ones more than for
 * the accepted ones. Sales are the judge of the model: when they rejected more than half of the MQLs they decided on,
 * the model {@linkplain #needsReview() needs re-evaluation now}. Read from the {@link FunnelFacts} counters, one
 * item per day, however many leads.
 *
 * @param pending                 MQLs without a verdict yet
 * @param decided                 accepted and rejected: the denominator of both rates
 * @param medianHoursToAcceptance the hour by which half of the accepted MQLs were accepted (whole hours, capped at
 *                                {@link MqlEpisode#MAX_TIME_TO_ACCEPTANCE}); null when none was
 */
@JsonPropertyOrder({"from", "to", "model", "mqls", "accepted", "rejected", "pending", "decided", "acceptanceRate",
        "rejectionRate", "opportunities", "won", "lost", "leadToOpportunityRate", "opportunityToWonRate",
        "medianHoursToAcceptance", "needsReview", "warning", "topRejectionReasons", "rules", "weeks"})
public record AuditReport(LocalDate from, LocalDate to, String model, long mqls, long accepted, long rejected,
                          long pending, long decided, Double acceptanceRate, Double rejectionRate, long opportunities,
                          long won, long lost, Double leadToOpportunityRate, Double opportunityToWonRate,
                          Long medianHoursToAcceptance, boolean needsReview, String warning,
                          List<Reason> topRejectionReasons, List<RuleRow> rules, List<Week> weeks) {
    /** The reasons listed, most frequent first. */
    public static final int TOP_REASONS = 10;

    /** A rejection reason, as normalised ({@link RejectionReason}), and how many rejections gave it. */
    public record Reason(String reason, long count) {
    }

    /**
     * A rule, and how many accepted and rejected MQLs it had fired for, as shares of all the accepted and all the
     * rejected: a rule with a larger share among the rejected predicts rejection.
     */
    @JsonPropertyOrder({"rule", "accepted", "rejected", "acceptedShare", "rejectedShare"})
    public record RuleRow(String rule, long accepted, long rejected, Double acceptedShare, Double rejectedShare) {
        double predictsRejection() {
            return (rejectedShare == null ? 0 : rejectedShare) - (acceptedShare == null ? 0 : acceptedShare);
        }
    }

    /** An ISO week intersecting the period, counted over its days within the period. */
    @JsonPropertyOrder({"week", "mqls", "accepted", "rejected", "acceptanceRate"})
    public record Week(String week, long mqls, long accepted, long rejected, Double acceptanceRate) {
    }

    public static AuditReport of(CountReader counters, String model, ReportPeriod period) {
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        counters.days(FunnelFacts.AUDIT, period.from(), period.to()).forEach((item, fields) -> {
            if (!item.day().isBefore(period.from()) && !item.day().isAfter(period.to())) {
                fields.forEach((field, n) -> days.computeIfAbsent(item.day(), d -> new TreeMap<>())
                        .merge(field, n, Long::sum));
            }
        });
        Map<String, Long> total = new TreeMap<>();
        days.values().forEach(fields -> fields.forEach((field, n) -> total.merge(field, n, Long::sum)));
        long mqls = total.getOrDefault("mqls", 0L);
        long accepted = total.getOrDefault("accepted", 0L);
        long rejected = total.getOrDefault("rejected", 0L);
        long opportunities = total.getOrDefault("opportunity", 0L);
        long won = total.getOrDefault("won", 0L);
        long decided = accepted + rejected;
        boolean needsReview = rejected * 2 > decided;
        String warning = needsReview ? "More than half of the decided MQLs were rejected (" + rejected + " of "
                + decided + "): the model needs re-evaluation now." : null;
        return new AuditReport(period.from(), period.to(), model, mqls, accepted, rejected, mqls - decided, decided,
                rate(accepted, decided), rate(rejected, decided), opportunities, won, total.getOrDefault("lost", 0L),
                rate(opportunities, mqls), rate(won, opportunities), median(total), needsReview, warning,
                reasons(counters, period), rules(total, accepted, rejected), weeks(days, period));
    }

    /** A share rounded to 4 decimals; null when there is nothing to share. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private static Long median(Map<String, Long> total) {
        TreeMap<Long, Long> hours = new TreeMap<>();
        total.forEach((field, n) -> {
            if (field.startsWith(FunnelFacts.HOURS_PREFIX)) {
                hours.merge(Long.parseLong(field.substring(FunnelFacts.HOURS_PREFIX.length())), n, Long::sum);
            }
        });
        long count = hours.values().stream().mapToLong(Long::longValue).sum();
        long seen = 0;
        for (Map.Entry<Long, Long> hour : hours.entrySet()) {
            seen += hour.getValue();
            if (seen * 2 >= count) {
                return hour.getKey();
            }
        }
        return null;
    }

    private static List<Reason> reasons(CountReader counters, ReportPeriod period) {
        Map<String, Long> counts = new TreeMap<>();
        counters.days(FunnelFacts.AUDIT_REASONS, period.from(), period.to()).forEach((item, fields) -> {
            if (!item.day().isBefore(period.from()) && !item.day().isAfter(period.to())) {
                counts.merge(item.member(), fields.getOrDefault("rejected", 0L), Long::sum);
            }
        });
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS).map(e -> new Reason(e.getKey(), e.getValue())).toList();
    }

    /** The fields {@code rule:<id>:accepted|rejected}; a rule id may hold colons, the verdict is after the last. */
    private static List<RuleRow> rules(Map<String, Long> total, long accepted, long rejected) {
        Map<String, long[]> rules = new TreeMap<>();
        total.forEach((field, n) -> {
            if (field.startsWith(FunnelFacts.RULE_PREFIX)) {
                int verdict = field.lastIndexOf(':');
                long[] counts = rules.computeIfAbsent(field.substring(FunnelFacts.RULE_PREFIX.length(), verdict),
                        rule -> new long[2]);
                counts[field.endsWith(":accepted") ? 0 : 1] += n;
            }
        });
        return rules.entrySet().stream()
                .map(e -> new RuleRow(e.getKey(), e.getValue()[0], e.getValue()[1], rate(e.getValue()[0], accepted),
                        rate(e.getValue()[1], rejected)))
                .sorted(Comparator.comparingDouble(RuleRow::predictsRejection).reversed()
                        .thenComparing(RuleRow::rule))
                .toList();
    }

    private static List<Week> weeks(Map<LocalDate, Map<String, Long>> days, ReportPeriod period) {
        List<Week> weeks = new ArrayList<>();
        for (LocalDate monday = period.from().with(DayOfWeek.MONDAY); !monday.isAfter(period.to());
             monday = monday.plusWeeks(1)) {
            long mqls = 0;
            long accepted = 0;
            long rejected = 0;
            for (LocalDate day = monday; day.isBefore(monday.plusWeeks(1)); day = day.plusDays(1)) {
                Map<String, Long> fields = days.getOrDefault(day, Map.of());
                mqls += fields.getOrDefault("mqls", 0L);
                accepted += fields.getOrDefault("accepted", 0L);
                rejected += fields.getOrDefault("rejected", 0L);
            }
            weeks.add(new Week(isoWeek(monday), mqls, accepted, rejected, rate(accepted, accepted + rejected)));
        }
        return weeks;
    }

    /** {@code 2026-W45}. */
    public static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The report as one CSV file, a section per table, a blank line between them. */
    public String toCsv() {
        CsvTable csv = new CsvTable().row("figure", "value").row("from", from).row("to", to).row("model", model)
                .row("mqls", mqls).row("accepted", accepted).row("rejected", rejected).row("pending", pending)
                .row("decided", decided).row("acceptanceRate", acceptanceRate).row("rejectionRate", rejectionRate)
                .row("opportunities", opportunities).row("won", won).row("lost", lost)
                .row("leadToOpportunityRate", leadToOpportunityRate).row("opportunityToWonRate", opportunityToWonRate)
                .row("medianHoursToAcceptance", medianHoursToAcceptance).row("needsReview", needsReview)
                .row("warning", warning).blank().row("rejection reason", "count");
        topRejectionReasons.forEach(reason -> csv.row(reason.reason(), reason.count()));
        csv.blank().row("rule", "accepted", "rejected", "acceptedShare", "rejectedShare");
        rules.forEach(rule -> csv.row(rule.rule(), rule.accepted(), rule.rejected(), rule.acceptedShare(),
                rule.rejectedShare()));
        csv.blank().row("week", "mqls", "accepted", "rejected", "acceptanceRate");
        weeks.forEach(week -> csv.row(week.week(), week.mqls(), week.accepted(), week.rejected(),
                week.acceptanceRate()));
        return csv.toString();
    }
}
