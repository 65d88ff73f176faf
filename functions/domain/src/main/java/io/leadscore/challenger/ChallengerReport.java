package io.leadscore.challenger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.leadscore.report.CountReader;
import io.leadscore.report.FunnelFacts;
import io.leadscore.report.ReportPeriod;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;

/**
 * Champion against challenger over the same days: each revision's MQLs, the acceptance rate of those sales decided,
 * the conversion rate (opportunity or won) of its MQLs, and whether each difference is significant. Verdicts are
 * shared: a lead both revisions qualified is judged once by sales and counts for both. Read from counters kept at
 * write time: the live audit's ({@link FunnelFacts#AUDIT}) for the champion, the challenge's own
 * ({@link ShadowCounts}) for the challenger; one item per day each, however many leads.
 */
@JsonPropertyOrder({"modelId", "from", "to", "challenge", "revisions", "acceptance", "conversion"})
public record ChallengerReport(String modelId, LocalDate from, LocalDate to, Challenge challenge,
                               List<Row> revisions, Significance acceptance, Significance conversion) {

    /** One revision's figures; rates are null where their denominator is 0. */
    @JsonPropertyOrder({"role", "revision", "mqls", "decided", "accepted", "rejected", "acceptanceRate", "converted",
            "conversionRate"})
    public record Row(String role, int revision, long mqls, long decided, long accepted, long rejected,
                      Double acceptanceRate, long converted, Double conversionRate) {
        static Row of(String role, int revision, Map<String, Long> total, String mqls, String accepted,
                      String rejected, String converted) {
            long m = total.getOrDefault(mqls, 0L);
            long a = total.getOrDefault(accepted, 0L);
            long r = total.getOrDefault(rejected, 0L);
            long c = total.getOrDefault(converted, 0L);
            return new Row(role, revision, m, a + r, a, r, rate(a, a + r), c, rate(c, m));
        }
    }

    /**
     * The challenge's period by default: from the day it started to the day it ended, or today; its last
     * {@value ReportPeriod#MAX_DAYS} days if it ran longer.
     */
    public static ReportPeriod defaultPeriod(Challenge challenge, Instant now) {
        LocalDate to = day(challenge.running() ? now : challenge.endedAt());
        LocalDate from = day(challenge.startedAt());
        return new ReportPeriod(from.isBefore(to.minusDays(ReportPeriod.MAX_DAYS - 1)) ? to.minusDays(
                ReportPeriod.MAX_DAYS - 1) : from, to);
    }

    /**
     * @param champion   the published revision now
     * @param cumulative the standard normal cumulative function, for the {@link Significance} tests
     */
    public static ChallengerReport of(CountReader counters, Challenge challenge, int champion, ReportPeriod period,
                                      DoubleUnaryOperator cumulative) {
        Row live = Row.of("champion", champion, total(counters, FunnelFacts.AUDIT, period, member -> true),
                "mqls", "accepted", "rejected", FunnelFacts.CONVERTED);
        Row shadow = Row.of("challenger", challenge.revision(),
                total(counters, ShadowCounts.FAMILY, period, challenge.id()::equals),
                ShadowCounts.MQLS, ShadowCounts.ACCEPTED, ShadowCounts.REJECTED, ShadowCounts.CONVERTED);
        return new ChallengerReport(challenge.modelId(), period.from(), period.to(), challenge, List.of(live, shadow),
                Significance.of("acceptance", "decided MQLs", shadow.accepted(), shadow.decided(), live.accepted(),
                        live.decided(), cumulative),
                Significance.of("conversion", "MQLs", shadow.converted(), shadow.mqls(), live.converted(),
                        live.mqls(), cumulative));
    }

    private static Map<String, Long> total(CountReader counters, String family, ReportPeriod period,
                                           Predicate<String> member) {
        Map<String, Long> total = new TreeMap<>();
        counters.days(family, period.from(), period.to()).forEach((item, fields) -> {
            if (member.test(item.member()) && !item.day().isBefore(period.from()) && !item.day().isAfter(period.to())) {
                fields.forEach((field, n) -> total.merge(field, n, Long::sum));
            }
        });
        return total;
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
