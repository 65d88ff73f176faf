package io.leadscore.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead's scoring state. The score is never stored apart from its reasons: every figure (total, fit,
 * engagement, groups) is the sum of the rule tallies in {@code breakdown}, so the score always explains
 * itself and cannot drift from its explanation.
 *
 * @param revision  how many times this state has been written; the store's optimistic lock
 * @param capHits   recent hits per frequency-capped rule (and per value of the cap's field)
 * @param qualifications  per threshold ({@code salesReady}, or {@code platform:salesReady} for a group):
 *                  qualified or armed, and how many times it qualified
 */
public record Lead(String id, long revision, Map<String, Object> profile, Map<String, RuleTally> breakdown,
                   Map<String, List<Instant>> capHits, Instant firstSeenAt, Instant lastActivityAt,
                   Instant lastScoreIncreaseAt, String model, Map<String, Qualification> qualifications) {

    public Lead {
        profile = Map.copyOf(profile);
        breakdown = Map.copyOf(breakdown);
        capHits = Map.copyOf(capHits);
        qualifications = qualifications == null ? Map.of() : Map.copyOf(qualifications);
    }

    public static Lead newLead(String id) {
        return new Lead(id, 0, Map.of(), Map.of(), Map.of(), null, null, null, null, Map.of());
    }

    public Lead withRevision(long newRevision) {
        return new Lead(id, newRevision, profile, breakdown, capHits, firstSeenAt, lastActivityAt,
                lastScoreIncreaseAt, model, qualifications);
    }

    public Lead withQualifications(Map<String, Qualification> newQualifications) {
        return new Lead(id, revision, profile, breakdown, capHits, firstSeenAt, lastActivityAt, lastScoreIncreaseAt,
                model, newQualifications);
    }

    public boolean isNew() {
        return revision == 0;
    }

    public int score() {
        return breakdown.values().stream().mapToInt(RuleTally::points).sum();
    }

    public int fit() {
        return points(ScoreKind.FIT);
    }

    public int engagement() {
        return points(ScoreKind.ENGAGEMENT);
    }

    /** Points per score group (product line), fit and engagement together. */
    public Map<String, Integer> groups() {
        Map<String, Integer> groups = new TreeMap<>();
        breakdown.values().stream().filter(t -> t.group() != null)
                .forEach(t -> groups.merge(t.group(), t.points(), Integer::sum));
        return groups;
    }


    private int points(ScoreKind kind) {
        return breakdown.values().stream().filter(t -> t.kind() == kind).mapToInt(RuleTally::points).sum();
    }
}
