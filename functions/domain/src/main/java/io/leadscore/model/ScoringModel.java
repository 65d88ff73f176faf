package io.leadscore.model;

import io.leadscore.lifecycle.FeedbackType;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A published, versioned scoring model: which events exist, which profile fields, and the rules that turn
 * them into points. Immutable; {@link ModelLoader} is the only way in, so every instance is valid.
 */
public final class ScoringModel {
    public static final String SALES_READY = "salesReady";
    /** Bounds a lead's interaction counters, one per journey stage, and the calibration's counter item. */
    public static final int MAX_JOURNEY_STAGES = 10;
    /** The calibration's count of leads sits beside the stages' counts: no stage may take its name. */
    public static final String JOURNEY_LEADS = "leads";
    /** The first review of a model, after its first publish: two months of leads to judge it by. */
    public static final Duration REVIEW_FIRST = Duration.ofDays(60);
    /** Reviews after the first: once a quarter. */
    public static final Duration REVIEW_EVERY = Duration.ofDays(90);

    private final String id;
    private final int version;
    /** {@code id@version}: made once, as every scored event carries it. */
    private final String tag;
    private final Map<String, EventType> eventTypes;
    private final Map<String, FieldType> profileFields;
    private final Map<String, NumberRange> ranges;
    private final List<Threshold> thresholds;
    private final Map<String, ScoreGroup> groups;
    private final List<Rule> rules;
    private final List<FitRule> fitRules;
    private final DecayPolicy decay;
    private final Duration coldAfter;
    private final AccountPolicy accounts;
    private final Map<String, List<Rule>> rulesByEventType;
    private final Map<String, List<Rule>> patternRulesByEventType;
    private final Map<String, String> descriptions = new java.util.HashMap<>();
    private final Duration reviewFirst;
    private final Duration reviewEvery;
    private final String notes;
    private final Map<String, String> rowNotes;
    private final Map<FeedbackType, FeedbackRule> feedbackRules;
    private final FitGrades grades;
    private final List<String> journeyStages;
    private final List<Market> markets;
    /** Each market's thresholds ({@link #thresholds(Market)}), by the market's place in {@link #markets}. */
    private final List<List<Threshold>> marketThresholds;
    private final Competitors competitors;
    private final Prediction prediction;

    ScoringModel(String id, int version, Map<String, EventType> eventTypes, Map<String, FieldType> profileFields,
                 List<Threshold> thresholds, Map<String, ScoreGroup> groups, List<Rule> rules, List<FitRule> fitRules,
                 DecayPolicy decay, Duration coldAfter, AccountPolicy accounts, Duration reviewFirst,
                 Duration reviewEvery, String notes, Map<String, String> rowNotes, Map<String, NumberRange> ranges,
                 Map<FeedbackType, FeedbackRule> feedbackRules, FitGrades grades, List<String> journeyStages,
                 List<Market> markets, Competitors competitors, Prediction prediction) {
        this.competitors = competitors;
        this.prediction = prediction;
        this.grades = grades;
        this.journeyStages = List.copyOf(journeyStages);
        this.id = id;
        this.version = version;
        this.tag = id + "@" + version;
        this.eventTypes = ordered(eventTypes);
        this.profileFields = ordered(profileFields);
        this.ranges = ordered(ranges);
        this.thresholds = List.copyOf(thresholds);
        this.groups = ordered(groups);
        this.rules = List.copyOf(rules);
        this.fitRules = List.copyOf(fitRules);
        this.decay = decay;
        this.coldAfter = coldAfter;
        this.accounts = accounts;
        this.reviewFirst = reviewFirst;
        this.reviewEvery = reviewEvery;
        this.notes = notes;
        this.rowNotes = ordered(rowNotes);
        // A rule naming several event types is listed under each, in declaration order.
        this.rulesByEventType = byEventType(rules.stream().filter(rule -> rule.pattern() == null),
                rule -> rule.events().stream());
        this.patternRulesByEventType = byEventType(rules.stream().filter(rule -> rule.pattern() != null),
                rule -> Stream.concat(rule.events().stream(), rule.pattern() instanceof EventPattern.Sequence sequence
                        ? sequence.events().stream() : Stream.empty()).distinct());
        rules.forEach(rule -> descriptions.put(rule.id(), rule.description()));
        fitRules.forEach(rule -> descriptions.put(rule.id(), rule.description()));
        this.feedbackRules = Map.copyOf(feedbackRules);
        feedbackRules.values().forEach(rule -> descriptions.put(rule.id(), rule.describe()));
        this.markets = List.copyOf(markets);
        // Made once here: a lead's thresholds are read on every event.
        this.marketThresholds = this.markets.stream().map(this::replaced).toList();
    }

    private static Map<String, List<Rule>> byEventType(Stream<Rule> rules, Function<Rule, Stream<String>> types) {
        return rules.flatMap(rule -> types.apply(rule).map(type -> Map.entry(type, rule)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
                        Collectors.toList())));
    }

    /** Declaration order is kept: it is the order in which a marketer wrote them and wants to read them. */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    /** What a ledger entry records as the model that produced it, e.g. {@code default@3}. */
    public String tag() {
        return tag;
    }

    public Map<String, EventType> eventTypes() {
        return eventTypes;
    }

    public Map<String, FieldType> profileFields() {
        return profileFields;
    }

    /** The range a number profile field's values must be in, where the model says one. */
    public Optional<NumberRange> range(String field) {
        return Optional.ofNullable(ranges.get(field));
    }

    public List<Threshold> thresholds() {
        return thresholds;
    }

    public Optional<Threshold> salesReady() {
        return thresholds.stream().filter(t -> t.name().equals(SALES_READY)).findFirst();
    }

    /** The markets ({@code markets:}), in declaration order: the order in which a lead is placed in one. */
    public List<Market> markets() {
        return markets;
    }

    /** The market of a lead with this profile: the first whose conditions it passes; empty when none. */
    public Optional<Market> market(Map<String, Object> profile) {
        return markets.stream().filter(market -> market.includes(profile)).findFirst();
    }

    /** The total's thresholds for a lead of {@code market} (null: none): the model's, the market's where it says. */
    public List<Threshold> thresholds(Market market) {
        if (market == null) {
            return thresholds;
        }
        for (int i = 0; i < markets.size(); i++) {
            if (markets.get(i) == market) {
                return marketThresholds.get(i);
            }
        }
        return replaced(market);
    }

    private List<Threshold> replaced(Market market) {
        return thresholds.stream().map(market::replace).toList();
    }

    /** The sales-ready threshold for a lead of {@code market} (null: none). */
    public Optional<Threshold> salesReady(Market market) {
        return salesReady().map(threshold -> market == null ? threshold : market.replace(threshold));
    }

    /** How the total score fades; null when it does not. */
    public DecayPolicy decay() {
        return decay;
    }

    /** How long without a score increase makes a lead cold; null when leads never go cold. */
    public Duration coldAfter() {
        return coldAfter;
    }

    /** How leads add up to accounts. */
    public AccountPolicy accounts() {
        return accounts;
    }

    public Map<String, ScoreGroup> groups() {
        return groups;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The buyer-journey stages the model declares, in funnel order; its rules are tagged with them. */
    public List<String> journeyStages() {
        return journeyStages;
    }

    /** The rules an event of this type may fire on its own (no {@link EventPattern}). */
    public List<Rule> rulesFor(String eventType) {
        return rulesByEventType.getOrDefault(eventType, List.of());
    }

    /** The pattern rules an event of this type plays a part in: as one of the rule's events, or one they follow. */
    public List<Rule> patternRulesFor(String eventType) {
        return patternRulesByEventType.getOrDefault(eventType, List.of());
    }

    public List<FitRule> fitRules() {
        return fitRules;
    }

    /** How long after its first publish the model is first due for review ({@code review.first}). */
    public Duration reviewFirst() {
        return reviewFirst;
    }

    /** How often it is due for review after that ({@code review.every}). */
    public Duration reviewEvery() {
        return reviewEvery;
    }

    /** Why this version was made, in its author's words (the YAML's top-level {@code notes:}); null when none. */
    public String notes() {
        return notes;
    }

    /**
     * The sales team's comments, by the key of the revision table's row they annotate: {@code rule:<id>},
     * {@code fit:<id>}, {@code threshold:<name>}, {@code group:<id>}, {@code market:<id>}, {@code decay}, {@code cold},
     * {@code competitors}.
     */
    public Map<String, String> ruleNotes() {
        return rowNotes;
    }

    /** What a CRM verdict of this type does to the score, if the model says. */
    public Optional<FeedbackRule> feedbackRule(FeedbackType type) {
        return Optional.ofNullable(feedbackRules.get(type));
    }

    public Map<FeedbackType, FeedbackRule> feedbackRules() {
        return feedbackRules;
    }

    /** The letter grades of the fit score ({@code grades:}); {@link FitGrades#NONE} when the model has none. */
    public FitGrades grades() {
        return grades;
    }

    /** Who works at a competitor ({@code competitors:}); {@link Competitors#NONE} when the model lists none. */
    public Competitors competitors() {
        return competitors;
    }

    /** The trained weights ({@code prediction:}) this revision carries, if it carries any. */
    public Optional<Prediction> prediction() {
        return Optional.ofNullable(prediction);
    }

    /** What a rule means to a salesperson; its id when this model does not know it (any more). */
    public String describe(String ruleId) {
        return descriptions.getOrDefault(ruleId, ruleId);
    }
}
