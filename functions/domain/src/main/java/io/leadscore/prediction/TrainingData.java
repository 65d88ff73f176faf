package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of one training run, from the leads' recorded histories: each lead read every {@link TrainingPlan#every}
 * from its first activity, at each moment its features ({@link LeadFeatures}) on the state its history before the
 * moment replays to at the moment (decay, expiry and cold state included, as a backtest replays), and its account's
 * score from the members' scores at the moment. Nothing after a moment reaches its features; only its label looks
 * ahead, to the first conversion within the horizon.
 *
 * <p>A moment gives no example when the lead had converted by then (it has nothing left to predict), when its horizon
 * runs past {@link TrainingPlan#now} (its label is not known yet), or when the lead had been silent for longer than
 * the horizon (a dormant lead: an easy negative that would swell the examples and flatter the held-out AUC). All three
 * read nothing after the moment but the label's own verdicts.
 *
 * <p>The time split: training holds the examples whose horizon has ended by {@link TrainingPlan#splitAt}, so that no
 * training label reads a verdict from the held-out period; held-out holds those at or after it. The examples between
 * are in neither.
 */
public final class TrainingData {
    private final TrainingPlan plan;
    private final Rescorer rescorer;
    private final LeadFeatures features;
    private final AccountPolicy accounts;
    private final int accountFeature;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, List<ScoreTimeline>> members = new HashMap<>();
    private List<Example> training;
    private List<Example> heldOut;

    public TrainingData(ScoringModel model, TrainingPlan plan) {
        this.plan = plan;
        this.rescorer = new Rescorer(model);
        this.features = new LeadFeatures(model);
        this.accounts = model.accounts();
        this.accountFeature = features.names().indexOf("account");
    }

    /** An example waiting for its account's score, which needs every member's history. */
    private record Pending(String leadId, String accountId, Instant at, double[] features, boolean converted) {
    }

    /**
     * One lead's history (its activities, a merged visitor's included) and its verdicts. Thread-safe: the replay
     * runs outside the lock.
     *
     * @param accountId null for a lead without an account
     */
    public void add(String leadId, String accountId, List<Activity> history, List<Feedback> verdicts) {
        if (history.isEmpty()) {
            return;
        }
        Instant first = history.stream().map(Activity::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
        List<Instant> conversions = verdicts.stream().filter(verdict -> plan.converts(verdict.type()))
                .map(Feedback::at).sorted().toList();
        List<Instant> moments = new ArrayList<>();
        for (Instant at = first.plus(plan.every()); !at.plus(plan.horizon()).isAfter(plan.now());
             at = at.plus(plan.every())) {
            if (!conversions.isEmpty() && !conversions.get(0).isAfter(at)) {
                break;
            }
            moments.add(at);
        }
        Rescorer.Traced traced = rescorer.traced(leadId, history, verdicts, moments, plan.now());
        List<Pending> examples = new ArrayList<>();
        for (int i = 0; i < moments.size(); i++) {
            Instant at = moments.get(i);
            Lead lead = traced.atMoments().get(i);
            if (lead.lastActivityAt() == null || lead.lastActivityAt().plus(plan.horizon()).isBefore(at)) {
                continue;
            }
            Instant until = at.plus(plan.horizon());
            boolean converted = conversions.stream().anyMatch(c -> c.isAfter(at) && !c.isAfter(until));
            examples.add(new Pending(leadId, accountId, at, features.of(lead, 0, at), converted));
        }
        ScoreTimeline timeline = accountId == null ? null : new ScoreTimeline(traced.changes());
        synchronized (this) {
            if (training != null) {
                throw new IllegalStateException("the examples have been read: a training run adds no lead after");
            }
            pending.addAll(examples);
            if (timeline != null) {
                members.computeIfAbsent(accountId, id -> new ArrayList<>()).add(timeline);
            }
        }
    }

    public TrainingPlan plan() {
        return plan;
    }

    /** The features' names, in the order of every example's values. */
    public List<String> names() {
        return features.names();
    }

    /** The examples whose horizon ended by the split, in time order. */
    public synchronized List<Example> training() {
        split();
        return training;
    }

    /** The examples at or after the split, in time order. */
    public synchronized List<Example> heldOut() {
        split();
        return heldOut;
    }

    private void split() {
        if (training != null) {
            return;
        }
        List<Example> before = new ArrayList<>();
        List<Example> after = new ArrayList<>();
        pending.sort(Comparator.comparing(Pending::at).thenComparing(Pending::leadId));
        for (Pending example : pending) {
            if (example.accountId() != null) {
                example.features()[accountFeature] = accountScore(example.accountId(), example.at());
            }
            Example made = new Example(example.leadId(), example.at().getEpochSecond(), example.features(),
                    example.converted());
            if (!example.at().isBefore(plan.splitAt())) {
                after.add(made);
            } else if (!example.at().plus(plan.horizon()).isAfter(plan.splitAt())) {
                before.add(made);
            }
        }
        pending.clear();
        training = List.copyOf(before);
        heldOut = List.copyOf(after);
    }

    /** The account's score at a moment: its members' then, combined as the model combines them. */
    private int accountScore(String accountId, Instant at) {
        List<Integer> points = new ArrayList<>();
        for (ScoreTimeline member : members.get(accountId)) {
            if (member.startedBefore(at)) {
                points.add(member.at(at));
            }
        }
        return accounts.combine(points);
    }
}
