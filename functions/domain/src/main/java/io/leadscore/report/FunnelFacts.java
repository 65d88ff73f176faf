package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What a lead counts for in the stage report and the MQL audit, from its stage and stage history: its stage now
 * ({@value #STAGES}); per MQL episode, on the day it became an MQL, the episode and its verdicts ({@value #AUDIT}),
 * with the rules that fired for it and, for a rejection, the reason ({@value #AUDIT_REASONS}); and per month the stages
 * it entered and the stage each led to ({@value #CONVERSIONS}).
 */
public final class FunnelFacts implements LeadFacts {
    public static final String STAGES = "stages";
    public static final String AUDIT = "audit";
    public static final String AUDIT_REASONS = "audit-reasons";
    public static final String CONVERSIONS = "conversions";
    public static final String RULE_PREFIX = "rule:";
    public static final String HOURS_PREFIX = "hoursToAcceptance:";
    /** An episode that went on to an opportunity or a won deal (a CRM may skip the opportunity): the conversion. */
    public static final String CONVERTED = "converted";
    /**
     * Each episode is an item of its day (and one of its reason): a lead's share of a transaction (at most 100 items)
     * must stay a few items, so only its last episodes count. A lead qualifying more often is being recycled in a loop,
     * and its older episodes have long left any audited period.
     */
    static final int MAX_EPISODES = 5;
    /** Likewise for the months of its stage changes: its latest changes count in the conversions. */
    static final int MAX_CONVERSION_CHANGES = 10;
    /** The verdict's own points ({@code feedback:lost}) would "predict" the verdict: not a rule that fired for it. */
    private static final String FEEDBACK_RULE_PREFIX = "feedback:";

    @Override
    public void count(Lead lead, Counts.Builder counts) {
        counts.add(CounterItem.of(STAGES), lead.stage().label(), 1);
        List<MqlEpisode> episodes = MqlEpisode.of(lead.stageHistory());
        List<String> rules = firedRules(lead.breakdown());
        episodes.subList(Math.max(0, episodes.size() - MAX_EPISODES), episodes.size())
                .forEach(episode -> audit(episode, rules, counts));
        conversions(lead, counts);
    }

    private static void audit(MqlEpisode episode, List<String> rules, Counts.Builder counts) {
        LocalDate day = day(episode.at());
        CounterItem item = CounterItem.of(AUDIT, day);
        counts.add(item, "mqls", 1);
        if (episode.decision() == Stage.SQL) {
            counts.add(item, "accepted", 1).add(item, HOURS_PREFIX + episode.hoursToAcceptance(), 1);
            rules.forEach(rule -> counts.add(item, RULE_PREFIX + rule + ":accepted", 1));
        } else if (episode.decision() == Stage.REJECTED) {
            counts.add(item, "rejected", 1);
            rules.forEach(rule -> counts.add(item, RULE_PREFIX + rule + ":rejected", 1));
            counts.add(new CounterItem(AUDIT_REASONS, day, RejectionReason.normalised(episode.reason())), "rejected", 1);
        }
        counts.add(item, "opportunity", episode.opportunity() ? 1 : 0).add(item, "won", episode.won() ? 1 : 0)
                .add(item, "lost", episode.lost() ? 1 : 0)
                .add(item, CONVERTED, episode.opportunity() || episode.won() ? 1 : 0);
    }

    private static List<String> firedRules(Map<String, RuleTally> breakdown) {
        return breakdown.entrySet().stream()
                .filter(e -> e.getValue().hits() > 0 && e.getValue().kind() != ScoreKind.DECAY) // decay is no rule
                .map(Map.Entry::getKey).filter(rule -> !rule.startsWith(FEEDBACK_RULE_PREFIX)).sorted().toList();
    }

    /**
     * Each counted change enters its stage in its month, and converts to the next change's stage there; the lead
     * enters {@code lead} when first seen, counted while its whole history is.
     */
    private static void conversions(Lead lead, Counts.Builder counts) {
        List<StageChange> history = lead.stageHistory();
        int first = Math.max(0, history.size() - MAX_CONVERSION_CHANGES);
        if (first == 0 && lead.firstSeenAt() != null) {
            CounterItem month = month(lead.firstSeenAt());
            counts.add(month, Stage.LEAD.label(), 1);
            if (!history.isEmpty() && history.get(0).from() == Stage.LEAD) {
                counts.add(month, converted(Stage.LEAD, history.get(0).to()), 1);
            }
        }
        for (int i = first; i < history.size(); i++) {
            CounterItem month = month(history.get(i).at());
            counts.add(month, history.get(i).to().label(), 1);
            if (i + 1 < history.size()) {
                counts.add(month, converted(history.get(i).to(), history.get(i + 1).to()), 1);
            }
        }
    }

    /** The field of the conversions from a stage to the next: {@code mql>sql}. */
    public static String converted(Stage from, Stage to) {
        return from.label() + ">" + to.label();
    }

    private static CounterItem month(Instant at) {
        return CounterItem.of(CONVERSIONS, day(at).withDayOfMonth(1));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
