package io.leadscore.revision;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.Qualification;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;
import io.leadscore.support.Json;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a backtest finds, per lead, added up: mergeable (one per job segment, then merged). Every lead's recorded
 * history is replayed under the published revision (the baseline) and under the candidate, from scratch and to the
 * same moment, so that the two columns differ only by the model. Nothing here reads or writes live data.
 *
 * <p>Figures: the end scores' histogram; leads at or above each threshold at the end (each model's own line);
 * qualifications (QUALIFIED crossings, total and groups) per ISO week within {@code [from, to)}; each rule's
 * firings (hits in the end breakdown) and points; and the qualifications that end differently, each with the rules
 * whose points differ most, the {@value #LISTED} with the largest score difference listed, all counted.
 */
public final class BacktestReport {
    /** Enough for a review meeting, and a bound on the state a segment stores in one item. */
    public static final int LISTED = 100;
    static final int RULES_PER_LEAD = 5;

    private final ScoringModel baseline;
    private final ScoringModel candidate;
    private final Rescorer baselineReplay;
    private final Rescorer candidateReplay;
    private final Instant from;
    private final Instant to;
    private final int bucketSize;
    private final List<Line> lines;

    private long leads;
    private final TreeMap<Integer, long[]> histogram = new TreeMap<>();
    private final Map<String, long[]> atOrAbove = new LinkedHashMap<>();
    private final TreeMap<String, long[]> weeks = new TreeMap<>();
    /** Per rule: baseline firings and points, candidate firings and points. */
    private final Map<String, long[]> rules = new LinkedHashMap<>();
    private final ChangedQualifications changed = new ChangedQualifications(LISTED);

    /**
     * @param from the window's start, or null: crossings from the beginning of the history
     * @param to   the window's end (exclusive), or null: crossings up to {@code now}
     */
    public BacktestReport(ScoringModel baseline, ScoringModel candidate, Instant from, Instant to, int bucketSize) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("histogram buckets must be 1 point or wider, not " + bucketSize);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        if (!baseline.id().equals(candidate.id())) {
            throw new IllegalArgumentException("a backtest compares revisions of one model, not " + baseline.tag()
                    + " and " + candidate.tag());
        }
        this.baseline = baseline;
        this.candidate = candidate;
        this.baselineReplay = new Rescorer(baseline);
        this.candidateReplay = new Rescorer(candidate);
        this.from = from;
        this.to = to;
        this.bucketSize = bucketSize;
        this.lines = Line.of(baseline, candidate);
        lines.forEach(line -> atOrAbove.put(line.key(), new long[2]));
        for (ScoringModel model : List.of(candidate, baseline)) {
            model.rules().forEach(rule -> rules.putIfAbsent(rule.id(), new long[4]));
            model.fitRules().forEach(rule -> rules.putIfAbsent(rule.id(), new long[4]));
        }
    }

    /**
     * One lead: its history and verdicts replayed under both models (crossings within [from, to) counted per ISO
     * week).
     */
    public void add(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now) {
        Rescorer.Replayed before = baselineReplay.replayed(leadId, history, verdicts, now);
        Rescorer.Replayed after = candidateReplay.replayed(leadId, history, verdicts, now);
        leads++;
        count(before, 0);
        count(after, 1);
        for (Line line : lines) {
            boolean was = qualified(before.lead(), line.key());
            boolean is = qualified(after.lead(), line.key());
            if (was != is) {
                changed.add(new ChangedLead(leadId, line.key(), was, is, line.score(before.lead()),
                        line.score(after.lead()), differences(before.lead(), after.lead(), line.group())));
            }
        }
    }

    public void merge(BacktestReport other) {
        if (!Objects.equals(baseline.tag(), other.baseline.tag()) || !Objects.equals(candidate.tag(), other.candidate.tag())
                || !Objects.equals(from, other.from) || !Objects.equals(to, other.to) || bucketSize != other.bucketSize) {
            throw new IllegalArgumentException("only parts of one backtest merge: " + describe() + " and "
                    + other.describe());
        }
        leads += other.leads;
        other.histogram.forEach((bucket, counts) -> add(histogram.computeIfAbsent(bucket, b -> new long[2]), counts));
        other.atOrAbove.forEach((key, counts) -> add(atOrAbove.computeIfAbsent(key, k -> new long[2]), counts));
        other.weeks.forEach((week, counts) -> add(weeks.computeIfAbsent(week, w -> new long[2]), counts));
        other.rules.forEach((rule, figures) -> add(rules.computeIfAbsent(rule, r -> new long[4]), figures));
        changed.merge(other.changed);
    }

    /** JSON-able summary (records): see "Backtest report" in the design. At most 100 changed leads listed (the count is exact). */
    public Summary summary() {
        List<Bucket> buckets = new ArrayList<>();
        if (!histogram.isEmpty()) {
            for (int bucket = histogram.firstKey(); bucket <= histogram.lastKey(); bucket += bucketSize) {
                long[] counts = histogram.getOrDefault(bucket, new long[2]);
                buckets.add(new Bucket(bucket, counts[0], counts[1]));
            }
        }
        List<AtOrAbove> levels = lines.stream().map(line -> {
            long[] counts = atOrAbove.get(line.key());
            return new AtOrAbove(line.threshold(), line.group(), line.points(), line.baselinePoints(),
                    line.baselinePoints() == null ? null : counts[0], line.candidatePoints() == null ? null : counts[1]);
        }).toList();
        List<WeekCrossings> perWeek = weekRange().stream().map(week -> {
            long[] counts = weeks.getOrDefault(week, new long[2]);
            return new WeekCrossings(week, counts[0], counts[1]);
        }).toList();
        List<RuleFigures> ruleFigures = new ArrayList<>();
        rules.forEach((rule, f) -> ruleFigures.add(new RuleFigures(rule, new Figures(f[0], f[1]), new Figures(f[2], f[3]))));
        return new Summary(leads, new Window(from, to), new Side(baseline.version()), new Side(candidate.version()),
                new Histogram(bucketSize, buckets), levels, perWeek, ruleFigures,
                new Changed(changed.count(), changed.listed()));
    }

    /** One section after another: summary, histogram, at-or-above, weekly crossings, rules, changed leads. */
    public String toCsv() {
        return BacktestCsv.of(summary());
    }

    /**
     * Its state as JSON-able data (and back), so that a segment can store its partial report in an item (< 300 KB):
     * the summary itself, which holds every count and the listed leads, all a merge needs.
     */
    public Map<String, Object> state() {
        return Json.mapper().convertValue(summary(), new TypeReference<Map<String, Object>>() {
        });
    }

    /**
     * A partial report from its {@link #state()}, numbers read back in any form (a DynamoDB item's are decimals),
     * for the two models it was made with; refused when the state is of other revisions.
     */
    public static BacktestReport fromState(Map<String, Object> state, ScoringModel baseline, ScoringModel candidate) {
        Summary summary = Json.mapper().convertValue(state, Summary.class);
        if (summary.baseline().revision() != baseline.version() || summary.candidate().revision() != candidate.version()) {
            throw new IllegalArgumentException("the state is of revisions " + summary.baseline().revision() + " and "
                    + summary.candidate().revision() + ", not " + baseline.tag() + " and " + candidate.tag());
        }
        BacktestReport report = new BacktestReport(baseline, candidate, summary.window().from(), summary.window().to(),
                summary.histogram().bucketSize());
        report.leads = summary.leads();
        summary.histogram().buckets().forEach(b -> report.histogram.put(b.from(), new long[]{b.baseline(), b.candidate()}));
        summary.atOrAbove().forEach(level -> report.atOrAbove.put(Line.key(level.group(), level.threshold()),
                new long[]{level.baseline() == null ? 0 : level.baseline(), level.candidate() == null ? 0 : level.candidate()}));
        summary.crossingsPerWeek().forEach(w -> report.weeks.put(w.week(), new long[]{w.baseline(), w.candidate()}));
        summary.rules().forEach(r -> report.rules.put(r.rule(), new long[]{r.baseline().firings(), r.baseline().points(),
                r.candidate().firings(), r.candidate().points()}));
        report.changed.restore(summary.changed().count(), summary.changed().leads());
        return report;
    }

    private void count(Rescorer.Replayed replayed, int side) {
        Lead lead = replayed.lead();
        histogram.computeIfAbsent(Math.floorDiv(lead.score(), bucketSize) * bucketSize, b -> new long[2])[side]++;
        for (Line line : lines) {
            Integer points = side == 0 ? line.baselinePoints() : line.candidatePoints();
            if (points != null && line.score(lead) >= points) {
                atOrAbove.get(line.key())[side]++;
            }
        }
        for (Crossing crossing : replayed.crossings()) {
            if (crossing.kind() == Crossing.Kind.QUALIFIED && inWindow(crossing.at())) {
                weeks.computeIfAbsent(week(crossing.at()), w -> new long[2])[side]++;
            }
        }
        lead.breakdown().forEach((rule, tally) -> {
            long[] figures = rules.computeIfAbsent(rule, r -> new long[4]);
            figures[2 * side] += tally.hits();
            figures[2 * side + 1] += tally.points();
        });
    }

    /** The rules whose points differ most between the two replays, within the threshold's scope (total or group). */
    private static List<RuleDifference> differences(Lead before, Lead after, String group) {
        Map<String, int[]> points = new TreeMap<>();
        List<Lead> sides = List.of(before, after);
        for (int side = 0; side < sides.size(); side++) {
            int column = side;
            sides.get(side).breakdown().forEach((rule, tally) -> {
                if (inScope(tally, group)) {
                    points.computeIfAbsent(rule, r -> new int[2])[column] = tally.points();
                }
            });
        }
        return points.entrySet().stream().filter(e -> e.getValue()[0] != e.getValue()[1])
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -Math.abs(e.getValue()[1] - e.getValue()[0]))
                        .thenComparing(Map.Entry::getKey))
                .limit(RULES_PER_LEAD)
                .map(e -> new RuleDifference(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** A group's decay counts in the group only; everything else in the total, and in its group if it has one. */
    private static boolean inScope(RuleTally tally, String group) {
        return group == null ? tally.kind() != ScoreKind.DECAY || tally.group() == null : group.equals(tally.group());
    }

    private static boolean qualified(Lead lead, String key) {
        return lead.qualifications().getOrDefault(key, Qualification.ARMED).qualified();
    }

    private boolean inWindow(Instant at) {
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** The window's weeks when it is bounded, else those from the first crossing to the last: a chart's axis. */
    private List<String> weekRange() {
        if (weeks.isEmpty() && (from == null || to == null)) {
            return List.of();
        }
        LocalDate first = from != null ? date(from) : firstDayOf(weeks.firstKey());
        LocalDate last = to != null ? date(to.minusNanos(1)) : firstDayOf(weeks.lastKey());
        List<String> range = new ArrayList<>();
        for (LocalDate day = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !day.isAfter(last);
             day = day.plusWeeks(1)) {
            range.add(week(day));
        }
        weeks.keySet().stream().filter(w -> !range.contains(w)).forEach(range::add); // from a state with other bounds
        range.sort(null);
        return range;
    }

    static String week(Instant at) {
        return week(date(at));
    }

    private static String week(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate firstDayOf(String week) {
        int year = Integer.parseInt(week.substring(0, week.indexOf('-')));
        int number = Integer.parseInt(week.substring(week.indexOf('W') + 1));
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate date(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static void add(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
    }

    private String describe() {
        return baseline.tag() + " vs " + candidate.tag() + " over [" + from + ", " + to + ") by " + bucketSize;
    }

    /**
     * One threshold of either model, as both see it: the points of each (null where a model lacks it).
     *
     * @param key the lead's qualification key: {@code salesReady}, {@code platform:salesReady}
     */
    record Line(String key, String threshold, String group, Integer baselinePoints, Integer candidatePoints) {

        /** The line the report shows: the candidate's, the baseline's where the candidate dropped it. */
        int points() {
            return candidatePoints != null ? candidatePoints : baselinePoints;
        }

        int score(Lead lead) {
            return group == null ? lead.score() : lead.groups().getOrDefault(group, 0);
        }

        static String key(String group, String threshold) {
            return group == null ? threshold : group + ":" + threshold;
        }

        /** The candidate's thresholds in its order, then those only the baseline has; the total's first. */
        static List<Line> of(ScoringModel baseline, ScoringModel candidate) {
            Map<String, Line> lines = new LinkedHashMap<>();
            for (ScoringModel model : List.of(candidate, baseline)) {
                model.thresholds().forEach(t -> put(lines, null, t, baseline, candidate));
            }
            for (ScoringModel model : List.of(candidate, baseline)) {
                for (ScoreGroup group : model.groups().values()) {
                    group.thresholds().forEach(t -> put(lines, group.id(), t, baseline, candidate));
                }
            }
            return List.copyOf(lines.values());
        }

        private static void put(Map<String, Line> lines, String group, Threshold threshold, ScoringModel baseline,
                                ScoringModel candidate) {
            lines.computeIfAbsent(key(group, threshold.name()), key -> new Line(key, threshold.name(), group,
                    points(baseline, group, threshold.name()), points(candidate, group, threshold.name())));
        }

        private static Integer points(ScoringModel model, String group, String name) {
            List<Threshold> thresholds = group == null ? model.thresholds()
                    : model.groups().containsKey(group) ? model.groups().get(group).thresholds() : List.of();
            return thresholds.stream().filter(t -> t.name().equals(name)).map(Threshold::points).findFirst()
                    .orElse(null);
        }
    }

    /** The report's JSON, as the admin API answers {@code GET /v1/jobs/{jobId}} for a finished backtest. */
    public record Summary(long leads, Window window, Side baseline, Side candidate, Histogram histogram,
                          List<AtOrAbove> atOrAbove, List<WeekCrossings> crossingsPerWeek, List<RuleFigures> rules,
                          Changed changed) {
    }

    /** The window crossings were counted in; a null end is open. */
    public record Window(Instant from, Instant to) {
    }

    public record Side(int revision) {
    }

    public record Histogram(int bucketSize, List<Bucket> buckets) {
    }

    /** Leads whose end score is in {@code [from, from + bucketSize)}. */
    public record Bucket(int from, long baseline, long candidate) {
    }

    /**
     * Leads at or above a threshold at the end, each model by its own line: {@code points} is the candidate's (the
     * baseline's if the candidate dropped it), {@code baselinePoints} the baseline's; a count is null where that
     * model has no such threshold.
     */
    public record AtOrAbove(String threshold, String group, int points, Integer baselinePoints, Long baseline,
                            Long candidate) {
    }

    /** Qualifications announced in an ISO week ({@code 2026-W40}). */
    public record WeekCrossings(String week, long baseline, long candidate) {
    }

    public record RuleFigures(String rule, Figures baseline, Figures candidate) {
    }

    /** Hits in the leads' end breakdowns, and the points they hold. */
    public record Figures(long firings, long points) {
    }

    public record Changed(long count, List<ChangedLead> leads) {
    }

    /** A lead whose qualification ends differently, and the rules that make the difference (most first). */
    public record ChangedLead(String leadId, String threshold, boolean baseline, boolean candidate, int scoreBaseline,
                              int scoreCandidate, List<RuleDifference> rules) {
    }

    public record RuleDifference(String rule, int baseline, int candidate) {
    }
}
