package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.Cap;
import io.leadscore.model.EventPattern;
import io.leadscore.model.FeedbackRule;
import io.leadscore.model.FitRule;
import io.leadscore.model.Market;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A lead's scoring state while the scorer changes it: built once from the {@link Lead}, changed in place rule by rule
 * and event by event, and turned back into an immutable Lead once ({@link #toLead}). Rebuilding the record after
 * every event copied all of its maps each time (about 21 KB an event); a replay now pays that once per lead. Each
 * step's contributions are collected for its ledger entry. Never shared between threads; never escapes the scorer.
 */
final class ScoringState implements Standing {
    private final ScoringModel model;
    /** What an event does not change: revision, stage and its history, merge links, decay dates. */
    private final Lead base;
    final Map<String, Object> profile;
    final Map<String, RuleTally> breakdown;
    final Map<String, List<Instant>> capHits;
    /**
     * How many values each per-value cap's rule has in {@link #capHits} ({@link #valuesOf}), for the rules counted so
     * far. Only {@link #score} adds values once counted; anything else that changes the history forgets the counts.
     */
    private final Map<String, Integer> capValues = new HashMap<>();
    final Map<String, Integer> journey;
    final Map<String, PatternHistory> patterns;
    /** Soonest first, as the lead keeps them: {@link #bound} sorts after each grant. */
    final List<Expiring> expiring;
    final List<Contribution> contributions = new ArrayList<>();
    /**
     * Whether the step's contributions are kept for a ledger entry: a replay that keeps no ledger (a backtest, a
     * re-score's replay) sums them ({@link #change}, {@link #engaged}) and builds neither them nor their notes.
     */
    private final boolean ledger;
    /** The step's score change, and the part of it that is engagement: {@link #contribute} sums both. */
    int change;
    int engaged;
    /** The model's score groups, in its order: the sums below are kept per group by index. */
    private final String[] groups;
    private final int[] groupPoints;
    private final int[] groupEngagement;
    /**
     * Whether the sums reflect the breakdown: thresholds and decay read them several times per event. Once summed, each
     * change of a tally moves them ({@link #retallied}), so an event costs no pass over the breakdown.
     */
    private boolean summed;
    /** How many times the tallies have changed in this state: the scores, and what reads them, move only with it. */
    int moves;
    private int total;
    private int fitPoints;
    Map<String, Qualification> qualifications;
    Instant firstSeenAt;
    Instant lastActivityAt;
    Instant lastScoreIncreaseAt;
    Instant coldSince;
    Instant nextDueAt;
    String accountId;
    String modelTag;
    int appliedActivities;
    NpsAnswer nps;

    ScoringState(ScoringModel model, Lead lead) {
        this(model, lead, true);
    }

    ScoringState(ScoringModel model, Lead lead, boolean ledger) {
        this.model = model;
        this.ledger = ledger;
        this.base = lead;
        profile = new HashMap<>(lead.profile());
        breakdown = new HashMap<>(lead.breakdown());
        capHits = new HashMap<>(lead.capHits());
        journey = new HashMap<>(lead.journey());
        patterns = new HashMap<>(lead.patterns());
        expiring = new ArrayList<>(lead.expiring());
        qualifications = lead.qualifications();
        firstSeenAt = lead.firstSeenAt();
        lastActivityAt = lead.lastActivityAt();
        lastScoreIncreaseAt = lead.lastScoreIncreaseAt();
        coldSince = lead.coldSince();
        nextDueAt = lead.nextDueAt();
        accountId = lead.accountId();
        modelTag = lead.model();
        appliedActivities = lead.appliedActivities();
        nps = lead.nps();
        groups = model.groups().keySet().toArray(String[]::new);
        groupPoints = new int[groups.length];
        groupEngagement = new int[groups.length];
    }

    /** A new step: nothing contributed yet. */
    void startStep() {
        contributions.clear();
        change = 0;
        engaged = 0;
    }

    /** One rule's effect on this step, summed; kept for the ledger entry when there is one. */
    void contribute(String rule, ScoreKind kind, String group, int points, String note) {
        change += points;
        engaged += kind == ScoreKind.ENGAGEMENT ? points : 0;
        if (ledger) {
            contributions.add(new Contribution(rule, kind, group, points, note));
        }
    }

    /**
     * The scores summed in one pass over the breakdown, when they are not kept already: from then on {@link #score},
     * {@link #fit} and the groups' sums are read from here, and moved by each tally's change.
     */
    void sumUp() {
        if (summed) {
            return;
        }
        total = 0;
        fitPoints = 0;
        java.util.Arrays.fill(groupPoints, 0);
        java.util.Arrays.fill(groupEngagement, 0);
        for (RuleTally tally : breakdown.values()) {
            count(tally, 1);
        }
        summed = true;
    }

    /** A rule's tally replaced ({@code was} or {@code now} null: added or removed), with the sums moved to match. */
    private void retallied(String rule, RuleTally was, RuleTally now) {
        moves++;
        if (now == null) {
            breakdown.remove(rule);
        } else {
            breakdown.put(rule, now);
        }
        if (summed) {
            count(was, -1);
            count(now, 1);
        }
    }

    /** A tally's points added to the sums ({@code sign} 1) or taken from them (-1). */
    private void count(RuleTally tally, int sign) {
        if (tally == null) {
            return;
        }
        int points = sign * tally.points();
        total += tally.kind() != ScoreKind.DECAY || tally.group() == null ? points : 0;
        fitPoints += tally.kind() == ScoreKind.FIT ? points : 0;
        int group = tally.group() == null ? -1 : indexOf(tally.group());
        if (group >= 0) {
            groupPoints[group] += points;
            groupEngagement[group] += tally.kind() != ScoreKind.FIT ? points : 0;
        }
    }

    /** The lead as this state leaves it. */
    Lead toLead() {
        return base.toBuilder().profile(profile).breakdown(breakdown).capHits(capHits).journey(journey)
                .patterns(patterns).expiring(expiring).qualifications(qualifications).firstSeenAt(firstSeenAt)
                .lastActivityAt(lastActivityAt).lastScoreIncreaseAt(lastScoreIncreaseAt).coldSince(coldSince)
                .nextDueAt(nextDueAt).accountId(accountId).model(modelTag).appliedActivities(appliedActivities)
                .nps(nps).build();
    }

    /**
     * The lead this state was built from, with this state's tallies and cap history under the model, and
     * {@code profile} with the account it names; its next due time is left for the scorer to decide.
     */
    Lead.Builder changed(Map<String, Object> newProfile) {
        return base.toBuilder().profile(newProfile).breakdown(breakdown).capHits(capHits).journey(journey)
                .patterns(patterns).expiring(expiring).model(model.tag())
                .nextDueAt(null).accountId(model.accounts().accountOf(newProfile).orElse(null));
    }

    Lead base() {
        return base;
    }

    /**
     * The profile fields the activity carries, set; the profile as it was before when one of them changed it, else
     * null (then fit cannot have moved). The profile before is a view ({@link ProfileBefore}) that holds until the next
     * event changes the profile.
     */
    Map<String, Object> updateProfile(Activity activity) {
        ProfileBefore before = null;
        for (Map.Entry<String, Object> property : activity.properties().entrySet()) {
            if (!model.profileFields().containsKey(property.getKey())) {
                continue;
            }
            Object was = profile.get(property.getKey());
            if (!Objects.equals(was, property.getValue())) {
                if (before == null) {
                    before = new ProfileBefore(profile);
                }
                before.changing(property.getKey(), was);
                profile.put(property.getKey(), property.getValue());
            }
        }
        return before;
    }

    /**
     * A profile as it was before an event changed some of its fields: the old values of those fields over the profile
     * as it is now. What an event's change of the profile is compared with, without a copy of the whole profile per
     * change; it reads true until the profile changes again.
     */
    private static final class ProfileBefore extends AbstractMap<String, Object> {
        private final Map<String, Object> now;
        /** Each changed field's value before the change; null for a field the profile did not have. */
        private final Map<String, Object> old = new HashMap<>(4);

        ProfileBefore(Map<String, Object> now) {
            this.now = now;
        }

        void changing(String field, Object was) {
            old.putIfAbsent(field, was);
        }

        @Override
        public Object get(Object field) {
            return old.containsKey(field) ? old.get(field) : now.get(field);
        }

        @Override
        public boolean containsKey(Object field) {
            return get(field) != null; // a profile holds no null value
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new HashMap<>(now);
            old.forEach((field, was) -> {
                if (was == null) {
                    copy.remove(field);
                } else {
                    copy.put(field, was);
                }
            });
            return copy.entrySet();
        }
    }

    void score(Rule rule, Activity activity, Market market) {
        Cap cap = rule.cap();
        String capKey = cap == null ? null : capKey(rule, activity);
        if (cap != null) {
            List<Instant> hits = capHits.getOrDefault(capKey, List.of());
            if (!cap.allows(hits, activity.occurredAt())) {
                contribute(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0, cap.cappedNote());
                return;
            }
            if (!roomFor(rule, capKey, activity.occurredAt())) {
                contribute(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0, cap.cappedNote() + ", and "
                        + Cap.MAX_VALUES + " values of " + cap.perField() + " are remembered within their windows");
                return;
            }
            if (capHits.put(capKey, cap.record(hits, activity.occurredAt())) == null && cap.perField() != null) {
                capValues.computeIfPresent(rule.id(), (id, values) -> values + 1);
            }
        }
        award(rule, activity, market, null);
    }

    /**
     * An event in a pattern rule's history: the rule is judged again over what the lead remembers, by event time,
     * and scores each firing the event adds (a late event may complete a window or a sequence that a newer event
     * left short). An event that completes nothing says how far the rule has come.
     */
    void judge(Rule rule, Activity activity, Function<String, Object> values, Market market) {
        boolean event = rule.matches(activity.type(), values);
        boolean antecedent = rule.pattern() instanceof EventPattern.Sequence sequence
                && sequence.precedes(activity.type(), values);
        Instant at = activity.occurredAt();
        PatternHistory history = patterns.getOrDefault(rule.id(), PatternHistory.EMPTY);
        if (!event && !antecedent) {
            return;
        }
        if (!history.remembers(at)) {
            contribute(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0,
                    "not counted: older than the " + ModelLoader.length(rule.pattern().lookBack())
                            + " the rule looks back from its newest event");
            return;
        }
        PatternHistory next = history.with(at, event, antecedent);
        List<Instant> fired = next.fired(rule);
        int added = fired.size() - history.fired(rule).size();
        patterns.put(rule.id(), next.settle(rule, fired));
        for (int i = 0; i < added; i++) {
            award(rule, activity, market, rule.pattern().describe());
        }
        if (added == 0 && event && ledger) {
            boolean held = rule.pattern().holdsAt(at, next.events(), next.antecedents());
            String note = held ? rule.cap().cappedNote()
                    : rule.pattern() instanceof EventPattern.Count count
                    ? count.countAt(at, next.events()) + " of " + count.atLeast() + " within "
                    + ModelLoader.length(count.within()) : null;
            if (note != null) {
                contribute(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0, note);
            }
        }
    }

    /**
     * The rule fires at the activity (a frequency-capped hit does not): its points, times the lead's market's
     * multiplier if any, within its group's cap, and one interaction in its journey stage, even if the group cap
     * leaves it no points. {@code why} explains it, or null.
     */
    private void award(Rule rule, Activity activity, Market market, String why) {
        Instant at = activity.occurredAt();
        if (rule.journey() != null) {
            journey.merge(rule.journey(), 1, Integer::sum);
        }
        int points = rule.points();
        String note = why;
        if (market != null && market.multiplies()) {
            points = market.points(points);
            if (ledger) {
                note = note == null ? market.describeMultiplier() : note + "; " + market.describeMultiplier();
            }
        }
        ScoreGroup group = rule.group() == null ? null : model.groups().get(rule.group());
        if (group != null && group.cap() != null && points > 0) {
            int room = Math.max(0, group.cap() - engagementInGroup(group.id()));
            if (room < points) {
                if (ledger) {
                    String capped = "group " + group.id() + " capped at " + group.cap() + " (" + points + " -> "
                            + room + ")";
                    note = why == null ? capped : why + "; " + capped;
                }
                points = room;
            }
        }
        RuleTally tally = breakdown.get(rule.id());
        retallied(rule.id(), tally, tally == null ? new RuleTally(ScoreKind.ENGAGEMENT, rule.group(), points, 1, at)
                : tally.add(points, at));
        contribute(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), points, note);
        // A capped hit earned nothing, so nothing expires; a group cap's reduced points expire as reduced.
        if (rule.expires() != null && points != 0) {
            expiring.add(new Expiring(rule.id(), rule.group(), points, activity.eventId(), activity.occurredAt(),
                    activity.occurredAt().plus(rule.expires())));
            bound();
        }
    }

    /** Past {@link Lead#MAX_EXPIRING} grants to expire, the soonest due are taken back now, in this entry. */
    void bound() {
        expiring.sort(Lead.SOONEST);
        while (expiring.size() > Lead.MAX_EXPIRING) {
            Expiring early = expiring.remove(0);
            RuleTally tally = breakdown.get(early.rule());
            int taken = early.takenFrom(tally);
            if (taken != 0) {
                retallied(early.rule(), tally, tally.less(taken));
                contribute(early.rule(), ScoreKind.ENGAGEMENT, early.group(), -taken, early.earlyNote());
            }
        }
    }

    /**
     * Behaviour and its decay start over, each rule's points taken back (so none are left to expire); fit stays:
     * the person is the same.
     */
    void resetEngagement(FeedbackRule rule) {
        moves++;
        summed = false;
        expiring.clear();
        List.copyOf(breakdown.entrySet()).stream().filter(e -> e.getValue().kind() != ScoreKind.FIT)
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    breakdown.remove(e.getKey());
                    contribute(e.getKey(), e.getValue().kind(), e.getValue().group(), -e.getValue().points(),
                            rule.describe());
                });
        capHits.clear();
        capValues.clear();
        patterns.clear();
    }

    /**
     * Fit is a function of the profile: rules that now hold are in, rules that no longer hold are out, each note
     * naming the fields whose change moved it. A competitor's profile holds no fit rule: it is taken back at once.
     */
    void refit(Map<String, Object> newProfile, Map<String, Object> before, Instant at) {
        boolean atCompetitor = model.competitors().includes(newProfile);
        // The notes, only for a ledger entry: the competitor's reason is null exactly when it is not one.
        ProfileChange change = ledger ? new ProfileChange(before, newProfile) : null;
        String competitor = ledger ? model.competitors().reason(newProfile) : null;
        String leftCompetitor = ledger && !atCompetitor && model.competitors().includes(before)
                ? "no longer at a listed competitor: " + change.changed(model.competitors().when()) : null;
        for (FitRule rule : model.fitRules()) {
            RuleTally was = breakdown.get(rule.id());
            boolean held = was != null;
            boolean holds = !atCompetitor && rule.matches(newProfile);
            if (holds && !held) {
                retallied(rule.id(), null, new RuleTally(ScoreKind.FIT, rule.group(), rule.points(), 1, at));
                contribute(rule.id(), ScoreKind.FIT, rule.group(), rule.points(), !ledger ? null
                        : leftCompetitor != null ? leftCompetitor : change.now(rule.when()));
            } else if (!holds && held) {
                retallied(rule.id(), was, null);
                String why = !ledger ? null : competitor != null ? competitor : change.changed(rule.when());
                contribute(rule.id(), ScoreKind.FIT, rule.group(), -was.points(),
                        !ledger || why != null ? why : "profile no longer matches");
            }
        }
    }

    /** Whether the rule's per-value cap history can take this value (see {@link Cap#MAX_VALUES}). */
    private boolean roomFor(Rule rule, String capKey, Instant at) {
        if (rule.cap().perField() == null || capHits.containsKey(capKey)) {
            return true;
        }
        if (valuesOf(rule) < Cap.MAX_VALUES) {
            return true;
        }
        String prefix = rule.id() + "/";
        capHits.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && rule.cap().passed(e.getValue(), at));
        capValues.remove(rule.id());
        return valuesOf(rule) < Cap.MAX_VALUES;
    }

    /**
     * How many values of a per-value cap are remembered: keys under {@code <rule>/}, counted once per rule and state
     * and then moved with each value added ({@link #score}) instead of counted on every new value.
     */
    private int valuesOf(Rule rule) {
        Integer known = capValues.get(rule.id());
        if (known != null) {
            return known;
        }
        String prefix = rule.id() + "/";
        int values = 0;
        for (String key : capHits.keySet()) {
            values += key.startsWith(prefix) ? 1 : 0;
        }
        capValues.put(rule.id(), values);
        return values;
    }

    private static String capKey(Rule rule, Activity activity) {
        if (rule.cap().perField() == null) {
            return rule.id();
        }
        Object value = activity.property(rule.cap().perField());
        return rule.id() + "/" + (value == null ? "" : value.toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public Map<String, Object> profile() {
        return profile;
    }

    @Override
    public Map<String, RuleTally> breakdown() {
        return breakdown;
    }

    @Override
    public Map<String, Qualification> qualifications() {
        return qualifications;
    }

    @Override
    public List<Expiring> expiring() {
        return expiring;
    }

    @Override
    public Instant lastScoreIncreaseAt() {
        return lastScoreIncreaseAt;
    }

    @Override
    public Map<String, Instant> decayedAt() {
        return base.decayedAt();
    }

    @Override
    public boolean isCold() {
        return coldSince != null;
    }

    @Override
    public int score() {
        return summed ? total : Lead.total(breakdown);
    }

    @Override
    public int fit() {
        return summed ? fitPoints : Lead.fit(breakdown);
    }

    @Override
    public int groupScore(String group) {
        int i = summed ? indexOf(group) : -1;
        return i >= 0 ? groupPoints[i] : Lead.groupScore(breakdown, group);
    }

    @Override
    public int engagementInGroup(String group) {
        int i = summed ? indexOf(group) : -1;
        return i >= 0 ? groupEngagement[i] : Lead.engagementInGroup(breakdown, group);
    }

    private int indexOf(String group) {
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].equals(group)) {
                return i;
            }
        }
        return -1;
    }
}
