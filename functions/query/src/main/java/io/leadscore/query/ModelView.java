package io.leadscore.query;

import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.lead.ScoreKind;
import io.leadscore.model.DecayPolicy;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * GET /v1/model: the model in force as a marketer reads it: its thresholds, product groups, every rule with its
 * points (behaviour first, then fit, in the order the model declares them), and how scores fade.
 *
 * @param version   the published revision's number
 * @param sha256    of the revision's YAML: identifies exactly what scores leads
 *
 * @param decay     how the total fades, in words; null when it does not
 * @param coldAfter how long without a score increase makes a lead cold, e.g. {@code 45d}; null when never
 * @param grades    the fit a letter grade starts at, best first (a fit under the last is F); empty: no grades
 * @param journey   the buyer-journey stages, in funnel order; empty when the model declares none
 */
record ModelView(String id, int version, String sha256, List<ThresholdLine> thresholds, List<GroupLine> groups,
                 List<RuleLine> rules, String decay, String coldAfter, Map<String, Integer> grades,
                 List<String> journey) {

    record ThresholdLine(String name, int points, int rearmBelow) {
    }

    record GroupLine(String id, String name, Integer cap, List<ThresholdLine> thresholds) {
    }

    /**
     * @param event   the event types a behaviour rule scores, comma-separated; null for fit rules, which read the profile
     * @param pattern what a count or sequence rule asks of the lead's history ({@code 3 within 7d}); null for others
     * @param journey the buyer-journey stage a behaviour rule's interactions count in; null when untagged
     */
    record RuleLine(String id, String description, ScoreKind kind, String group, int points, String event,
                    String pattern, String cap, String journey) {
    }

    static ModelView of(PublishedModel.InForce published) {
        ScoringModel model = published.model();
        List<RuleLine> rules = Stream.concat(
                model.rules().stream().map(r -> new RuleLine(r.id(), r.description(), ScoreKind.ENGAGEMENT, r.group(),
                        r.points(), String.join(", ", r.events()),
                        r.pattern() == null ? null : r.pattern().describe(), r.cap() == null ? null : r.cap().describe(), r.journey())),
                model.fitRules().stream().map(r -> new RuleLine(r.id(), r.description(), ScoreKind.FIT, r.group(),
                        r.points(), null, null, null, null))).toList();
        List<GroupLine> groups = model.groups().values().stream()
                .map(g -> new GroupLine(g.id(), g.name(), g.cap(), thresholds(g.thresholds()))).toList();
        return new ModelView(model.id(), model.version(), published.revision().sha256(), thresholds(model.thresholds()), groups,
                rules, decay(model.decay()), model.coldAfter() == null ? null : span(model.coldAfter()),
                model.grades().thresholds(), model.journeyStages());
    }

    private static List<ThresholdLine> thresholds(List<Threshold> thresholds) {
        return thresholds.stream().map(t -> new ThresholdLine(t.name(), t.points(), t.rearmBelow())).toList();
    }

    private static String decay(DecayPolicy decay) {
        if (decay == null) {
            return null;
        }
        String by = decay.points() != null ? decay.points() + " points" : decay.percent().stripTrailingZeros()
                .toPlainString() + "%";
        DecayPolicy.Floor floor = decay.floor() == null ? DecayPolicy.Floor.DEFAULT : decay.floor();
        String down = floor.points() != null ? floor.points() + " points"
                : floor.percentOfSalesReady() + "% of sales-ready";
        return "after " + span(decay.after()) + " without a score increase, " + by + " every " + period(decay.every())
                + ", never below " + down;
    }

    /** A repeating period as the model writes it: hour, day, week, month, or a span such as 3d. */
    private static String period(Duration every) {
        return Map.of(Duration.ofHours(1), "hour", Duration.ofDays(1), "day", Duration.ofDays(7), "week",
                Duration.ofDays(30), "month").getOrDefault(every, span(every));
    }

    /** A length of time as the model writes it: 45d, 12h, 2w. */
    private static String span(Duration duration) {
        long days = duration.toDays();
        if (!duration.equals(Duration.ofDays(days))) {
            return duration.toHours() + "h";
        }
        return days % 7 == 0 ? days / 7 + "w" : days + "d";
    }
}
