package io.leadscore.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.announcement.Announcement;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Qualification;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.Market;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;
import io.leadscore.nps.NpsAnswer;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead as the sales team reads it: the score, how it splits (fit and its grade, engagement, product groups), its
 * market (null when none), which thresholds it has reached (its market's where the market has its own), the rules
 * behind every point ("why is this lead at 73?"), its stage in the funnel with who moved it there and why, its latest
 * NPS answer (score, when, promoter, passive or detractor), its interactions per buyer-journey stage, and what the
 * sales team was told (qualifications announced, and when they reached the event bus); the points still to
 * expire, soonest first; and whether its profile is a listed competitor's (no fit, never announced). Beside the score,
 * its likelihood to convert and the revision that computed it, absent when that revision carried no trained weights.
 */
public record LeadView(String leadId, int score,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ConversionLikelihood likelihood, int fit, String grade, String market, int engagement,
                       List<ThresholdView> thresholds,
                       List<GroupView> groups, List<BreakdownLine> breakdown, Map<String, Object> profile,
                       Instant firstSeenAt, Instant lastActivityAt, Instant lastScoreIncreaseAt, boolean cold,
                       Instant coldSince, Instant nextDueAt, String model, String accountId, Stage stage,
                       List<StageChange> stageHistory, NpsAnswer nps,
                       Map<String, Integer> journey, List<LedgerEntry> recentLedger,
                       List<Notification> notifications, List<ExpiryView> expiring,
                       boolean competitor) {

    /** Points a rule with {@code expires:} gave, to be taken back {@code at}. */
    public record ExpiryView(String rule, String description, String group, int points, Instant earnedAt,
                             Instant at) {
    }

    /** An announcement (qualified, disqualified, went cold) and what each sales destination was sent. */
    public record Notification(Announced announcement, List<Delivery> deliveries) {
    }

    /** An announcement as the outbox keeps it, its detail read through the bus contract. */
    public record Announced(String qualificationId, String leadId, String accountId, String detailType,
                            Announcement detail, Instant createdAt, Instant publishedAt) {

        static Announced of(Outbox.Record record) {
            return new Announced(record.qualificationId(), record.leadId(), record.accountId(), record.detailType(),
                    record.announcement(), record.createdAt(), record.publishedAt());
        }
    }

    /**
     * A threshold and where the lead stands: {@code reached} by the score now; {@code qualified} as announced
     * (it stays qualified above the re-arm line), and how many times it has qualified.
     */
    public record ThresholdView(String name, int points, boolean reached, boolean qualified, int cycles) {
    }

    public record GroupView(String id, String name, int score, List<ThresholdView> thresholds) {
    }

    public record BreakdownLine(String rule, String description, ScoreKind kind, String group, int points, int hits,
                                Instant lastAt) {
    }

    static LeadView of(Lead lead, List<LedgerEntry> recentLedger, List<Notification> notifications,
                       ScoringModel model) {
        Map<String, Integer> groupScores = lead.groups();
        List<GroupView> groups = model.groups().values().stream()
                .map(g -> new GroupView(g.id(), g.name(), groupScores.getOrDefault(g.id(), 0),
                        thresholds(lead, g.id() + ":", g.thresholds(), groupScores.getOrDefault(g.id(), 0))))
                .toList();
        List<BreakdownLine> breakdown = lead.breakdown().entrySet().stream()
                .map(e -> line(e.getKey(), e.getValue(), model))
                .sorted(Comparator.comparingInt((BreakdownLine l) -> -Math.abs(l.points()))
                        .thenComparing(BreakdownLine::rule))
                .toList();
        Market market = model.market(lead.profile()).orElse(null);
        return new LeadView(lead.id(), lead.score(), lead.likelihood(), lead.fit(), model.grades().grade(lead.fit()),
                market == null ? null : market.id(), lead.engagement(),
                thresholds(lead, "", model.thresholds(market), lead.score()), groups, breakdown, lead.profile(),
                lead.firstSeenAt(), lead.lastActivityAt(), lead.lastScoreIncreaseAt(), lead.isCold(), lead.coldSince(),
                lead.nextDueAt(), lead.model(), lead.accountId(), lead.stage(), lead.stageHistory(), lead.nps(),
                journey(lead, model), recentLedger, notifications, lead.expiring().stream()
                        .map(e -> new ExpiryView(e.rule(), model.describe(e.rule()), e.group(), e.points(),
                                e.earnedAt(), e.at())).toList(),
                model.competitors().includes(lead.profile()));
    }

    /** Every stage the model declares, in funnel order (0 when none yet), then any it no longer declares. */
    private static Map<String, Integer> journey(Lead lead, ScoringModel model) {
        Map<String, Integer> journey = new LinkedHashMap<>();
        model.journeyStages().forEach(stage -> journey.put(stage, lead.journey().getOrDefault(stage, 0)));
        new TreeMap<>(lead.journey()).forEach(journey::putIfAbsent);
        return journey;
    }

    /** {@code scope} is how the lead's qualification states name the group: empty for the total. */
    private static List<ThresholdView> thresholds(Lead lead, String scope, List<Threshold> thresholds, int score) {
        return thresholds.stream().map(t -> {
            Qualification state = lead.qualifications().getOrDefault(scope + t.name(), Qualification.ARMED);
            return new ThresholdView(t.name(), t.points(), score >= t.points(), state.qualified(), state.cycles());
        }).toList();
    }

    private static BreakdownLine line(String ruleId, RuleTally tally, ScoringModel model) {
        return new BreakdownLine(ruleId, model.describe(ruleId), tally.kind(), tally.group(), tally.points(),
                tally.hits(), tally.lastAt());
    }
}
