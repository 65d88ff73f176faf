package io.leadscore.lead;

import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.Market;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches a lead's scores against the model's thresholds after every change. A threshold fires once when
 * reached from below, and re-arms only when the score falls below its re-arm line: staying above never
 * fires again, and a lead that comes back after falling away qualifies anew, with a new cycle number.
 */
final class ThresholdWatch {
    static final int TOP_RULES = 5;

    private final ScoringModel model;
    /** Each group's thresholds with their qualification keys ({@code group:threshold}), made once with the model. */
    private final List<GroupThreshold> groupThresholds = new ArrayList<>();

    ThresholdWatch(ScoringModel model) {
        this.model = model;
        for (ScoreGroup group : model.groups().values()) {
            for (Threshold threshold : group.thresholds()) {
                groupThresholds.add(new GroupThreshold(group, threshold, group.id() + ":" + threshold.name()));
            }
        }
    }

    private record GroupThreshold(ScoreGroup group, Threshold threshold, String key) {
    }

    record Watched(Map<String, Qualification> qualifications, List<Crossing> crossings) {
    }

    Watched watch(Lead lead, Instant at, String eventId) {
        // The market of the lead's profile now: a lead moved to another market is held to its thresholds at once.
        return watch(lead, model.market(lead.profile()).orElse(null), at, eventId);
    }

    /** {@link #watch(Lead, Instant, String)} for a lead whose {@code market} the caller has just found. */
    Watched watch(Standing lead, Market market, Instant at, String eventId) {
        States states = new States(lead.qualifications());
        List<Crossing> crossings = new ArrayList<>(0);
        // A competitor is never handed to sales, whatever its behaviour: one announced before is taken back.
        boolean competitor = model.competitors().includes(lead.profile());
        int score = lead.score();
        for (Threshold threshold : model.thresholds(market)) {
            check(lead, null, threshold, threshold.name(), score, competitor, states, crossings, at, eventId, market);
        }
        for (GroupThreshold watched : groupThresholds) {
            check(lead, watched.group(), watched.threshold(), watched.key(), lead.groupScore(watched.group().id()),
                    competitor, states, crossings, at, eventId, market);
        }
        return new Watched(states.now(), crossings);
    }

    /** The lead's qualifications, copied only when a threshold is crossed: on most events none is. */
    private static final class States {
        private Map<String, Qualification> now;
        private boolean copied;

        States(Map<String, Qualification> held) {
            now = held;
        }

        Qualification get(String key) {
            return now.getOrDefault(key, Qualification.ARMED);
        }

        void put(String key, Qualification state) {
            if (!copied) {
                now = new HashMap<>(now);
                copied = true;
            }
            now.put(key, state);
        }

        Map<String, Qualification> now() {
            return now;
        }
    }

    private void check(Standing lead, ScoreGroup group, Threshold threshold, String key, int score,
                       boolean competitor, States states, List<Crossing> crossings, Instant at, String eventId,
                       Market market) {
        Qualification state = states.get(key);
        Crossing.Kind kind;
        if (!state.qualified() && score >= threshold.points() && !competitor) {
            state = new Qualification(true, state.cycles() + 1, at);
            kind = Crossing.Kind.QUALIFIED;
        } else if (state.qualified() && (score < threshold.rearmBelow() || competitor)) {
            state = new Qualification(false, state.cycles(), at);
            kind = Crossing.Kind.DISQUALIFIED;
        } else {
            return;
        }
        states.put(key, state);
        crossings.add(new Crossing(kind, lead.id() + "/" + key + "/" + state.cycles(), lead.id(),
                group == null ? null : group.id(), group == null ? null : group.name(), threshold, score,
                model.tag(), at, eventId, topRules(lead, group), Map.copyOf(lead.profile()), null, null,
                model.grades().grade(lead.fit()), market == null ? null : market.id()));
    }

    /**
     * The move to MQL, when a lead in {@code lead} or {@code recycled} has just reached the sales-ready threshold
     * (the total's): the qualification the marketing team hands to sales. Null otherwise.
     */
    StageChange mql(Lead lead, List<Crossing> crossings, Instant at) {
        return mql(lead.stage(), crossings, at);
    }

    StageChange mql(Stage stage, List<Crossing> crossings, Instant at) {
        if (crossings.isEmpty() || stage != Stage.LEAD && stage != Stage.RECYCLED) {
            return null;
        }
        return crossings.stream().filter(c -> c.kind() == Crossing.Kind.QUALIFIED && c.group() == null
                        && c.threshold().name().equals(ScoringModel.SALES_READY)).findFirst()
                .map(c -> new StageChange(stage, Stage.MQL, at, StageChange.SCORING, "reached "
                        + c.threshold().name() + " (" + c.threshold().points() + ") at " + c.score() + " points, "
                        + model.tag(), null))
                .orElse(null);
    }

    /** The announcement of a cold spell, named by when it began: once per spell, whatever step noticed it. */
    Crossing wentCold(Lead cold, String eventId) {
        Instant at = cold.coldSince();
        return new Crossing(Crossing.Kind.WENT_COLD, cold.id() + "/cold/" + at.getEpochSecond(), cold.id(), null, null,
                null, cold.score(), model.tag(), at, eventId, topRules(cold, null), cold.profile(), null, null, null);
    }

    List<Crossing.RulePoints> topRules(Standing lead, ScoreGroup group) {
        return lead.breakdown().entrySet().stream()
                .filter(e -> group == null || group.id().equals(e.getValue().group()))
                .filter(e -> e.getValue().points() > 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, RuleTally> e) -> -e.getValue().points())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_RULES)
                .map(e -> new Crossing.RulePoints(e.getKey(), model.describe(e.getKey()), e.getValue().points()))
                .toList();
    }
}
