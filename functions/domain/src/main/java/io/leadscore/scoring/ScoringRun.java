package io.leadscore.scoring;

import io.leadscore.account.Account;
import io.leadscore.account.AccountScorer;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.RevisionLikelihood;
import io.leadscore.scoring.ScoreTransaction.Change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exactly-once scoring: applies activities (and decay) to leads and their accounts through a {@link ScoreStore},
 * each activity once however often a batch is delivered and whoever else writes the same leads or accounts.
 *
 * <p>Every write is one {@link ScoreTransaction}: each lead's new state guarded by its revision, a ledger entry per
 * activity guarded by "not stored yet", each account once guarded by its revision, and the announcements the
 * changes caused. So a score is never half-applied, two writers never overwrite each other, and an activity whose
 * ledger entry is stored is known to be applied: a stored lead's are left out before it is applied, and a conflict
 * drops those, rereads, and recomputes.
 */
public final class ScoringRun {
    /** DynamoDB's limit of items in one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    /** Generous: the members of one account, written from several stream shards at once, take turns. */
    static final int MAX_ATTEMPTS = 20;

    private final ScoreStore store;
    private final LeadScorer scorer;
    private final AccountScorer accountScorer;
    private final RevisionLikelihood likelihood;
    private final Clock clock;

    public ScoringRun(ScoreStore store, ScoringModel model, Clock clock) {
        this.store = store;
        this.scorer = new LeadScorer(model);
        this.accountScorer = new AccountScorer(model);
        this.likelihood = new RevisionLikelihood(model);
        this.clock = clock;
    }

    public ScoringModel model() {
        return scorer.model();
    }

    /** What applying a lead's activities did: the lead as written, what was applied now and what was before. */
    public record Applied(Lead lead, int applied, int alreadyApplied) {
    }

    /**
     * Leads to apply together, with their stored state where it has been read already: {@code stored} holds every
     * one of them that exists (absent: a new lead), or is null when they are still to be read.
     */
    public record Group(Map<String, List<Activity>> activities, Map<String, Lead> stored) {
    }

    /** The keys the activities' ledger entries have (or would have): what {@link ScoreStore#applied} looks for. */
    private static List<String> ledgerKeys(List<Activity> activities) {
        return activities.stream().map(a -> LedgerEntry.keyOf(a.occurredAt(), a.eventId())).toList();
    }

    /**
     * A batch's activities by lead, in groups that will likely share an account (judged from the stored profiles
     * and the activities' fields), so that each group is applied together and writes its account once per
     * transaction. A wrong guess costs a retry, never a wrong score: every write is guarded. The events of a
     * visitor merged into a lead go to that lead.
     */
    public List<Group> groups(Map<String, List<Activity>> batch) {
        Map<String, Lead> stored = store.leads(batch.keySet());
        Map<String, List<Activity>> byLead = new LinkedHashMap<>();
        batch.forEach((leadId, activities) -> {
            Lead lead = stored.get(leadId);
            if (lead != null && lead.mergedInto() != null) {
                // A visitor already merged into its lead: its late events are the lead's; those it applied itself
                // before it merged came with the merge, and a redelivery must not bring them again.
                Set<String> merged = store.applied(leadId, ledgerKeys(activities));
                byLead.computeIfAbsent(lead.mergedInto(), o -> new ArrayList<>())
                        .addAll(activities.stream().filter(a -> !merged.contains(a.eventId())).toList());
            } else {
                byLead.computeIfAbsent(leadId, o -> new ArrayList<>()).addAll(activities);
            }
        });
        record Key(String accountId, String leadId) {
        }
        Map<Key, Map<String, List<Activity>>> groups = new LinkedHashMap<>();
        byLead.forEach((leadId, activities) -> {
            Map<String, Object> profile = new HashMap<>(stored.getOrDefault(leadId, Lead.newLead(leadId)).profile());
            activities.forEach(activity -> profile.putAll(activity.properties()));
            Key key = model().accounts().accountOf(profile).map(id -> new Key(id, null)).orElse(new Key(null, leadId));
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(leadId, activities);
        });
        // What was read is handed on, so applying reads no lead twice; a lead the events were redirected to was
        // not read, and its group reads again.
        return groups.values().stream()
                .map(group -> new Group(group, batch.keySet().containsAll(group.keySet()) ? stored : null)).toList();
    }

    /**
     * Applies a group's activities, each lead's in the given order and each exactly once. Leads and the accounts
     * they count in are written together, one transaction per chunk of at most {@value #MAX_TRANSACTION_ITEMS} items
     * in which each account is written once: an account follows its members without rereading them.
     */
    public List<Applied> apply(Group group) {
        return new Pass(group).run();
    }

    /**
     * Decays the lead and takes it cold as far as is due by {@code now}, in one guarded write with its account's;
     * nothing is written when nothing is due (another sweep got there first, or the index was behind). Null when
     * the lead does not exist.
     */
    public LeadDecay.Swept decay(String leadId, Instant now) {
        for (int attempts = 1; ; attempts++) {
            Lead lead = store.lead(leadId).orElse(null);
            if (lead == null) {
                return null;
            }
            LeadDecay.Swept swept = scorer.decay().sweep(lead, now);
            if (!swept.changed() && Objects.equals(swept.lead().nextDueAt(), lead.nextDueAt())) {
                return swept;
            }
            Change change = new Change(lead, swept.lead(), swept.entries(), swept.crossings(), 0);
            try {
                store.write(plan(List.of(change), new HashMap<>()));
                return swept;
            } catch (ScoreStore.Conflict conflict) {
                if (attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                backOff(attempts);
            }
        }
    }

    /** What became of a CRM verdict, and the lead as it is after it (null for an unknown lead). */
    public record Verdict(Outcome outcome, Lead lead, String problem) {
        public enum Outcome {
            /** Applied now: the stage moved, the score by the model's feedback rule, in one write. */
            APPLIED,
            /** Applied before, under the same feedback id: nothing changed. */
            DUPLICATE,
            /** No such lead: a verdict is on a lead that scoring knows. */
            UNKNOWN_LEAD,
            /** The move makes no sense from the lead's stage ({@code problem} says why): nothing changed. */
            REFUSED
        }
    }

    /**
     * Applies a CRM verdict once per feedback id: the lead's stage, its score by the model's feedback rule and its
     * account's share, with a {@code feedback} ledger entry (who and why), in one guarded write like an activity's.
     * A repeat is known by the id among the lead's stage changes, or, older than those, by its ledger entry (which
     * a repeat sent with the same time finds stored, and which makes a concurrent repeat's write fail).
     */
    public Verdict feedback(Feedback feedback) {
        String key = LedgerEntry.keyOf(feedback.at(), feedback.ledgerEventId());
        for (int attempts = 1; ; attempts++) {
            Lead lead = store.lead(feedback.leadId()).orElse(null);
            if (lead == null) {
                return new Verdict(Verdict.Outcome.UNKNOWN_LEAD, null, null);
            }
            if (lead.hasFeedback(feedback.feedbackId())
                    || !store.applied(lead.id(), List.of(key)).isEmpty()) {
                return new Verdict(Verdict.Outcome.DUPLICATE, lead, null);
            }
            String refusal = feedback.type().refusal(lead.stage()).orElse(null);
            if (refusal != null) {
                return new Verdict(Verdict.Outcome.REFUSED, lead, refusal);
            }
            Scored scored = scorer.feedback(lead, feedback, clock.instant());
            Change change = new Change(lead, scored.lead(), List.of(scored.entry()), scored.crossings(), 0);
            try {
                store.write(plan(List.of(change), new HashMap<>()));
                return new Verdict(Verdict.Outcome.APPLIED, change.written(), null);
            } catch (ScoreStore.Conflict conflict) {
                if (attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                backOff(attempts);
            }
        }
    }

    private ScoreTransaction plan(List<Change> changes, Map<String, Account> knownAccounts) {
        return ScoreTransaction.plan(changes, accountScorer, likelihood, knownAccounts, store, clock.instant());
    }

    /** Writers of one account collide by design; a short random pause lets them take turns. */
    static void backOff(int attempts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempts, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /**
     * A scored step of a lead: an activity's, a merge's, which retires {@code visitor} into the lead, or an expiry due
     * before the activity that follows it. An activity's step carries the lead only where the lead's steps in the
     * transaction end (its lead is null before that): the lead's events are replayed on one state, made a Lead once.
     */
    private record Step(String leadId, Scored scored, Lead visitor, boolean isActivity) {
        static Step activity(String leadId, LeadScorer.Applied applied) {
            return new Step(leadId, new Scored(null, applied.entry(), applied.crossings()), null, true);
        }

        /** This activity's step, ending its lead's steps with {@code lead}. */
        Step ending(Lead lead) {
            return new Step(leadId, new Scored(lead, scored.entry(), scored.crossings()), visitor, isActivity);
        }

        static Step merge(String leadId, Scored scored, Lead visitor) {
            return new Step(leadId, scored, visitor, false);
        }

        static Step expiry(String leadId, Scored scored) {
            return new Step(leadId, scored, null, false);
        }

        /** Its ledger entry, its announcements, and the retired visitor. */
        int items() {
            return 1 + scored.crossings().size() + (visitor == null ? 0 : 1);
        }
    }

    /** One group applied: what is pending and what is known, transaction after transaction. */
    private final class Pass {
        private final Map<String, List<Activity>> activities;
        private final Map<String, List<Activity>> pending = new LinkedHashMap<>();
        private final Map<String, Lead> leads;
        /** The visitors these events say their leads were: each is merged into its lead once, with the event. */
        private final Set<String> visitorIds = new HashSet<>();
        private final Map<String, Lead> visitors;
        private final Map<String, Account> accounts = new HashMap<>();
        private final Map<String, Integer> applied = new HashMap<>();
        private final Map<String, Integer> alreadyApplied = new HashMap<>();

        Pass(Group group) {
            this.activities = group.activities();
            this.leads = new HashMap<>(group.stored() != null ? group.stored() : store.leads(activities.keySet()));
            activities.forEach((leadId, list) -> pending.put(leadId, new ArrayList<>(list)));
            pending.keySet().forEach(this::dropApplied);
            activities.values().forEach(list -> list.forEach(a -> a.visitorId().ifPresent(visitorIds::add)));
            this.visitors = new HashMap<>(store.leads(visitorIds));
        }

        /**
         * Drops from a lead's pending activities those its starting state holds ({@link ScoreStore#seeded}) and, for a
         * stored lead, those its ledger holds, read after the lead: a write since then moves the lead's revision, and
         * this pass's guarded write fails. Ledger items fold several entries under the first's key, so a redelivery
         * from another point of the stream would not collide with them: it is found here.
         */
        private void dropApplied(String leadId) {
            List<Activity> left = pending.get(leadId);
            int before = left.size();
            left.removeIf(store::seeded);
            if (leads.containsKey(leadId) && !left.isEmpty()) {
                Set<String> done = store.applied(leadId, ledgerKeys(left));
                left.removeIf(a -> done.contains(a.eventId()));
            }
            if (left.size() < before) {
                alreadyApplied.merge(leadId, before - left.size(), Integer::sum);
            }
        }

        List<Applied> run() {
            int attempts = 0;
            while (pending.values().stream().anyMatch(list -> !list.isEmpty())) {
                ScoreTransaction transaction = next();
                try {
                    store.write(transaction);
                    written(transaction);
                    attempts = 0;
                } catch (ScoreStore.Conflict conflict) {
                    if (++attempts >= MAX_ATTEMPTS) {
                        throw conflict;
                    }
                    conflicted();
                    backOff(attempts);
                }
            }
            return activities.keySet().stream().map(leadId -> new Applied(leads.get(leadId),
                    applied.getOrDefault(leadId, 0), alreadyApplied.getOrDefault(leadId, 0))).toList();
        }

        /**
         * The next transaction: as many steps as fit, lead after lead; then, since accounts add items that only
         * planning shows, the last activities (each with its merge) are left for the next one until it fits.
         */
        private ScoreTransaction next() {
            List<Step> steps = stepsThatFit(Integer.MAX_VALUE);
            ScoreTransaction transaction = plan(steps);
            long activities = steps.stream().filter(Step::isActivity).count();
            while (transaction.items() > MAX_TRANSACTION_ITEMS && activities > 1) {
                // A merge goes with the activity that caused it, never the one without the other; so do the expiries
                // the activity takes first: the steps are made again up to the activity before the last.
                steps = stepsThatFit(--activities);
                transaction = plan(steps);
            }
            return transaction;
        }

        /**
         * The pending activities as steps, in order, while the leads' items fit in one transaction (always at least
         * one activity), and at most {@code limit} activities. An event that names the visitor its lead was first
         * merges that visitor, a step of its own. Each lead's activities are applied to one {@link LeadScorer.Replay}.
         */
        private List<Step> stepsThatFit(long limit) {
            List<Step> steps = new ArrayList<>();
            Set<String> merging = new HashSet<>();
            int items = 0;
            long activities = 0;
            // One time for what one transaction records: its entries share it (and a ledger item stores it once).
            Instant now = clock.instant();
            for (Map.Entry<String, List<Activity>> lead : pending.entrySet()) {
                String leadId = lead.getKey();
                LeadScorer.Replay replay = scorer.replay(leads.getOrDefault(leadId, Lead.newLead(leadId)));
                int leadItem = 1;
                for (Activity activity : lead.getValue()) {
                    if (activities == limit) {
                        return ended(steps, replay);
                    }
                    List<Step> more = new ArrayList<>(2);
                    Lead visitor = activity.visitorId().map(visitors::get).orElse(null);
                    if (visitor != null && visitor.mergedInto() == null && merging.add(visitor.id())) {
                        Scored merge = scorer.merge(replay.lead(), visitor, activity.occurredAt(), now);
                        more.add(Step.merge(leadId, merge, visitor));
                        replay = scorer.replay(merge.lead());
                    }
                    // Points that expired before the event (the sweep not there yet) go first, as a replay takes them.
                    if (replay.expiresBy(activity.occurredAt())) {
                        Lead next = replay.lead();
                        for (Scored expiry : scorer.decay().expire(next, activity.occurredAt(), now)) {
                            more.add(Step.expiry(leadId, expiry));
                            next = expiry.lead();
                        }
                        replay = scorer.replay(next);
                    }
                    Step step = Step.activity(leadId, replay.apply(activity, now));
                    more.add(step);
                    items += leadItem + more.stream().mapToInt(Step::items).sum();
                    leadItem = 0;
                    if (items > MAX_TRANSACTION_ITEMS && !steps.isEmpty()) {
                        // This activity was applied to the replay already: the steps before it are made again.
                        return stepsThatFit(activities);
                    }
                    steps.addAll(more);
                    activities++;
                }
                ended(steps, replay);
            }
            return steps;
        }

        /** {@code steps} with the last one, an activity of the replayed lead, ending it with the replay's lead. */
        private List<Step> ended(List<Step> steps, LeadScorer.Replay replay) {
            int last = steps.size() - 1;
            if (last >= 0 && steps.get(last).isActivity() && steps.get(last).scored().lead() == null) {
                steps.set(last, steps.get(last).ending(replay.lead()));
            }
            return steps;
        }

        /** The steps as each lead's change (and each merged visitor's retirement), with their accounts' side. */
        private ScoreTransaction plan(List<Step> steps) {
            Map<String, Change> changes = new LinkedHashMap<>();
            for (Step step : steps) {
                Change change = changes.computeIfAbsent(step.leadId(),
                        id -> Change.of(leads.getOrDefault(id, Lead.newLead(id))));
                changes.put(step.leadId(), change.then(step.scored(), step.isActivity()));
                if (step.visitor() != null) {
                    changes.put(step.visitor().id(), new Change(step.visitor(),
                            step.visitor().retiredInto(step.leadId()), List.of(), List.of(), 0));
                }
            }
            return ScoringRun.this.plan(List.copyOf(changes.values()), accounts);
        }

        private void written(ScoreTransaction transaction) {
            transaction.changes().forEach(change -> {
                (pending.containsKey(change.leadId()) ? leads : visitors).put(change.leadId(), change.written());
                if (change.activities() > 0) {
                    pending.get(change.leadId()).subList(0, change.activities()).clear();
                    applied.merge(change.leadId(), change.activities(), Integer::sum);
                }
            });
            transaction.accounts().forEach(change -> accounts.put(change.after().id(), change.written()));
        }

        /**
         * Someone else wrote a lead, a visitor or an account, or some activities were applied before: learn which,
         * drop those, and recompute from the leads and accounts as they are now.
         */
        private void conflicted() {
            // The leads first, then their ledgers: what was applied before the leads' revisions read is in them.
            leads.putAll(store.leads(activities.keySet()));
            visitors.putAll(store.leads(visitorIds));
            accounts.clear();
            pending.keySet().forEach(this::dropApplied);
        }
    }
}
