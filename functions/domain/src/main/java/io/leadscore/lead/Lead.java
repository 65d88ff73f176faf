package io.leadscore.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.nps.NpsAnswer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead's scoring state. The score is never stored apart from its reasons: every figure (total, fit,
 * engagement, groups) is a sum over the rule tallies in {@code breakdown}, so the score always explains
 * itself and cannot drift from its explanation.
 *
 * @param revision        how many times this state has been written; the store's optimistic lock
 * @param capHits         recent hits per frequency-capped rule (and per value of the cap's field)
 * @param qualifications  per threshold ({@code salesReady}, or {@code platform:salesReady} for a group):
 *                        qualified or armed, and how many times it qualified
 * @param lastScoreIncreaseAt  the last time behaviour raised the score: the inactivity clock of decay and cold
 * @param decayedAt       per decay scope ({@code total} or a group id): the period last decayed
 * @param coldSince       when the lead went cold (no score increase for the model's cold period); null if not
 * @param nextDueAt       when decay or cold is next due; null when nothing can happen until it engages again
 * @param accountId       the account the lead counts in (its explicit account, else its company's email domain)
 * @param mergedInto      for a visitor who has identified: the lead its history was merged into, once; null else
 * @param appliedActivities  how many activities its ledger holds, a merged visitor's included: with
 *                        {@code mergedVisitors} it tells a re-score, without reading the ledger, whether every
 *                        recorded activity has been applied
 * @param mergedVisitors  the visitors merged into it, at most {@value #MAX_MERGED_VISITORS} listed (the points of
 *                        any further one are merged all the same): where the rest of its history is recorded
 * @param stage           where it is in the funnel: MQL by its score, the rest by CRM verdicts
 * @param stageHistory    its latest stage changes, oldest first, at most {@value #MAX_STAGE_HISTORY} (the ledger
 *                        holds all): what the lead API shows, and how a repeated verdict is known by its id
 * @param nps             its latest answer to the NPS survey (the latest by when it was given); null if none
 * @param journey         per buyer-journey stage, how many times a rule tagged with it fired for the lead (at most
 *                        {@link io.leadscore.model.ScoringModel#MAX_JOURNEY_STAGES} stages): the interactions the
 *                        point calibration counts; remembered on its moves to MQL and won
 * @param patterns        per pattern rule (windowed count, sequence), the events it remembers to judge the rule again
 * @param expiring        the points of rules with {@code expires:} still to be taken back, soonest first, at most
 *                        {@value #MAX_EXPIRING}: past the bound the soonest are taken back early, when a new grant comes
 * @param likelihood      its likelihood to convert, as the revision in force computed it when it last wrote the lead;
 *                        null when that revision carries no trained weights (and for a lead written before any did)
 */
public record Lead(String id, long revision, Map<String, Object> profile, Map<String, RuleTally> breakdown,
                   Map<String, List<Instant>> capHits, Instant firstSeenAt, Instant lastActivityAt,
                   Instant lastScoreIncreaseAt, String model, Map<String, Qualification> qualifications,
                   Map<String, Instant> decayedAt, Instant coldSince, Instant nextDueAt, String accountId,
                   String mergedInto, int appliedActivities, List<String> mergedVisitors, Stage stage,
                   List<StageChange> stageHistory, NpsAnswer nps,
                   Map<String, Integer> journey, Map<String, PatternHistory> patterns,
                   List<Expiring> expiring,
                   @JsonInclude(JsonInclude.Include.NON_NULL) ConversionLikelihood likelihood) implements Standing {

    /** Bounds the item: a lead is one DynamoDB item, and a bot behind many visitor ids must not grow it without end. */
    public static final int MAX_MERGED_VISITORS = 50;
    /** Bounds the item likewise; a lead's verdicts are a handful in a normal sales cycle. */
    public static final int MAX_STAGE_HISTORY = 50;
    /**
     * Bounds the item likewise: fifty grants still waiting to expire take under 8 KB of it (about 150 bytes each), which
     * every write of the lead pays for; expiring points are for the few strong signals, not every page view.
     */
    public static final int MAX_EXPIRING = 50;
    static final java.util.Comparator<Expiring> SOONEST = java.util.Comparator.comparing(Expiring::at)
            .thenComparing(Expiring::rule).thenComparing(Expiring::event);

    public Lead {
        profile = Map.copyOf(profile);
        breakdown = Map.copyOf(breakdown);
        capHits = Map.copyOf(capHits);
        qualifications = qualifications == null ? Map.of() : Map.copyOf(qualifications);
        decayedAt = decayedAt == null ? Map.of() : Map.copyOf(decayedAt);
        mergedVisitors = mergedVisitors == null ? List.of() : List.copyOf(mergedVisitors); // stored before they existed
        stage = stage == null ? Stage.LEAD : stage; // likewise
        stageHistory = stageHistory == null ? List.of() : List.copyOf(stageHistory);
        journey = journey == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(journey)); // likewise; sorted
        patterns = patterns == null ? Map.of() : Map.copyOf(patterns); // likewise
        expiring = expiring == null ? List.of() : expiring.stream().sorted(SOONEST).toList(); // likewise
    }

    public static Lead newLead(String id) {
        return new Lead(id, 0, Map.of(), Map.of(), Map.of(), null, null, null, null, Map.of(), Map.of(), null, null, null, null,
                0, List.of(), Stage.LEAD, List.of(), null, Map.of(), Map.of(), List.of(), null);
    }

    public Lead withRevision(long newRevision) {
        return toBuilder().revision(newRevision).build();
    }

    public Lead withQualifications(Map<String, Qualification> newQualifications) {
        return toBuilder().qualifications(newQualifications).build();
    }

    public Lead withNextDueAt(Instant due) {
        return toBuilder().nextDueAt(due).build();
    }

    /**
     * The lead moved to another stage: the change is remembered, with the interactions counted so far on a move to
     * MQL or won, the oldest forgotten past the bound.
     */
    public Lead movedTo(StageChange change) {
        List<StageChange> history = new ArrayList<>(stageHistory);
        history.add(StageChange.COUNTED.contains(change.to()) ? change.withJourney(journey) : change);
        return toBuilder().stage(change.to())
                .stageHistory(history.subList(Math.max(0, history.size() - MAX_STAGE_HISTORY), history.size())).build();
    }

    /** Whether a verdict with this id moved the lead (among the changes it remembers). */
    public boolean hasFeedback(String feedbackId) {
        return stageHistory.stream().anyMatch(change -> feedbackId.equals(change.feedbackId()));
    }

    /**
     * The CRM verdicts that moved the lead (among the changes it remembers), oldest first: facts that a replay applies
     * among the activities, with the points the replaying model gives them.
     */
    public List<Feedback> verdicts() {
        return stageHistory.stream().filter(change -> change.feedbackId() != null)
                .map(change -> new Feedback(id, change.feedbackId(), FeedbackType.movingTo(change.to()).orElseThrow(),
                        change.why(), change.who(), change.at()))
                .toList();
    }

    /** The visitor once its history has gone to {@code leadId}: kept for audit, out of rankings, sweeps and accounts. */
    public Lead retiredInto(String leadId) {
        return toBuilder().nextDueAt(null).accountId(null).mergedInto(leadId).build();
    }

    /** This state, to change: what is not set again is kept. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean isCold() {
        return coldSince != null;
    }

    @Override
    public int score() {
        return total(breakdown);
    }

    @Override
    public int fit() {
        return fit(breakdown);
    }

    /** Behaviour points still standing in the total: earned, less what decayed. */
    @Override
    public int engagement() {
        return score() - fit();
    }

    /** A group's behaviour points still standing: earned in the group, less the group's decay. */
    @Override
    public int engagementInGroup(String group) {
        return engagementInGroup(breakdown, group);
    }

    @Override
    public int groupScore(String group) {
        return groupScore(breakdown, group);
    }

    /** Points per score group (product line): fit, engagement and the group's own decay. */
    public Map<String, Integer> groups() {
        Map<String, Integer> groups = new TreeMap<>();
        breakdown.values().stream().filter(t -> t.group() != null)
                .forEach(t -> groups.merge(t.group(), t.points(), Integer::sum));
        return groups;
    }

    // Plain loops: these run for every event a lead takes (thresholds, group caps, decay's due time).
    static int total(Map<String, RuleTally> breakdown) {
        int sum = 0;
        for (RuleTally tally : breakdown.values()) {
            if (tally.kind() != ScoreKind.DECAY || tally.group() == null) {
                sum += tally.points();
            }
        }
        return sum;
    }

    static int fit(Map<String, RuleTally> breakdown) {
        int sum = 0;
        for (RuleTally tally : breakdown.values()) {
            if (tally.kind() == ScoreKind.FIT) {
                sum += tally.points();
            }
        }
        return sum;
    }

    static int groupScore(Map<String, RuleTally> breakdown, String group) {
        int sum = 0;
        for (RuleTally tally : breakdown.values()) {
            if (group.equals(tally.group())) {
                sum += tally.points();
            }
        }
        return sum;
    }

    static int engagementInGroup(Map<String, RuleTally> breakdown, String group) {
        int sum = 0;
        for (RuleTally tally : breakdown.values()) {
            if (tally.kind() != ScoreKind.FIT && group.equals(tally.group())) {
                sum += tally.points();
            }
        }
        return sum;
    }

    /**
     * A lead's next state, each change named: twenty components in a row are too easy to pass in the wrong order.
     * The id is the lead's own and never changes.
     */
    public static final class Builder {
        private final String id;
        private long revision;
        private Map<String, Object> profile;
        private Map<String, RuleTally> breakdown;
        private Map<String, List<Instant>> capHits;
        private Instant firstSeenAt;
        private Instant lastActivityAt;
        private Instant lastScoreIncreaseAt;
        private String model;
        private Map<String, Qualification> qualifications;
        private Map<String, Instant> decayedAt;
        private Instant coldSince;
        private Instant nextDueAt;
        private String accountId;
        private String mergedInto;
        private int appliedActivities;
        private List<String> mergedVisitors;
        private Stage stage;
        private List<StageChange> stageHistory;
        private NpsAnswer nps;
        private Map<String, Integer> journey;
        private Map<String, PatternHistory> patterns;
        private List<Expiring> expiring;
        private ConversionLikelihood likelihood;

        private Builder(Lead lead) {
            id = lead.id;
            revision = lead.revision;
            profile = lead.profile;
            breakdown = lead.breakdown;
            capHits = lead.capHits;
            firstSeenAt = lead.firstSeenAt;
            lastActivityAt = lead.lastActivityAt;
            lastScoreIncreaseAt = lead.lastScoreIncreaseAt;
            model = lead.model;
            qualifications = lead.qualifications;
            decayedAt = lead.decayedAt;
            coldSince = lead.coldSince;
            nextDueAt = lead.nextDueAt;
            accountId = lead.accountId;
            mergedInto = lead.mergedInto;
            appliedActivities = lead.appliedActivities;
            mergedVisitors = lead.mergedVisitors;
            stage = lead.stage;
            stageHistory = lead.stageHistory;
            nps = lead.nps;
            journey = lead.journey;
            patterns = lead.patterns;
            expiring = lead.expiring;
            likelihood = lead.likelihood;
        }

        public Builder revision(long revision) {
            this.revision = revision;
            return this;
        }

        public Builder profile(Map<String, Object> profile) {
            this.profile = profile;
            return this;
        }

        public Builder breakdown(Map<String, RuleTally> breakdown) {
            this.breakdown = breakdown;
            return this;
        }

        public Builder capHits(Map<String, List<Instant>> capHits) {
            this.capHits = capHits;
            return this;
        }

        public Builder firstSeenAt(Instant firstSeenAt) {
            this.firstSeenAt = firstSeenAt;
            return this;
        }

        public Builder lastActivityAt(Instant lastActivityAt) {
            this.lastActivityAt = lastActivityAt;
            return this;
        }

        public Builder lastScoreIncreaseAt(Instant lastScoreIncreaseAt) {
            this.lastScoreIncreaseAt = lastScoreIncreaseAt;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder qualifications(Map<String, Qualification> qualifications) {
            this.qualifications = qualifications;
            return this;
        }

        public Builder decayedAt(Map<String, Instant> decayedAt) {
            this.decayedAt = decayedAt;
            return this;
        }

        public Builder coldSince(Instant coldSince) {
            this.coldSince = coldSince;
            return this;
        }

        public Builder nextDueAt(Instant nextDueAt) {
            this.nextDueAt = nextDueAt;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder mergedInto(String mergedInto) {
            this.mergedInto = mergedInto;
            return this;
        }

        public Builder appliedActivities(int appliedActivities) {
            this.appliedActivities = appliedActivities;
            return this;
        }

        public Builder mergedVisitors(List<String> mergedVisitors) {
            this.mergedVisitors = mergedVisitors;
            return this;
        }

        public Builder stage(Stage stage) {
            this.stage = stage;
            return this;
        }

        public Builder stageHistory(List<StageChange> stageHistory) {
            this.stageHistory = stageHistory;
            return this;
        }

        public Builder nps(NpsAnswer nps) {
            this.nps = nps;
            return this;
        }

        public Builder journey(Map<String, Integer> journey) {
            this.journey = journey;
            return this;
        }

        public Builder patterns(Map<String, PatternHistory> patterns) {
            this.patterns = patterns;
            return this;
        }

        public Builder expiring(List<Expiring> expiring) {
            this.expiring = expiring;
            return this;
        }

        public Builder likelihood(ConversionLikelihood likelihood) {
            this.likelihood = likelihood;
            return this;
        }

        public Lead build() {
            return new Lead(id, revision, profile, breakdown, capHits, firstSeenAt, lastActivityAt,
                    lastScoreIncreaseAt, model, qualifications, decayedAt, coldSince, nextDueAt, accountId, mergedInto,
                    appliedActivities, mergedVisitors, stage, stageHistory, nps,
                    journey, patterns, expiring, likelihood);
        }
    }
}
