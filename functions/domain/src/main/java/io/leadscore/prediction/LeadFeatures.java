package io.leadscore.prediction;

import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.model.FitRule;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoringModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a lead looks like to a prediction, at a moment: numbers read from its scored state alone (and its account's
 * score), never from its history. Training reads them from the state a replay reaches at each labelled moment, and
 * the score function from the state it has just written: one piece of code, so that a model never sees at scoring
 * what it never saw in training, and nothing after the moment can leak into it.
 *
 * <p>Features, named as a revision's weights name them:
 * <ul>
 *   <li>{@code rule:<id>:hits}: how many times the behaviour rule has fired (capped firings do not count);</li>
 *   <li>{@code rule:<id>:7d}, {@code :30d}, {@code :90d}: 1 when it last fired within that many days, else 0 (the
 *       state keeps each rule's last firing, not every firing);</li>
 *   <li>{@code fit:<id>}: 1 when the fit rule holds for the profile's points, else 0;</li>
 *   <li>{@code group:<id>}: the score group's points;</li>
 *   <li>{@code recency}: days since the last score increase (since first seen if none), at most 365;</li>
 *   <li>{@code account}: the account's score, 0 without an account.</li>
 * </ul>
 */
public final class LeadFeatures {
    static final int[] WINDOW_DAYS = {7, 30, 90};
    static final int RECENCY_DAYS = 365;
    private static final double DAY_SECONDS = Duration.ofDays(1).toSeconds();

    private final List<String> rules;
    private final List<String> fitRules;
    private final List<String> groups;
    private final List<String> names;

    public LeadFeatures(ScoringModel model) {
        this.rules = model.rules().stream().map(Rule::id).toList();
        this.fitRules = model.fitRules().stream().map(FitRule::id).toList();
        this.groups = List.copyOf(model.groups().keySet());
        this.names = names(rules, fitRules, groups);
    }

    /**
     * The features of a model with these behaviour rules, fit rules and groups (ids, in declaration order): what
     * {@link #names()} gives, for the loader, which checks a revision's weights before its model exists.
     */
    public static List<String> names(List<String> rules, List<String> fitRules, Collection<String> groups) {
        List<String> all = new ArrayList<>();
        for (String rule : rules) {
            all.add(hits(rule));
            for (int days : WINDOW_DAYS) {
                all.add(window(rule, days));
            }
        }
        fitRules.forEach(rule -> all.add("fit:" + rule));
        groups.forEach(group -> all.add("group:" + group));
        all.add("recency");
        all.add("account");
        return List.copyOf(all);
    }

    static String hits(String rule) {
        return "rule:" + rule + ":hits";
    }

    static String window(String rule, int days) {
        return "rule:" + rule + ":" + days + "d";
    }

    /** The features' names, in the order {@link #of} gives their values. */
    public List<String> names() {
        return names;
    }

    /** The lead's features at {@code at}; {@code accountScore} is 0 for a lead without an account. */
    public double[] of(Lead lead, int accountScore, Instant at) {
        double[] values = new double[names.size()];
        int i = 0;
        for (String rule : rules) {
            RuleTally tally = lead.breakdown().get(rule);
            values[i++] = tally == null ? 0 : tally.hits();
            double days = tally == null || tally.lastAt() == null ? Double.POSITIVE_INFINITY : days(tally.lastAt(), at);
            for (int window : WINDOW_DAYS) {
                values[i++] = days < window ? 1 : 0;
            }
        }
        for (String rule : fitRules) {
            RuleTally tally = lead.breakdown().get(rule);
            values[i++] = tally != null && tally.points() != 0 ? 1 : 0;
        }
        for (String group : groups) {
            values[i++] = lead.groupScore(group);
        }
        Instant since = lead.lastScoreIncreaseAt() != null ? lead.lastScoreIncreaseAt() : lead.firstSeenAt();
        values[i++] = since == null ? RECENCY_DAYS : Math.min(RECENCY_DAYS, Math.max(0, days(since, at)));
        values[i] = accountScore;
        return values;
    }

    private static double days(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) / DAY_SECONDS;
    }
}
