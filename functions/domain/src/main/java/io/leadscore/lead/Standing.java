package io.leadscore.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the thresholds and decay read of a lead: its scores, its qualifications and its clocks. Both the immutable
 * {@link Lead} and the {@link ScoringState} a replay changes in place answer it, so a replay watches its thresholds
 * and knows when decay is next due without rebuilding the lead after every event.
 */
interface Standing {
    String id();

    Map<String, Object> profile();

    Map<String, RuleTally> breakdown();

    Map<String, Qualification> qualifications();

    List<Expiring> expiring();

    Instant lastScoreIncreaseAt();

    Map<String, Instant> decayedAt();

    boolean isCold();

    default int score() {
        return Lead.total(breakdown());
    }

    default int fit() {
        return Lead.fit(breakdown());
    }

    /** Behaviour points still standing in the total: earned, less what decayed. */
    default int engagement() {
        return score() - fit();
    }

    /** A group's points: fit, engagement and the group's own decay; 0 for a group the lead has none in. */
    default int groupScore(String group) {
        return Lead.groupScore(breakdown(), group);
    }

    /** A group's behaviour points still standing: earned in the group, less the group's decay. */
    default int engagementInGroup(String group) {
        return Lead.engagementInGroup(breakdown(), group);
    }
}
