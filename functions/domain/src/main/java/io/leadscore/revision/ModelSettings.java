package io.leadscore.revision;

import io.leadscore.model.AccountPolicy;
import io.leadscore.model.Cap;
import io.leadscore.model.Condition;
import io.leadscore.model.DecayPolicy;
import io.leadscore.model.EventPattern;
import io.leadscore.model.FitGrades;
import io.leadscore.model.FitRule;
import io.leadscore.model.Market;
import io.leadscore.model.Matcher;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model as the rows of the revision table: every setting that changes a score, each as short text a marketer
 * reads at a glance. The text is part of the table's contract (a cell is "changed" when its text differs), so it
 * is stable: one format per kind of setting, in the YAML's own words.
 */
final class ModelSettings {
    static final String RULE = "rule";
    static final String FIT = "fit";
    static final String GRADES = "grades";
    static final String THRESHOLD = "threshold";
    static final String GROUP = "group";
    static final String MARKET = "market";
    static final String DECAY = "decay";
    static final String COLD = "cold";
    static final String ACCOUNT = "account";
    static final String COMPETITORS = "competitors";
    /** The order of the table's sections: behaviour first, as a marketer tunes it most. */
    static final List<String> SECTIONS = List.of(RULE, FIT, COMPETITORS, GRADES, THRESHOLD, GROUP, MARKET, DECAY, COLD,
            ACCOUNT);

    private static final String SEP = " · ";

    /** One setting of one revision: a row's key, section and label, and this revision's value. */
    record Setting(String section, String key, String label, String value) {
    }

    private ModelSettings() {
    }

    static List<Setting> of(ScoringModel model) {
        List<Setting> settings = new ArrayList<>();
        for (Rule rule : model.rules()) {
            settings.add(new Setting(RULE, RULE + ":" + rule.id(), rule.description(), rule(rule)));
        }
        for (FitRule rule : model.fitRules()) {
            settings.add(new Setting(FIT, FIT + ":" + rule.id(), rule.description(),
                    join(points(rule.points()), condition(rule.when()), group(rule.group()))));
        }
        // Only a model that lists competitors has the row: one that adds them shows a new row, not a changed "none".
        if (model.competitors().when() != null) {
            settings.add(new Setting(COMPETITORS, COMPETITORS, "Competitors", condition(model.competitors().when())));
        }
        settings.add(new Setting(GRADES, GRADES, "Fit grades", grades(model.grades())));
        for (Threshold threshold : model.thresholds()) {
            settings.add(new Setting(THRESHOLD, THRESHOLD + ":" + threshold.name(), threshold.name(),
                    threshold(threshold)));
        }
        for (ScoreGroup group : model.groups().values()) {
            settings.add(new Setting(GROUP, GROUP + ":" + group.id(), group.name(), group(group)));
        }
        for (Market market : model.markets()) {
            settings.add(new Setting(MARKET, MARKET + ":" + market.id(), "Market " + market.id(), market(market)));
        }
        settings.add(new Setting(DECAY, DECAY, "Decay", decay(model.decay())));
        settings.add(new Setting(COLD, COLD, "Cold",
                model.coldAfter() == null ? "never" : "after " + length(model.coldAfter()) + " without a score increase"));
        AccountPolicy accounts = model.accounts();
        String aggregate = accounts.aggregate().name().toLowerCase(java.util.Locale.ROOT);
        settings.add(new Setting(ACCOUNT, "account:aggregate", "Account score",
                accounts.aggregate() == AccountPolicy.Aggregate.TOP ? aggregate + " " + accounts.top() : aggregate));
        settings.add(new Setting(ACCOUNT, "account:engagedAt", "Member engaged at",
                String.valueOf(accounts.engagedAt())));
        accounts.roles().forEach((role, condition) -> settings.add(new Setting(ACCOUNT, "account:role:" + role,
                "Role " + role, condition(condition))));
        for (AccountPolicy.AccountThreshold threshold : accounts.thresholds()) {
            String name = threshold.threshold().name();
            settings.add(new Setting(ACCOUNT, "account:threshold:" + name, "Account " + name,
                    join(threshold(threshold.threshold()),
                            threshold.roles() == 0 ? null : threshold.roles() + (threshold.roles() == 1 ? " role" : " roles"),
                            threshold.engagedMembers() == 0 ? null : threshold.engagedMembers() + " engaged members")));
        }
        return settings;
    }

    /**
     * {@code 15 · page_view url glob *}{@code /pricing* · cap 3/day · group platform · journey decision · expires 90d}.
     */
    private static String rule(Rule rule) {
        String events = String.join(", ", rule.events());
        String event = rule.when().equals(Condition.ALWAYS) ? events : events + " " + condition(rule.when());
        return join(points(rule.points()), event, pattern(rule.pattern()), cap(rule.cap()), group(rule.group()),
                rule.journey() == null ? null : "journey " + rule.journey(),
                rule.expires() == null ? null : "expires " + length(rule.expires()));
    }

    /** {@code count 3 within 7d}, {@code after form_submit formId glob case-study-* within 14d}. */
    private static String pattern(EventPattern pattern) {
        if (pattern instanceof EventPattern.Sequence sequence && !sequence.when().equals(Condition.ALWAYS)) {
            return "after " + String.join(", ", sequence.events()) + " " + condition(sequence.when()) + " within "
                    + length(sequence.within());
        }
        return pattern == null ? null : pattern instanceof EventPattern.Count ? "count " + pattern.describe()
                : pattern.describe();
    }

    private static String points(int points) {
        return String.valueOf(points);
    }

    private static String group(String group) {
        return group == null ? null : "group " + group;
    }

    /** {@code cap 3/day}, {@code cap 1/ever per videoId}. */
    private static String cap(Cap cap) {
        if (cap == null) {
            return null;
        }
        return "cap " + cap.times() + "/" + (cap.window() == null ? "ever" : span(cap.window()))
                + (cap.perField() == null ? "" : " per " + cap.perField());
    }

    /** {@code A 40 · B 30 · C 20 · D 10}, or {@code none}: one cell, as grades only make sense together. */
    private static String grades(FitGrades grades) {
        return grades.defined() ? grades.thresholds().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(SEP)) : "none";
    }

    /** {@code 100}, or {@code 100 · rearm below 90} when it has hysteresis. */
    private static String threshold(Threshold threshold) {
        return threshold.rearmBelow() == threshold.points() ? points(threshold.points())
                : join(points(threshold.points()), "rearm below " + threshold.rearmBelow());
    }

    /** {@code Platform · cap 150 · salesReady 80 · decay -10%/week after 30d, floor 50%}. */
    private static String group(ScoreGroup group) {
        List<String> parts = new ArrayList<>();
        parts.add(group.cap() == null ? "no cap" : "cap " + group.cap());
        group.thresholds().forEach(t -> parts.add(t.name() + " " + threshold(t)));
        parts.add(group.decay() == null ? "no decay" : "decay " + decay(group.decay()));
        return String.join(SEP, parts);
    }

    /** {@code country in [DE, FR, GB] · salesReady 80 · x1.25}: the multiplier only where it is not 1. */
    private static String market(Market market) {
        List<String> parts = new ArrayList<>();
        parts.add(condition(market.when()));
        market.thresholds().forEach(t -> parts.add(t.name() + " " + threshold(t)));
        if (market.multiplies()) {
            parts.add("x" + plain(market.multiplier()));
        }
        return String.join(SEP, parts);
    }

    /** {@code -10%/week after 30d, floor 50%}, {@code -5/day after 2w, floor 20}, or {@code none}. */
    private static String decay(DecayPolicy policy) {
        if (policy == null) {
            return "none";
        }
        String by = policy.points() != null ? "-" + policy.points() : "-" + plain(policy.percent()) + "%";
        DecayPolicy.Floor floor = policy.floor();
        String floorText = floor.points() != null ? String.valueOf(floor.points()) : floor.percentOfSalesReady() + "%";
        return by + "/" + span(policy.every()) + " after " + length(policy.after()) + ", floor " + floorText;
    }

    /**
     * {@code url glob *}{@code /pricing*}; several fields joined by {@code and}, several tests of one by a comma;
     * {@code any of (a; b)}, {@code not (a)}, and an {@code all:} inside either in parentheses.
     */
    private static String condition(Condition condition) {
        if (condition instanceof Condition.Field f) {
            return f.field() + " " + f.matchers().stream().map(ModelSettings::matcher).collect(Collectors.joining(", "));
        } else if (condition instanceof Condition.All all) {
            return all.parts().stream().map(ModelSettings::condition).collect(Collectors.joining(" and "));
        } else if (condition instanceof Condition.Any any) {
            return "any of (" + any.parts().stream().map(ModelSettings::condition).collect(Collectors.joining("; "))
                    + ")";
        }
        return "not (" + condition(((Condition.Not) condition).part()) + ")";
    }

    private static String matcher(Matcher matcher) {
        if (matcher instanceof Matcher.Equals m) {
            return "equals " + m.expected();
        } else if (matcher instanceof Matcher.OneOf m) {
            return "in [" + String.join(", ", m.options()) + "]";
        } else if (matcher instanceof Matcher.Contains m) {
            return "contains " + m.fragment();
        } else if (matcher instanceof Matcher.Glob m) {
            return "glob " + m.glob();
        } else if (matcher instanceof Matcher.Regex m) {
            return "regex " + m.pattern().pattern();
        } else if (matcher instanceof Matcher.AtLeast m) {
            return "atLeast " + plain(m.min());
        } else if (matcher instanceof Matcher.AtMost m) {
            return "atMost " + plain(m.max());
        } else if (matcher instanceof Matcher.Exists m) {
            return m.expected() ? "exists" : "absent";
        }
        throw new IllegalArgumentException("a matcher the table cannot describe: " + matcher);
    }

    /** A repeating period in the YAML's own words: hour, day, week, month, else as a {@link #length}. */
    static String span(Duration duration) {
        if (duration.equals(Duration.ofHours(1))) {
            return "hour";
        } else if (duration.equals(Duration.ofDays(1))) {
            return "day";
        } else if (duration.equals(Duration.ofDays(7))) {
            return "week";
        } else if (duration.equals(Duration.ofDays(30))) {
            return "month";
        }
        return length(duration);
    }

    static String length(Duration duration) {
        return ModelLoader.length(duration);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isEmpty()).collect(Collectors.joining(SEP));
    }
}
