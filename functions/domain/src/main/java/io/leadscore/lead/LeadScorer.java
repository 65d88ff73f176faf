package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ActivityFields;
import io.leadscore.model.FeedbackRule;
import io.leadscore.model.Cap;
import io.leadscore.model.FitRule;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.EventPattern;
import io.leadscore.model.Market;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Applies a scoring model to a lead, one activity at a time. Pure: same lead, activity and model give the
 * same result, which is what makes a redelivered batch safe to recompute and a ledger replayable.
 */
public final class LeadScorer {
    private final ScoringModel model;
    private final ThresholdWatch thresholds;
    private final LeadDecay decay;

    public LeadScorer(ScoringModel model) {
        this.model = model;
        this.thresholds = new ThresholdWatch(model);
        this.decay = new LeadDecay(model);
    }

    /** Decay and cold, under the same model. */
    public LeadDecay decay() {
        return decay;
    }

    public ScoringModel model() {
        return model;
    }

    public Scored apply(Lead lead, Activity activity, Instant now) {
        Step step = new Step(lead);
        Map<String, Object> profile = step.updateProfile(activity);
        // The market of the profile the activity leaves: the one that says where the lead is now.
        Market market = model.market(profile).orElse(null);
        Function<String, Object> values = field -> field.startsWith(ActivityFields.PROFILE_PREFIX)
                ? profile.get(field.substring(ActivityFields.PROFILE_PREFIX.length()))
                : activity.property(field);
        for (Rule rule : model.rulesFor(activity.type())) {
            if (rule.matches(activity.type(), values)) {
                step.score(rule, activity, market);
            }
        }
        for (Rule rule : model.patternRulesFor(activity.type())) {
            step.judge(rule, activity, values, market);
        }
        if (!profile.equals(lead.profile())) {
            step.refit(profile, activity.occurredAt());
        }
        int change = step.contributions.stream().mapToInt(Contribution::points).sum();
        // Inactivity is about behaviour: a profile update that raises fit does not count as engaging.
        boolean increased = step.contributions.stream().filter(c -> c.kind() == ScoreKind.ENGAGEMENT)
                .mapToInt(Contribution::points).sum() > 0;
        Lead scored = step.changed(profile)
                .firstSeenAt(earliest(lead.firstSeenAt(), activity.occurredAt()))
                .lastActivityAt(latest(lead.lastActivityAt(), activity.occurredAt()))
                .lastScoreIncreaseAt(increased ? latest(lead.lastScoreIncreaseAt(), activity.occurredAt())
                        : lead.lastScoreIncreaseAt())
                .coldSince(increased ? null : lead.coldSince()) // engaging again is what ends a cold spell
                .appliedActivities(lead.appliedActivities() + 1)
                .nps(NpsAnswer.of(activity.type(), activity.property(NpsAnswer.SCORE_PROPERTY), activity.occurredAt())
                        .map(answer -> NpsAnswer.later(lead.nps(), answer)).orElse(lead.nps()))
                .build();
        return settle(scored, lead.stage(), activity.occurredAt(), activity.eventId(), next -> new LedgerEntry(lead.id(),
                LedgerEntry.EVENT, activity.eventId(), activity.type(), activity.occurredAt(), now,
                step.contributions, change, next.score(), model.tag()));
    }

    /**
     * The lead with the history of the visitor it was before it identified itself: the visitor's behaviour
     * points, rule by rule, and its frequency-cap history (so caps count both), the profile fields the lead
     * lacks, and fit recomputed from the merged profile (fit is never summed: it describes the person once).
     * One ledger entry, {@code merge-<visitor id>}, says so; the caller retires the visitor in the same write.
     */
    public Scored merge(Lead lead, Lead visitor, Instant at, Instant now) {
        Step step = new Step(lead);
        visitor.breakdown().forEach((rule, tally) -> {
            if (tally.kind() != ScoreKind.FIT) {
                // A group's cap bounds the two histories together, as it bounds one.
                ScoreGroup group = tally.group() == null ? null : model.groups().get(tally.group());
                int points = group == null || group.cap() == null || tally.points() <= 0 ? tally.points()
                        : Math.min(tally.points(), Math.max(0,
                        group.cap() - Lead.engagementInGroup(step.breakdown, group.id())));
                step.breakdown.merge(rule, new RuleTally(tally.kind(), tally.group(), points, tally.hits(),
                        tally.lastAt()), RuleTally::plus);
                step.contributions.add(new Contribution(rule, tally.kind(), tally.group(), points,
                        "merged from " + visitor.id()));
            }
        });
        visitor.capHits().forEach((key, hits) -> step.capHits.merge(key, hits, (mine, theirs) ->
                Stream.concat(mine.stream(), theirs.stream()).sorted().toList()));
        visitor.journey().forEach((stage, interactions) -> step.journey.merge(stage, interactions, Integer::sum));
        visitor.patterns().forEach((rule, history) -> step.patterns.merge(rule, history, PatternHistory::plus));
        step.expiring.addAll(visitor.expiring()); // its points expire as they would have; the bound still holds
        step.bound();
        Map<String, Object> profile = new HashMap<>(visitor.profile());
        profile.putAll(lead.profile());
        step.refit(profile, at);
        Instant increased = latest(lead.lastScoreIncreaseAt(), visitor.lastScoreIncreaseAt());
        Lead merged = step.changed(profile)
                .firstSeenAt(earliest(lead.firstSeenAt(), visitor.firstSeenAt()))
                .lastActivityAt(latest(lead.lastActivityAt(), visitor.lastActivityAt()))
                .lastScoreIncreaseAt(increased)
                .coldSince(Objects.equals(increased, lead.lastScoreIncreaseAt()) ? lead.coldSince() : null)
                .appliedActivities(lead.appliedActivities() + visitor.appliedActivities())
                .mergedVisitors(mergedVisitors(lead, visitor))
                .nps(NpsAnswer.later(visitor.nps(), lead.nps())) // the person's latest answer, whoever they were then
                .build();
        String eventId = "merge-" + visitor.id();
        // Dated just before the event that caused it, so the ledger reads in the order it was applied.
        return settle(merged, lead.stage(), at, eventId, next -> new LedgerEntry(lead.id(), LedgerEntry.MERGE, eventId,
                LedgerEntry.MERGE, at.minusMillis(1), now, step.contributions, next.score() - lead.score(),
                next.score(), model.tag()));
    }

    /**
     * A stored lead re-scored under this model: {@code replayed}, its recorded history (activities and verdicts)
     * replayed from a new lead, takes its place, keeping what history does not tell: the revision (the store's lock),
     * the merge links, the count of applied activities (the ledger still holds the same activities), the stage and its
     * history (the moves happened, whatever the model says now, though their interaction counts are the replay's where
     * it made the same move: see {@link #recounted}), and the qualification states, from
     * which the thresholds are watched. So a lead qualified before and still above the line is not announced again,
     * and one that qualifies anew continues its cycle ({@code salesReady/2}, never {@code /1} again). A lead the
     * change makes cold is announced as going cold. One ledger entry, {@code model-change-<tag>}, names each rule
     * whose points moved: the contribution is the difference, the note says old and new.
     */
    public Scored remodel(Lead stored, Lead replayed, Instant now) {
        return reconcile(stored, replayed, now, LedgerEntry.MODEL_CHANGE, LedgerEntry.MODEL_CHANGE + "-" + model.tag());
    }

    /**
     * {@link #remodel} for any cause of a replay: the entry has the given {@code reason} and {@code eventId}, which
     * also names the cause of the crossings (an import of history replays a lead under the same model).
     */
    public Scored reconcile(Lead stored, Lead replayed, Instant now, String reason, String eventId) {
        Lead carried = replayed.toBuilder().revision(stored.revision()).qualifications(stored.qualifications())
                .mergedInto(stored.mergedInto()).mergedVisitors(stored.mergedVisitors())
                .appliedActivities(stored.appliedActivities()).stage(stored.stage())
                .stageHistory(recounted(stored.stageHistory(), replayed.stageHistory())).build();
        ThresholdWatch.Watched watched = thresholds.watch(carried, now, eventId);
        Lead next = carried.withQualifications(watched.qualifications());
        List<Crossing> crossings = new ArrayList<>(watched.crossings());
        if (next.isCold() && !stored.isCold()) {
            crossings.add(thresholds.wentCold(next, eventId));
        }
        List<Contribution> moved = new ArrayList<>();
        Set<String> rules = new TreeSet<>(stored.breakdown().keySet());
        rules.addAll(next.breakdown().keySet());
        for (String rule : rules) {
            RuleTally was = stored.breakdown().get(rule);
            RuleTally is = next.breakdown().get(rule);
            int before = was == null ? 0 : was.points();
            int after = is == null ? 0 : is.points();
            if (before != after) {
                RuleTally named = is == null ? was : is;
                moved.add(new Contribution(rule, named.kind(), named.group(), after - before, before + " -> " + after));
            }
        }
        LedgerEntry entry = new LedgerEntry(stored.id(), reason, eventId, reason, now, now, moved,
                next.score() - stored.score(), next.score(), model.tag());
        return new Scored(next, entry, crossings);
    }

    /**
     * A CRM's verdict: the lead moves to the verdict's stage (the caller has checked that the move makes sense), and
     * the model's feedback rule for it, if any, scores like any rule ({@code feedback:lost}) or resets engagement,
     * keeping fit. One ledger entry, {@code feedback-<feedbackId>} dated when the CRM recorded it, says both, with the
     * rep and their reason.
     */
    public Scored feedback(Lead lead, Feedback feedback, Instant now) {
        Step step = new Step(lead);
        model.feedbackRule(feedback.type()).ifPresent(rule -> {
            if (rule.resetsEngagement()) {
                step.resetEngagement(rule);
            } else {
                step.breakdown.merge(rule.id(), new RuleTally(ScoreKind.ENGAGEMENT, null, rule.points(), 1,
                        feedback.at()), (old, fresh) -> old.add(fresh.points(), feedback.at()));
                step.contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, null, rule.points(), null));
            }
        });
        StageChange change = new StageChange(lead.stage(), feedback.type().stage(), feedback.at(), feedback.rep(),
                feedback.reason(), feedback.feedbackId());
        Lead changed = step.changed(lead.profile()).build().movedTo(change);
        int points = step.contributions.stream().mapToInt(Contribution::points).sum();
        return settle(changed, lead.stage(), feedback.at(), feedback.ledgerEventId(), next -> new LedgerEntry(lead.id(),
                LedgerEntry.FEEDBACK, feedback.ledgerEventId(), feedback.type().label(), feedback.at(), now,
                step.contributions, points, next.score(), model.tag(), lastMove(changed)));
    }

    /**
     * The stored moves, each counted move (MQL, won) with the interactions the replay counted when it made the same
     * move (same stage, same instant, same verdict): so a model that tags its rules anew re-counts the leads that got
     * there before. A move the replay makes otherwise, or not at all, keeps what was counted when it happened.
     */
    private static List<StageChange> recounted(List<StageChange> stored, List<StageChange> replayed) {
        return stored.stream().map(change -> change.journey() == null && !StageChange.COUNTED.contains(change.to())
                ? change
                : replayed.stream().filter(again -> again.to() == change.to() && again.at().equals(change.at())
                                && Objects.equals(again.feedbackId(), change.feedbackId()))
                        .findFirst().map(again -> change.withJourney(again.journey())).orElse(change)).toList();
    }

    /**
     * The visitors whose recorded history is now the lead's: this one and any merged into it before, listed up to
     * {@link Lead#MAX_MERGED_VISITORS}.
     */
    private static List<String> mergedVisitors(Lead lead, Lead visitor) {
        return Stream.concat(lead.mergedVisitors().stream(),
                        Stream.concat(Stream.of(visitor.id()), visitor.mergedVisitors().stream()))
                .distinct().limit(Lead.MAX_MERGED_VISITORS).toList();
    }

    /**
     * A changed lead watched against its thresholds and given its next due time, with its ledger entry; {@code before}
     * is its stage before the change.
     */
    private Scored settle(Lead changed, Stage before, Instant at, String eventId, Function<Lead, LedgerEntry> entry) {
        ThresholdWatch.Watched watched = thresholds.watch(changed, at, eventId);
        Lead watchedLead = changed.withQualifications(watched.qualifications());
        Lead next = watchedLead.withNextDueAt(decay.nextDueAt(watchedLead));
        // A verdict's own move stands; otherwise reaching sales-ready from lead or recycled is an MQL.
        StageChange mql = changed.stage() == before ? thresholds.mql(next, watched.crossings(), at) : null;
        if (mql == null) {
            return new Scored(next, entry.apply(next), watched.crossings());
        }
        Lead promoted = next.movedTo(mql);
        return new Scored(promoted, entry.apply(promoted).withStage(lastMove(promoted)), watched.crossings());
    }

    /** The move just made, as the lead remembers it (interactions counted). */
    private static StageChange lastMove(Lead moved) {
        return moved.stageHistory().get(moved.stageHistory().size() - 1);
    }

    /** The mutable working copy of one application; never escapes {@link #apply}. */
    private final class Step {
        private final Lead lead;
        private final Map<String, RuleTally> breakdown;
        private final Map<String, List<Instant>> capHits;
        private final Map<String, Integer> journey;
        private final Map<String, PatternHistory> patterns;
        private final List<Expiring> expiring;
        private final List<Contribution> contributions = new ArrayList<>();

        Step(Lead lead) {
            this.lead = lead;
            this.breakdown = new HashMap<>(lead.breakdown());
            this.capHits = new HashMap<>(lead.capHits());
            this.journey = new HashMap<>(lead.journey());
            this.patterns = new HashMap<>(lead.patterns());
            this.expiring = new ArrayList<>(lead.expiring());
        }

        Map<String, Object> updateProfile(Activity activity) {
            Map<String, Object> profile = new HashMap<>(lead.profile());
            activity.properties().forEach((name, value) -> {
                if (model.profileFields().containsKey(name)) {
                    profile.put(name, value);
                }
            });
            return profile;
        }

        void score(Rule rule, Activity activity, Market market) {
            Cap cap = rule.cap();
            String capKey = cap == null ? null : capKey(rule, activity);
            if (cap != null) {
                List<Instant> hits = capHits.getOrDefault(capKey, List.of());
                if (!cap.allows(hits, activity.occurredAt())) {
                    contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0,
                            "capped: " + cap.describe()));
                    return;
                }
                if (!roomFor(rule, capKey, activity.occurredAt())) {
                    contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0,
                            "capped: " + cap.describe() + ", and " + Cap.MAX_VALUES + " values of "
                                    + cap.perField() + " are remembered within their windows"));
                    return;
                }
                capHits.put(capKey, cap.record(hits, activity.occurredAt()));
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
                contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0,
                        "not counted: older than the " + ModelLoader.length(rule.pattern().lookBack())
                                + " the rule looks back from its newest event"));
                return;
            }
            PatternHistory next = history.with(at, event, antecedent);
            int added = next.fired(rule).size() - history.fired(rule).size();
            patterns.put(rule.id(), next.settle(rule));
            for (int i = 0; i < added; i++) {
                award(rule, activity, market, rule.pattern().describe());
            }
            if (added == 0 && event) {
                long counted = next.countAt(at, rule.pattern());
                boolean held = rule.pattern().holdsAt(at, next.events(), next.antecedents());
                String note = held ? "capped: " + rule.cap().describe()
                        : rule.pattern() instanceof EventPattern.Count count
                        ? counted + " of " + count.atLeast() + " within " + ModelLoader.length(count.within()) : null;
                if (note != null) {
                    contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), 0, note));
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
                note = note == null ? market.describeMultiplier() : note + "; " + market.describeMultiplier();
            }
            ScoreGroup group = rule.group() == null ? null : model.groups().get(rule.group());
            if (group != null && group.cap() != null && points > 0) {
                int room = Math.max(0, group.cap() - Lead.engagementInGroup(breakdown, group.id()));
                if (room < points) {
                    String capped = "group " + group.id() + " capped at " + group.cap() + " (" + points + " -> " + room
                            + ")";
                    note = why == null ? capped : why + "; " + capped;
                    points = room;
                }
            }
            breakdown.merge(rule.id(), new RuleTally(ScoreKind.ENGAGEMENT, rule.group(), points, 1, at),
                    (old, fresh) -> old.add(fresh.points(), at));
            contributions.add(new Contribution(rule.id(), ScoreKind.ENGAGEMENT, rule.group(), points, note));
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
                    breakdown.put(early.rule(), tally.less(taken));
                    contributions.add(new Contribution(early.rule(), ScoreKind.ENGAGEMENT, early.group(), -taken,
                            early.earlyNote()));
                }
            }
        }

        /**
         * The lead with this step's tallies and cap history under the model, and {@code profile} with the account it
         * names; its next due time is left for settle to decide.
         */
        Lead.Builder changed(Map<String, Object> profile) {
            return lead.toBuilder().profile(profile).breakdown(breakdown).capHits(capHits).journey(journey)
                    .patterns(patterns).expiring(expiring).model(model.tag())
                    .nextDueAt(null).accountId(model.accounts().accountOf(profile).orElse(null));
        }

        /**
         * Behaviour and its decay start over, each rule's points taken back (so none are left to expire); fit stays:
         * the person is the same.
         */
        void resetEngagement(FeedbackRule rule) {
            expiring.clear();
            List.copyOf(breakdown.entrySet()).stream().filter(e -> e.getValue().kind() != ScoreKind.FIT)
                    .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                        breakdown.remove(e.getKey());
                        contributions.add(new Contribution(e.getKey(), e.getValue().kind(), e.getValue().group(),
                                -e.getValue().points(), rule.describe()));
                    });
            capHits.clear();
            patterns.clear();
        }

        /**
         * Fit is a function of the profile: rules that now hold are in, rules that no longer hold are out, each note
         * naming the fields whose change moved it. A competitor's profile holds no fit rule: it is taken back at once.
         */
        void refit(Map<String, Object> profile, Instant at) {
            ProfileChange change = new ProfileChange(lead.profile(), profile);
            String competitor = model.competitors().reason(profile);
            String leftCompetitor = competitor == null && model.competitors().includes(lead.profile())
                    ? "no longer at a listed competitor: " + change.changed(model.competitors().when()) : null;
            for (FitRule rule : model.fitRules()) {
                boolean held = breakdown.containsKey(rule.id());
                boolean holds = competitor == null && rule.matches(profile);
                if (holds && !held) {
                    breakdown.put(rule.id(), new RuleTally(ScoreKind.FIT, rule.group(), rule.points(), 1, at));
                    contributions.add(new Contribution(rule.id(), ScoreKind.FIT, rule.group(), rule.points(),
                            leftCompetitor != null ? leftCompetitor : change.now(rule.when())));
                } else if (!holds && held) {
                    RuleTally was = breakdown.remove(rule.id());
                    String why = competitor != null ? competitor : change.changed(rule.when());
                    contributions.add(new Contribution(rule.id(), ScoreKind.FIT, rule.group(), -was.points(),
                            why != null ? why : "profile no longer matches"));
                }
            }
        }


        /** Whether the rule's per-value cap history can take this value (see {@link Cap#MAX_VALUES}). */
        private boolean roomFor(Rule rule, String capKey, Instant at) {
            if (rule.cap().perField() == null || capHits.containsKey(capKey)) {
                return true;
            }
            String prefix = rule.id() + "/";
            List<String> values = capHits.keySet().stream().filter(key -> key.startsWith(prefix)).toList();
            if (values.size() < Cap.MAX_VALUES) {
                return true;
            }
            values.stream().filter(key -> rule.cap().passed(capHits.get(key), at)).forEach(capHits::remove);
            return capHits.keySet().stream().filter(key -> key.startsWith(prefix)).count() < Cap.MAX_VALUES;
        }

        private String capKey(Rule rule, Activity activity) {
            if (rule.cap().perField() == null) {
                return rule.id();
            }
            Object value = activity.property(rule.cap().perField());
            return rule.id() + "/" + (value == null ? "" : value.toString().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The earlier of two times, either of which may be unknown (null). */
    private static Instant earliest(Instant a, Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }

    /** The later of two times, either of which may be unknown (null): a visitor may never have earned a point. */
    private static Instant latest(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }
}
