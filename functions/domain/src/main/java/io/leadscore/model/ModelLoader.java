package io.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadscore.engagement.TimeOnPage;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.nps.NpsAnswer;
import io.leadscore.prediction.LeadFeatures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a scoring model from YAML and refuses it, with every problem and its place, unless it is whole:
 * unknown keys, unknown event types or fields, wrong value types and broken patterns all stop the load.
 * A model is read rarely and trusted for every event after, so this is the place to be strict.
 */
public final class ModelLoader {
    public static final String DEFAULT_MODEL = "/io/leadscore/model/default-model.yaml";

    /** Plain JSON: reading a revision's JSON form loads no YAML parser (its classes cost a cold start ~100 ms). */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern JOURNEY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern GRADE = Pattern.compile("[A-EG-Z]");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})([hdw])");
    /** Room for a sales team's paragraph, not for a pasted document: notes travel in every revision item. */
    public static final int MAX_NOTES = 2_000;
    private static final String NOTES = "notes";
    private static final String ALL = "all";
    private static final String ANY = "any";
    private static final String NOT = "not";
    /** Deep enough for any smart list a marketer writes; deeper is a mistake, and would make evaluation costly. */
    public static final int MAX_CONDITION_DEPTH = 4;
    /** Where the revision's own notes wait among the rows' notes until the model is made. */
    private static final String REVISION_NOTES = "(root)";
    private static final String COMPETITORS = "competitors";
    private static final String PREDICTION = "prediction";
    private static final Map<String, Duration> PERIODS = Map.of(
            "hour", Duration.ofHours(1), "day", Duration.ofDays(1),
            "week", Duration.ofDays(7), "month", Duration.ofDays(30));

    private final List<String> problems = new ArrayList<>();
    /** The version a revision imposes (its number), or null: the YAML's own, 1 when it has none. */
    private final Integer revision;
    private final String expectedModelId;
    private final Map<String, String> notes = new LinkedHashMap<>();

    private ModelLoader(Integer revision, String expectedModelId) {
        this.revision = revision;
        this.expectedModelId = expectedModelId;
    }

    /** The model shipped with the service. */
    public static ScoringModel defaultModel() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(DEFAULT_MODEL)) {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "default-model.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model at {@code path}, or the shipped default when the path is null or blank. */
    public static ScoringModel load(String path) {
        if (path == null || path.isBlank()) {
            return defaultModel();
        }
        try {
            return parse(Files.readString(Path.of(path)), path);
        } catch (IOException e) {
            throw new ModelException(path, List.of("cannot be read: " + e));
        }
    }

    /** A model file: its version is the YAML's {@code version:}, 1 when it has none. */
    public static ScoringModel parse(String yaml, String source) {
        return parse(yaml, source, new ModelLoader(null, null));
    }

    /**
     * Revision {@code number} of model {@code modelId}: its version is the revision number whatever the YAML's
     * {@code version:} says (a revision is numbered by the store, not by its author), and its {@code model:} must
     * be {@code modelId}.
     */
    public static ScoringModel parseRevision(String yaml, String modelId, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("revisions are numbered from 1, not " + number);
        }
        return parse(yaml, modelId + " revision " + number, new ModelLoader(number, modelId));
    }

    /**
     * The YAML's document as compact JSON: stored beside a revision's YAML so that the functions read the published
     * revision ({@link #parseRevisionJson}) without a YAML parser. Only for a YAML that parses.
     */
    public static String jsonForm(String yaml) {
        try {
            JsonNode root = Yaml.MAPPER.readTree(yaml);
            return JSON.writeValueAsString(root == null ? JSON.createObjectNode() : root);
        } catch (IOException e) {
            throw new IllegalArgumentException("is not valid YAML: " + describe(e), e);
        }
    }

    /** As {@link #parseRevision}, from the revision's {@link #jsonForm}: the same document, the same checks. */
    public static ScoringModel parseRevisionJson(String json, String modelId, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("revisions are numbered from 1, not " + number);
        }
        String source = modelId + " revision " + number;
        try {
            return build(JSON.readTree(json), source, new ModelLoader(number, modelId));
        } catch (IOException e) {
            throw new ModelException(source, List.of("its JSON form is not valid JSON: " + describe(e)));
        }
    }

    /** The {@code version:} a YAML declares, if it declares one: a revision ignores it, and says so. */
    public static OptionalInt declaredVersion(String yaml) {
        try {
            JsonNode root = Yaml.MAPPER.readTree(yaml);
            return root != null && root.path("version").isIntegralNumber()
                    ? OptionalInt.of(root.get("version").asInt()) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static ScoringModel parse(String yaml, String source, ModelLoader loader) {
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(yaml);
        } catch (IOException e) {
            throw new ModelException(source, List.of("is not valid YAML: " + describe(e)));
        }
        return build(root, source, loader);
    }

    private static ScoringModel build(JsonNode root, String source, ModelLoader loader) {
        ScoringModel model = loader.model(root == null ? JSON.createObjectNode() : root);
        if (!loader.problems.isEmpty()) {
            throw new ModelException(source, loader.problems);
        }
        return model;
    }

    /** A stretch of time as the YAML writes it: 30d, 36h. */
    public static String length(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }

    static String periodName(Duration window) {
        return PERIODS.entrySet().stream().filter(e -> e.getValue().equals(window)).map(Map.Entry::getKey)
                .findFirst().orElse(length(window));
    }

    private ScoringModel model(JsonNode root) {
        if (!root.isObject()) {
            problem("(root)", "must be a mapping with model, version, eventTypes, rules...");
            return null;
        }
        allowOnly(root, "(root)", "model", "version", "description", NOTES, "eventTypes", "profileFields", "thresholds",
                "groups", "rules", "fit", "grades", "decay", "cold", "accounts", "review", "feedback", "journey", "markets",
                "competitors", PREDICTION);
        String id = id(root.get("model"), "model");
        if (expectedModelId != null && id != null && !id.equals(expectedModelId)) {
            problem("model", "is '" + id + "', but this is a revision of model '" + expectedModelId + "'");
        }
        int declared = root.hasNonNull("version") ? integer(root.get("version"), "version", 1, Integer.MAX_VALUE) : 1;
        int version = revision != null ? revision : declared;
        notes(root, "(root)", REVISION_NOTES);
        Map<String, EventType> eventTypes = eventTypes(root.get("eventTypes"));
        Map<String, NumberRange> ranges = new LinkedHashMap<>();
        Map<String, FieldType> profileFields = profileFields(root.get("profileFields"), ranges);
        List<Threshold> thresholds = new ArrayList<>();
        for (var entry : entries(root.get("thresholds"), "thresholds", false)) {
            String at = "thresholds." + entry.getKey();
            thresholds.add(threshold(entry.getKey(), entry.getValue(), at, NOTES));
            notes(entry.getValue(), at, "threshold:" + entry.getKey());
        }
        DecayPolicy decay = decay(root.get("decay"), "decay", null);
        notes(root.get("decay"), "decay", "decay");
        Duration coldAfter = cold(root.get("cold"));
        Map<String, ScoreGroup> groups = groups(root.get("groups"), decay);
        // One id space: a lead's breakdown is keyed by rule id, behaviour and fit rules alike.
        Set<String> ruleIds = new HashSet<>();
        List<String> journey = journeyStages(root.get("journey"));
        List<Rule> rules = rules(root.get("rules"), eventTypes, profileFields, groups, ruleIds, journey);
        List<FitRule> fitRules = fitRules(root.get("fit"), profileFields, groups, ruleIds);
        FitGrades grades = grades(root.get("grades"));
        AccountPolicy accounts = accounts(root.get("accounts"), profileFields);
        Duration[] review = review(root.get("review"));
        Map<FeedbackType, FeedbackRule> feedback = feedback(root.get("feedback"));
        List<Market> markets = markets(root.get("markets"), profileFields, thresholds);
        Competitors competitors = competitors(root.get("competitors"), profileFields);
        Prediction prediction = prediction(root.get(PREDICTION), LeadFeatures.names(ids(rules, Rule::id),
                ids(fitRules, FitRule::id), groups.keySet()));
        return problems.isEmpty()
                ? new ScoringModel(id, version, eventTypes, profileFields, thresholds, groups, rules, fitRules, decay,
                coldAfter, accounts, review[0], review[1], notes.remove(REVISION_NOTES), notes, ranges, feedback,
                grades, journey, markets, competitors, prediction)
                : null;
    }

    private static <T> List<String> ids(List<T> rules, Function<T, String> id) {
        return rules.stream().map(id).toList();
    }

    /**
     * {@code prediction: { label: opportunity|won, horizon: 90d, intercept: -3.2, weights: { "rule:x:hits": 0.4 } }}:
     * trained weights, each on a feature this model has ({@code features}), so that a weight left behind by a renamed
     * or removed rule is refused rather than silently counting zero. Absent: null.
     */
    private Prediction prediction(JsonNode node, List<String> features) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(PREDICTION, "must be a mapping with label, horizon, intercept and weights");
            return null;
        }
        allowOnly(node, PREDICTION, "label", "horizon", "intercept", "weights", NOTES);
        notes(node, PREDICTION, PREDICTION);
        String labelText = text(node.get("label"), PREDICTION + ".label");
        Prediction.Label label = null;
        if (labelText != null) {
            label = java.util.Arrays.stream(Prediction.Label.values())
                    .filter(value -> value.name().equalsIgnoreCase(labelText)).findFirst().orElse(null);
            if (label == null) {
                problem(PREDICTION + ".label", "must be opportunity or won, not '" + labelText + "'");
            }
        }
        Duration horizon = duration(node.get("horizon"), PREDICTION + ".horizon");
        Double intercept = finite(node.get("intercept"), PREDICTION + ".intercept");
        Set<String> known = new HashSet<>(features);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (var entry : entries(node.get("weights"), PREDICTION + ".weights", true)) {
            String at = PREDICTION + ".weights." + entry.getKey();
            if (!known.contains(entry.getKey())) {
                problem(at, "'" + entry.getKey() + "' is not a feature of this model (a rule's hits, 7d, 30d or 90d,"
                        + " a fit rule, a group, recency or account: e.g. " + features.get(0) + ")");
            }
            Double weight = finite(entry.getValue(), at);
            if (weight != null) {
                weights.put(entry.getKey(), weight);
            }
        }
        return label == null || horizon == null || intercept == null || !problems.isEmpty() ? null
                : new Prediction(label, horizon, intercept, weights);
    }

    /** A number that is neither infinite nor NaN (1.0e+999 reads as infinity). */
    private Double finite(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            problem(where, "is required");
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            problem(where, "must be a finite number, not " + (node.isNumber() ? node.asText() : node));
            return null;
        }
        return node.doubleValue();
    }

    /**
     * {@code markets: { emea: { when: { country: { in: [DE, FR] } }, thresholds: { salesReady: 80 }, multiplier: 1.25 } }}:
     * profile conditions, thresholds replacing the model's own of the same name, and a factor on behaviour points.
     */
    private List<Market> markets(JsonNode node, Map<String, FieldType> profileFields, List<Threshold> modelThresholds) {
        List<Market> markets = new ArrayList<>();
        var entries = entries(node, "markets", false);
        if (entries.size() > Market.MAX_MARKETS) {
            problem("markets", "declares " + entries.size() + " markets; at most " + Market.MAX_MARKETS
                    + " (every lead is placed in one on every change)");
        }
        Set<String> declared = new java.util.TreeSet<>(modelThresholds.stream().map(Threshold::name).toList());
        for (var entry : entries) {
            String where = "markets." + entry.getKey();
            id(textNode(entry.getKey()), where);
            JsonNode spec = entry.getValue();
            if (spec == null || !spec.isObject()) {
                problem(where, "must be a mapping such as { when: { country: { in: [DE, FR] } }, thresholds:"
                        + " { salesReady: 80 }, multiplier: 1.25 }");
                continue;
            }
            allowOnly(spec, where, "when", "thresholds", "multiplier", NOTES);
            notes(spec, where, "market:" + entry.getKey());
            if (!spec.hasNonNull("when") || spec.get("when").isObject() && spec.get("when").isEmpty()) {
                problem(where + ".when", "is required and must not be empty: profile conditions say who is in the"
                        + " market");
            }
            Condition when = condition(spec.get("when"), where + ".when", profileFields);
            List<Threshold> thresholds = new ArrayList<>();
            for (var threshold : entries(spec.get("thresholds"), where + ".thresholds", false)) {
                String at = where + ".thresholds." + threshold.getKey();
                if (!declared.contains(threshold.getKey())) {
                    problem(at, "the model declares no threshold '" + threshold.getKey() + "' at the top (declared: "
                            + (declared.isEmpty() ? "none" : String.join(", ", declared))
                            + "): a market replaces the model's thresholds, it adds none");
                }
                thresholds.add(threshold(threshold.getKey(), threshold.getValue(), at));
            }
            markets.add(new Market(entry.getKey(), when, thresholds, multiplier(spec.get("multiplier"),
                    where + ".multiplier")));
        }
        return markets;
    }

    /** A market's {@code multiplier: 1.25}, from 0.1 to 10; absent: 1. */
    private BigDecimal multiplier(JsonNode node, String where) {
        if (node == null) {
            return BigDecimal.ONE;
        }
        if (!node.isNumber() || node.decimalValue().compareTo(Market.MIN_MULTIPLIER) < 0
                || node.decimalValue().compareTo(Market.MAX_MULTIPLIER) > 0) {
            problem(where, "must be a number from " + Market.MIN_MULTIPLIER + " to " + Market.MAX_MULTIPLIER
                    + ", not " + node);
            return BigDecimal.ONE;
        }
        return node.decimalValue();
    }

    /** {@code competitors: { when: <profile condition>, notes: ... }}; absent: nobody is a competitor. */
    private Competitors competitors(JsonNode node, Map<String, FieldType> profileFields) {
        if (node == null || node.isNull()) {
            return Competitors.NONE;
        }
        if (!node.isObject()) {
            problem(COMPETITORS, "must be a mapping with when (a profile condition) and notes");
            return Competitors.NONE;
        }
        allowOnly(node, COMPETITORS, "when", NOTES);
        notes(node, COMPETITORS, COMPETITORS);
        // An empty condition would hold for everyone: every lead a competitor.
        return new Competitors(nonEmpty(node.get("when"), COMPETITORS + ".when", profileFields, 0));
    }

    /** {@code grades: {A: 40, B: 30, C: 20, D: 10}}: capital letters, thresholds in strictly descending order. */
    private FitGrades grades(JsonNode node) {
        Map<String, Integer> thresholds = new LinkedHashMap<>();
        Integer previous = null;
        for (var entry : entries(node, "grades", false)) {
            String at = "grades." + entry.getKey();
            if (!GRADE.matcher(entry.getKey()).matches()) {
                problem(at, "a grade is one capital letter other than " + FitGrades.BELOW + " (" + FitGrades.BELOW
                        + " is every fit below the lowest grade)");
            }
            int points = integer(entry.getValue(), at, 0, 1_000_000);
            if (previous != null && points >= previous) {
                problem(at, "must be below the grade before it (" + previous + "): grades go from best to worst");
            }
            previous = points;
            thresholds.put(entry.getKey(), points);
        }
        return thresholds.isEmpty() ? FitGrades.NONE : new FitGrades(thresholds);
    }

    /** {@code feedback: { lost: -30, recycled: reset-engagement }}: what CRM verdicts do to the score. */
    private Map<FeedbackType, FeedbackRule> feedback(JsonNode node) {
        Map<FeedbackType, FeedbackRule> rules = new LinkedHashMap<>();
        for (var entry : entries(node, "feedback", false)) {
            String at = "feedback." + entry.getKey();
            FeedbackType type = FeedbackType.named(entry.getKey()).orElse(null);
            if (type == null) {
                problem(at, "is not a feedback type (types: " + FeedbackType.labels() + ")");
            } else if (entry.getValue() != null && entry.getValue().isTextual()) {
                if (!entry.getValue().asText().equals(FeedbackRule.RESET_ENGAGEMENT)) {
                    problem(at, "must be points or " + FeedbackRule.RESET_ENGAGEMENT + ", not '"
                            + entry.getValue().asText() + "'");
                }
                rules.put(type, new FeedbackRule(type, 0, true));
            } else {
                rules.put(type, new FeedbackRule(type, integer(entry.getValue(), at, -1000, 1000), false));
            }
        }
        return rules;
    }

    /**
     * {@code accounts: { aggregate: sum|max|top, top: 3, engagedAt: 20, freeMailDomains: [...], roles: {...},
     * thresholds: { salesReady: { points: 200, roles: 2 } } }}; absent, leads still form accounts, summed.
     */
    private AccountPolicy accounts(JsonNode node, Map<String, FieldType> profileFields) {
        String where = "accounts";
        if (node == null || node.isNull()) {
            return new AccountPolicy(AccountPolicy.Aggregate.SUM, 1, 1, AccountPolicy.DEFAULT_FREE_MAIL_DOMAINS,
                    Map.of(), List.of());
        }
        if (!node.isObject()) {
            problem(where, "must be a mapping such as { aggregate: sum, thresholds: { salesReady: 200 } }");
            return null;
        }
        allowOnly(node, where, "aggregate", "top", "engagedAt", "freeMailDomains", "roles", "thresholds");
        AccountPolicy.Aggregate aggregate = AccountPolicy.Aggregate.SUM;
        if (node.has("aggregate")) {
            String name = text(node.get("aggregate"), where + ".aggregate");
            try {
                aggregate = AccountPolicy.Aggregate.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(where + ".aggregate", "must be sum, max or top, not '" + name + "'");
            }
        }
        int top = node.has("top") ? integer(node.get("top"), where + ".top", 1, 100) : 3;
        if (node.has("top") && aggregate != AccountPolicy.Aggregate.TOP) {
            problem(where + ".top", "applies only to aggregate: top");
        }
        int engagedAt = node.has("engagedAt") ? integer(node.get("engagedAt"), where + ".engagedAt", 1, 1_000_000) : 1;
        Set<String> freeMail = node.has("freeMailDomains")
                ? new HashSet<>(strings(node.get("freeMailDomains"), where + ".freeMailDomains"))
                : AccountPolicy.DEFAULT_FREE_MAIL_DOMAINS;
        Map<String, Condition> roles = new LinkedHashMap<>();
        for (var role : entries(node.get("roles"), where + ".roles", false)) {
            String at = where + ".roles." + role.getKey();
            if (role.getValue() == null || !role.getValue().isObject() || role.getValue().isEmpty()) {
                problem(at, "must be a mapping of profile fields to conditions, e.g. { jobTitle: { regex: ... } }");
                continue;
            }
            roles.put(role.getKey(), condition(role.getValue(), at, profileFields));
        }
        List<AccountPolicy.AccountThreshold> thresholds = new ArrayList<>();
        for (var entry : entries(node.get("thresholds"), where + ".thresholds", false)) {
            String at = where + ".thresholds." + entry.getKey();
            JsonNode spec = entry.getValue();
            boolean mapping = spec != null && spec.isObject();
            int needRoles = mapping && spec.has("roles")
                    ? integer(spec.get("roles"), at + ".roles", 0, roles.size()) : 0;
            int needEngaged = mapping && spec.has("engagedMembers")
                    ? integer(spec.get("engagedMembers"), at + ".engagedMembers", 0, 10_000) : 0;
            thresholds.add(new AccountPolicy.AccountThreshold(
                    threshold(entry.getKey(), spec, at, "roles", "engagedMembers"), needRoles, needEngaged));
        }
        return new AccountPolicy(aggregate, top, engagedAt, freeMail, roles, thresholds);
    }

    private Map<String, EventType> eventTypes(JsonNode node) {
        Map<String, EventType> types = new LinkedHashMap<>();
        for (var entry : entries(node, "eventTypes", true)) {
            String where = "eventTypes." + entry.getKey();
            id(textNode(entry.getKey()), where);
            JsonNode spec = entry.getValue();
            List<String> requires = List.of();
            if (spec != null && !spec.isNull()) {
                if (!spec.isObject()) {
                    problem(where, "must be a mapping such as { requires: [url] }");
                    continue;
                }
                allowOnly(spec, where, "requires");
                requires = strings(spec.get("requires"), where + ".requires");
                for (String property : requires) {
                    if (!ActivityFields.KNOWN.containsKey(property)) {
                        problem(where + ".requires", "unknown event property '" + property + "' (known: "
                                + sorted(ActivityFields.KNOWN.keySet()) + ")");
                    }
                }
            }
            types.put(entry.getKey(), new EventType(entry.getKey(), requires));
        }
        return types;
    }

    /**
     * {@code jobTitle: string}, {@code email: email}, or {@code companySize: { type: number, min: 0, max: 1000000 }}:
     * a number field may say the range a value must be in.
     */
    private Map<String, FieldType> profileFields(JsonNode node, Map<String, NumberRange> ranges) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (var entry : entries(node, "profileFields", false)) {
            String where = "profileFields." + entry.getKey();
            if (ActivityFields.KNOWN.containsKey(entry.getKey())) {
                problem(where, "clashes with the event property of the same name");
            }
            JsonNode spec = entry.getValue();
            if (spec.isObject()) {
                allowOnly(spec, where, "type", "min", "max");
                if (!"number".equals(spec.path("type").asText())) {
                    problem(where + ".type", "must be number: only a number field takes a min and a max");
                    continue;
                }
                BigDecimal min = spec.has("min") ? spec.get("min").decimalValue() : null;
                BigDecimal max = spec.has("max") ? spec.get("max").decimalValue() : null;
                if (spec.has("min") && !spec.get("min").isNumber() || spec.has("max") && !spec.get("max").isNumber()) {
                    problem(where, "min and max must be numbers");
                } else if (min != null && max != null && min.compareTo(max) > 0) {
                    problem(where, "min " + min.toPlainString() + " is above max " + max.toPlainString());
                } else {
                    fields.put(entry.getKey(), FieldType.NUMBER);
                    ranges.put(entry.getKey(), new NumberRange(min, max));
                }
                continue;
            }
            try {
                fields.put(entry.getKey(), FieldType.parse(spec.asText()));
            } catch (IllegalArgumentException e) {
                problem(where, e.getMessage());
            }
        }
        return fields;
    }

    /** {@code salesReady: 100}, or {@code hot: { points: 150, rearmBelow: 120 }} for hysteresis. */
    private List<Threshold> thresholds(JsonNode node, String where) {
        List<Threshold> thresholds = new ArrayList<>();
        for (var entry : entries(node, where, false)) {
            thresholds.add(threshold(entry.getKey(), entry.getValue(), where + "." + entry.getKey()));
        }
        return thresholds;
    }

    /** One threshold; {@code more} names further keys its mapping may hold, which the caller reads. */
    private Threshold threshold(String name, JsonNode spec, String at, String... more) {
        if (spec != null && spec.isObject()) {
            List<String> keys = new ArrayList<>(List.of("points", "rearmBelow"));
            keys.addAll(List.of(more));
            allowOnly(spec, at, keys.toArray(String[]::new));
            int points = integer(spec.get("points"), at + ".points", 1, 1_000_000);
            int rearmBelow = spec.has("rearmBelow")
                    ? integer(spec.get("rearmBelow"), at + ".rearmBelow", 1, Math.max(1, points)) : points;
            return new Threshold(name, points, rearmBelow);
        }
        return new Threshold(name, integer(spec, at, 1, 1_000_000));
    }

    private Map<String, ScoreGroup> groups(JsonNode node, DecayPolicy modelDecay) {
        Map<String, ScoreGroup> groups = new LinkedHashMap<>();
        for (var entry : entries(node, "groups", false)) {
            String where = "groups." + entry.getKey();
            id(textNode(entry.getKey()), where);
            JsonNode spec = entry.getValue();
            if (spec == null || !spec.isObject()) {
                problem(where, "must be a mapping such as { name: Platform, cap: 150 }");
                continue;
            }
            allowOnly(spec, where, "name", "cap", "thresholds", "decay", NOTES);
            notes(spec, where, "group:" + entry.getKey());
            String name = spec.hasNonNull("name") ? spec.get("name").asText() : entry.getKey();
            Integer cap = spec.hasNonNull("cap") ? integer(spec.get("cap"), where + ".cap", 1, 1_000_000) : null;
            groups.put(entry.getKey(), new ScoreGroup(entry.getKey(), name, cap,
                    thresholds(spec.get("thresholds"), where + ".thresholds"),
                    decay(spec.get("decay"), where + ".decay", modelDecay)));
        }
        return groups;
    }

    /**
     * {@code { after: 30d, every: week, by: 10%, floor: 50% }}; {@code by} and {@code floor} take a percentage
     * or whole points. Absent: {@code inherited} (a group inherits the model's policy); {@code none}: no decay.
     */
    private DecayPolicy decay(JsonNode node, String where, DecayPolicy inherited) {
        if (node == null || node.isNull()) {
            return inherited;
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return null;
        }
        if (!node.isObject()) {
            problem(where, "must be none or a mapping such as { after: 30d, every: week, by: 10% }");
            return null;
        }
        if (where.equals("decay")) { // a group's decay is a cell of the group's row, which has its own notes
            allowOnly(node, where, "after", "every", "by", "floor", NOTES);
        } else {
            allowOnly(node, where, "after", "every", "by", "floor");
        }
        Duration after = node.has("after") ? duration(node.get("after"), where + ".after") : Duration.ofDays(30);
        Duration every = duration(node.get("every"), where + ".every");
        JsonNode by = node.get("by");
        BigDecimal percent = percent(by, where + ".by", false);
        Integer points = percent == null ? integer(by, where + ".by", 1, 1_000_000) : null;
        DecayPolicy.Floor floor = DecayPolicy.Floor.DEFAULT;
        JsonNode floorNode = node.get("floor");
        if (floorNode != null && !floorNode.isNull()) {
            BigDecimal floorPercent = percent(floorNode, where + ".floor", true);
            floor = floorPercent != null ? new DecayPolicy.Floor(floorPercent.intValue(), null)
                    : new DecayPolicy.Floor(null, integer(floorNode, where + ".floor", 0, 1_000_000));
        }
        return new DecayPolicy(after, every, percent, points, floor);
    }

    /** {@code { after: 45d }}, or {@code none}; absent: 45 days. */
    private Duration cold(JsonNode node) {
        if (node == null || node.isNull()) {
            return Duration.ofDays(45);
        }
        if (node.isTextual() && node.asText().equals("none")) {
            return null;
        }
        if (!node.isObject()) {
            problem("cold", "must be none or a mapping such as { after: 45d }");
            return null;
        }
        allowOnly(node, "cold", "after", NOTES);
        notes(node, "cold", "cold");
        return duration(node.get("after"), "cold.after");
    }

    /**
     * {@code { first: 60d, every: 90d }}: when the model is due for review, after its first publish and then again;
     * either may be left out (the defaults are the practice every lead-scoring guide describes).
     */
    private Duration[] review(JsonNode node) {
        Duration[] review = {ScoringModel.REVIEW_FIRST, ScoringModel.REVIEW_EVERY};
        if (node == null || node.isNull()) {
            return review;
        }
        if (!node.isObject()) {
            problem("review", "must be a mapping such as { first: 60d, every: 90d }");
            return review;
        }
        allowOnly(node, "review", "first", "every");
        if (node.has("first")) {
            review[0] = duration(node.get("first"), "review.first");
        }
        if (node.has("every")) {
            review[1] = duration(node.get("every"), "review.every");
        }
        return review;
    }

    /** {@code 12h}, {@code 30d}, {@code 2w}, or the named periods hour, day, week, month. */
    private Duration duration(JsonNode node, String where) {
        String text = text(node, where);
        if (text == null) {
            return null;
        }
        if (PERIODS.containsKey(text)) {
            return PERIODS.get(text);
        }
        var match = DURATION.matcher(text);
        if (!match.matches() || Long.parseLong(match.group(1)) == 0) {
            problem(where, "must be like 12h, 30d or 2w (or hour, day, week, month), not '" + text + "'");
            return null;
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    /** A percentage written {@code 10%} (up to 100, and above 0 unless zero is allowed), or null if not one. */
    private BigDecimal percent(JsonNode node, String where, boolean zeroAllowed) {
        if (node == null || !node.isTextual() || !node.asText().endsWith("%")) {
            return null;
        }
        try {
            BigDecimal percent = new BigDecimal(node.asText().substring(0, node.asText().length() - 1).trim());
            if (percent.signum() >= (zeroAllowed ? 0 : 1) && percent.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return percent;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problem(where, "must be a percentage up to 100%, or whole points, not '" + node.asText() + "'");
        return BigDecimal.ONE;
    }

    private List<Rule> rules(JsonNode node, Map<String, EventType> eventTypes, Map<String, FieldType> profileFields,
                             Map<String, ScoreGroup> groups, Set<String> ids, List<String> journey) {
        List<Rule> rules = new ArrayList<>();
        Map<String, FieldType> fields = new LinkedHashMap<>(ActivityFields.KNOWN);
        profileFields.forEach((name, type) -> fields.put(ActivityFields.PROFILE_PREFIX + name, type));
        List<JsonNode> items = list(node, "rules");
        for (int i = 0; i < items.size(); i++) {
            String where = "rules[" + i + "]";
            JsonNode spec = items.get(i);
            if (!spec.isObject()) {
                problem(where, "must be a mapping with id, event, points");
                continue;
            }
            allowOnly(spec, where, "id", "description", NOTES, "event", "when", "points", "group", "cap", "journey",
                    "count", "after", "expires");
            String id = uniqueId(spec.get("id"), where + ".id", ids);
            notes(spec, where, "rule:" + id);
            List<String> events = events(spec.get("event"), where + ".event", eventTypes);
            Condition when = condition(spec.get("when"), where + ".when", fields);
            if (events.contains(NpsAnswer.EVENT_TYPE)) {
                bounds(when, where + ".when", NpsAnswer.SCORE_PROPERTY, "an NPS answer", NpsAnswer::problem);
            }
            bounds(when, where + ".when", TimeOnPage.SECONDS_PROPERTY, "engaged seconds", TimeOnPage::problem);
            EventPattern pattern = pattern(spec, where, eventTypes, fields);
            Cap cap = cap(spec.get("cap"), where + ".cap");
            if (pattern != null && cap == null) {
                cap = new Cap(1, pattern.within(), null); // a pattern that holds on and on is one signal, not many
            } else if (pattern != null && cap.perField() != null) {
                problem(where + ".cap.for", "a count or sequence rule's cap counts its firings, not values of a field");
            }
            rules.add(new Rule(id, description(spec, id), events, when, points(spec, where),
                    group(spec, where, groups), cap, pattern,
                    journey(spec, where, journey),
                    spec.has("expires") ? duration(spec.get("expires"), where + ".expires") : null));
        }
        return rules;
    }

    /**
     * {@code count: {atLeast: 3, within: 7d}} or {@code after: {event: form_submit, when: {...}, within: 14d}}: what
     * the rule asks of the lead's history (at most one of them); null when neither.
     */
    private EventPattern pattern(JsonNode spec, String where, Map<String, EventType> eventTypes,
                            Map<String, FieldType> fields) {
        JsonNode count = spec.get("count");
        JsonNode after = spec.get("after");
        if (count != null && after != null) {
            problem(where, "takes count or after, not both: write two rules");
            return null;
        }
        if (count != null) {
            String at = where + ".count";
            if (!count.isObject()) {
                problem(at, "must be a mapping such as { atLeast: 3, within: 7d }");
                return null;
            }
            allowOnly(count, at, "atLeast", "within");
            return new EventPattern.Count(integer(count.get("atLeast"), at + ".atLeast", 2, EventPattern.MAX_COUNT),
                    within(count.get("within"), at + ".within"));
        }
        if (after != null) {
            String at = where + ".after";
            if (!after.isObject()) {
                problem(at, "must be a mapping such as { event: form_submit, when: { formId: case-study }, within: 14d }");
                return null;
            }
            allowOnly(after, at, "event", "when", "within");
            return new EventPattern.Sequence(events(after.get("event"), at + ".event", eventTypes),
                    condition(after.get("when"), at + ".when", fields), within(after.get("within"), at + ".within"));
        }
        return null;
    }

    /** A pattern's window: a length up to {@link EventPattern#MAX_WITHIN}, as the lead must remember its events that long. */
    private Duration within(JsonNode node, String where) {
        Duration within = duration(node, where);
        if (within != null && within.compareTo(EventPattern.MAX_WITHIN) > 0) {
            problem(where, "must be at most " + length(EventPattern.MAX_WITHIN) + ", not " + node.asText());
        }
        return within;
    }

    /**
     * A bound on a property with a scale of its own (an NPS answer from 0 to 10, engaged seconds up to a day) that lies
     * off that scale is a mistake (60 meant as 6; minutes written for seconds): the rule could never match.
     */
    private void bounds(Condition when, String where, String property, String what,
                        Function<BigDecimal, String> problem) {
        for (Condition.Field condition : when.fields().toList()) {
            if (!condition.field().equals(property)) {
                continue;
            }
            for (Matcher matcher : condition.matchers()) {
                String test = matcher instanceof Matcher.AtLeast ? "atLeast" : "atMost";
                BigDecimal bound = matcher instanceof Matcher.AtLeast atLeast ? atLeast.min()
                        : matcher instanceof Matcher.AtMost atMost ? atMost.max() : null;
                if (bound != null && problem.apply(bound) != null) {
                    problem(where + "." + condition.field() + "." + test, "bounds " + what + ": "
                            + problem.apply(bound));
                }
            }
        }
    }

    /**
     * {@code journey: [awareness, consideration, decision]}: the buyer-journey stages in funnel order, identifiers,
     * none named {@value ScoringModel#JOURNEY_LEADS} (the calibration counts leads under that name beside the stages),
     * at most {@value ScoringModel#MAX_JOURNEY_STAGES}: each lead keeps a counter per stage, so they must stay few.
     */
    private List<String> journeyStages(JsonNode node) {
        List<String> stages = new ArrayList<>();
        List<String> declared = strings(node, "journey");
        for (int i = 0; i < declared.size(); i++) {
            String at = "journey[" + i + "]";
            String stage = declared.get(i);
            if (!JOURNEY.matcher(stage).matches()) {
                problem(at, "'" + stage + "' must be a lower-case identifier such as awareness or decision"
                        + " (a letter, then letters, digits or '-', at most 32)");
            } else if (stage.equals(ScoringModel.JOURNEY_LEADS)) {
                problem(at, "'" + stage + "' is reserved: the calibration report counts leads under that name");
            } else if (stages.contains(stage)) {
                problem(at, "duplicate stage '" + stage + "'");
            } else {
                stages.add(stage);
            }
        }
        if (declared.size() > ScoringModel.MAX_JOURNEY_STAGES) {
            problem("journey", "declares " + declared.size() + " stages; at most " + ScoringModel.MAX_JOURNEY_STAGES
                    + " (each lead counts its interactions per stage)");
        }
        return stages;
    }

    /** A rule's {@code journey: decision}: one of the stages the model declares. */
    private String journey(JsonNode spec, String where, List<String> stages) {
        if (!spec.has("journey")) {
            return null;
        }
        String stage = text(spec.get("journey"), where + ".journey");
        if (stage != null && !stages.contains(stage)) {
            problem(where + ".journey", "unknown journey stage '" + stage + "' (declared under journey: "
                    + (stages.isEmpty() ? "none" : String.join(", ", stages)) + ")");
        }
        return stage;
    }

    private List<FitRule> fitRules(JsonNode node, Map<String, FieldType> profileFields, Map<String, ScoreGroup> groups,
                                   Set<String> ids) {
        List<FitRule> rules = new ArrayList<>();
        List<JsonNode> items = list(node, "fit");
        for (int i = 0; i < items.size(); i++) {
            String where = "fit[" + i + "]";
            JsonNode spec = items.get(i);
            if (!spec.isObject()) {
                problem(where, "must be a mapping with id, when, points");
                continue;
            }
            if (spec.has("expires")) {
                problem(where + ".expires", "a fit rule's points do not expire: fit holds while the profile holds"
                        + " (expires belongs on a behaviour rule, under rules)");
            }
            allowOnly(spec, where, "id", "description", NOTES, "when", "points", "group", "expires");
            String id = uniqueId(spec.get("id"), where + ".id", ids);
            notes(spec, where, "fit:" + id);
            if (!spec.hasNonNull("when")) {
                problem(where + ".when", "is required: a fit rule scores profile fields");
            }
            rules.add(new FitRule(id, description(spec, id), condition(spec.get("when"), where + ".when", profileFields),
                    points(spec, where), group(spec, where, groups)));
        }
        return rules;
    }

    /**
     * A {@code when:} mapping: field tests side by side must all hold, and beside them {@code all: [...]} and
     * {@code any: [...]} (lists of such mappings) and {@code not: {...}} (one), nested as deep as
     * {@value #MAX_CONDITION_DEPTH}. Absent: always holds.
     */
    private Condition condition(JsonNode node, String where, Map<String, FieldType> fields) {
        return condition(node, where, fields, 1);
    }

    private Condition condition(JsonNode node, String where, Map<String, FieldType> fields, int depth) {
        if (depth > MAX_CONDITION_DEPTH) {
            problem(where, "nests all/any/not deeper than " + MAX_CONDITION_DEPTH + " levels: say it more simply");
            return Condition.ALWAYS;
        }
        List<Condition> parts = new ArrayList<>();
        for (var entry : entries(node, where, false)) {
            String key = entry.getKey();
            String at = where + "." + key;
            switch (key) {
                case ALL, ANY -> {
                    List<JsonNode> items = list(entry.getValue(), at);
                    if (items.isEmpty() && entry.getValue() != null && entry.getValue().isArray()) {
                        problem(at, "must list at least one condition");
                    }
                    List<Condition> listed = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        listed.add(nonEmpty(items.get(i), at + "[" + i + "]", fields, depth));
                    }
                    parts.add(key.equals(ALL) ? new Condition.All(listed) : new Condition.Any(listed));
                }
                case NOT -> parts.add(new Condition.Not(nonEmpty(entry.getValue(), at, fields, depth)));
                default -> {
                    FieldType type = fields.get(key);
                    if (type == null) {
                        problem(at, "unknown field '" + key + "' (known: " + sorted(fields.keySet())
                                + "; or all, any, not)");
                        continue;
                    }
                    parts.add(new Condition.Field(key, matchers(entry.getValue(), at, type)));
                }
            }
        }
        return Condition.allOf(parts);
    }

    /** A condition inside all/any/not: a mapping with at least one test (an empty one would always hold). */
    private Condition nonEmpty(JsonNode node, String where, Map<String, FieldType> fields, int depth) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            problem(where, "must be a mapping of at least one field test, all, any or not");
            return Condition.ALWAYS;
        }
        return condition(node, where, fields, depth + 1);
    }

    /** {@code event: page_view} or {@code event: [email_click, click]}: event types the model declares, each once. */
    private List<String> events(JsonNode node, String where, Map<String, EventType> eventTypes) {
        List<String> events = node != null && node.isArray() ? strings(node, where)
                : java.util.Optional.ofNullable(text(node, where)).map(List::of).orElse(List.of());
        if (node != null && node.isArray() && events.isEmpty()) {
            problem(where, "must name at least one event type");
        }
        for (String event : events) {
            if (!eventTypes.containsKey(event)) {
                problem(where, "unknown event type '" + event + "' (known: " + sorted(eventTypes.keySet()) + ")");
            }
        }
        if (new HashSet<>(events).size() < events.size()) {
            problem(where, "names an event type twice");
        }
        return events;
    }

    private List<Matcher> matchers(JsonNode node, String where, FieldType type) {
        if (node == null || node.isValueNode()) {
            // Shorthand: `formId: demo-request` means equals.
            return node == null || node.isNull() ? List.of(new Matcher.Exists(true))
                    : List.of(new Matcher.Equals(node.asText()));
        }
        if (!node.isObject()) {
            problem(where, "must be a value or a mapping of tests (equals, in, glob, regex, contains, atLeast,"
                    + " atMost, exists)");
            return List.of();
        }
        List<Matcher> matchers = new ArrayList<>();
        for (var entry : entries(node, where, true)) {
            String at = where + "." + entry.getKey();
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "equals" -> matchers.add(new Matcher.Equals(scalar(value, at)));
                case "in" -> matchers.add(new Matcher.OneOf(strings(value, at)));
                case "contains" -> matchers.add(new Matcher.Contains(text(value, at)));
                case "glob" -> matchers.add(new Matcher.Glob(text(value, at)));
                case "regex" -> regex(value, at, matchers);
                case "atLeast", "atMost" -> {
                    if (type != FieldType.NUMBER) {
                        problem(at, "compares numbers, but the field is a " + type);
                    } else if (!value.isNumber()) {
                        problem(at, "must be a number");
                    } else {
                        BigDecimal bound = value.decimalValue();
                        matchers.add(entry.getKey().equals("atLeast") ? new Matcher.AtLeast(bound)
                                : new Matcher.AtMost(bound));
                    }
                }
                case "exists" -> {
                    if (!value.isBoolean()) {
                        problem(at, "must be true or false");
                    } else {
                        matchers.add(new Matcher.Exists(value.booleanValue()));
                    }
                }
                default -> problem(at, "unknown test '" + entry.getKey()
                        + "' (known: equals, in, contains, glob, regex, atLeast, atMost, exists)");
            }
        }
        return matchers;
    }

    private void regex(JsonNode value, String at, List<Matcher> matchers) {
        String text = text(value, at);
        if (text == null) {
            return;
        }
        try {
            matchers.add(new Matcher.Regex(Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        } catch (PatternSyntaxException e) {
            problem(at, "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private Cap cap(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problem(where, "must be a mapping such as { times: 3, per: day }");
            return null;
        }
        allowOnly(node, where, "times", "per", "for");
        int times = integer(node.get("times"), where + ".times", 1, 10_000);
        String per = text(node.get("per"), where + ".per");
        Duration window = null;
        if (per != null && !per.equals("ever")) {
            window = PERIODS.containsKey(per) || DURATION.matcher(per).matches() ? duration(node.get("per"), where + ".per")
                    : null;
            if (window == null) {
                problem(where + ".per", "must be one of hour, day, week, month, ever, or a length such as 30d; not '"
                        + per + "'");
            }
        }
        String field = node.hasNonNull("for") ? node.get("for").asText() : null;
        if (field != null && !ActivityFields.KNOWN.containsKey(field)) {
            problem(where + ".for", "unknown event property '" + field + "' (known: "
                    + sorted(ActivityFields.KNOWN.keySet()) + ")");
        }
        return new Cap(times, window, field);
    }

    private String group(JsonNode spec, String where, Map<String, ScoreGroup> groups) {
        if (!spec.hasNonNull("group")) {
            return null;
        }
        String group = spec.get("group").asText();
        if (!groups.containsKey(group)) {
            problem(where + ".group", "unknown group '" + group + "' (declared: " + sorted(groups.keySet()) + ")");
        }
        return group;
    }

    private int points(JsonNode spec, String where) {
        int points = integer(spec.get("points"), where + ".points", -1000, 1000);
        if (points == 0 && spec.has("points")) {
            problem(where + ".points", "must not be 0: a rule that scores nothing is a mistake");
        }
        return points;
    }

    private static String description(JsonNode spec, String id) {
        return spec.hasNonNull("description") ? spec.get("description").asText() : id;
    }

    private String uniqueId(JsonNode node, String where, Set<String> seen) {
        String id = id(node, where);
        if (id != null && !seen.add(id)) {
            problem(where, "duplicate id '" + id + "'");
        }
        return id;
    }

    private String id(JsonNode node, String where) {
        String id = text(node, where);
        if (id != null && !ID.matcher(id).matches()) {
            problem(where, "'" + id + "' must be lower-case letters, digits, '-', '_' or '.' (at most 64)");
        }
        return id;
    }

    private String text(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            problem(where, "is required");
            return null;
        }
        if (!node.isTextual()) {
            problem(where, "must be text");
            return null;
        }
        return node.asText();
    }

    private String scalar(JsonNode node, String where) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            problem(where, "must be a single value");
            return null;
        }
        return node.asText();
    }

    private int integer(JsonNode node, String where, int min, int max) {
        if (node == null || node.isNull()) {
            problem(where, "is required");
            return 0;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problem(where, "must be a whole number from " + min + " to " + max + ", not " + node);
            return 0;
        }
        return node.asInt();
    }

    private List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : list(node, where)) {
            if (!item.isValueNode()) {
                problem(where, "must hold only single values");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private List<JsonNode> list(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(where, "must be a list");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private List<Map.Entry<String, JsonNode>> entries(JsonNode node, String where, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                problem(where, "is required");
            }
            return List.of();
        }
        if (!node.isObject()) {
            problem(where, "must be a mapping");
            return List.of();
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        if (required && entries.isEmpty()) {
            problem(where, "must not be empty");
        }
        return entries;
    }

    private void allowOnly(JsonNode node, String where, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(where.equals("(root)") ? name : where + "." + name, name.equals(NOTES)
                        ? "notes belong at the top, or on a rule, fit rule, threshold, group, market, decay,"
                        + " cold or competitors (one note per row of the revision table)"
                        : "unknown key '" + name + "' (allowed: " + sorted(allowed) + ")");
            }
        }
    }

    /**
     * The {@code notes:} of a mapping already checked to allow them, kept under {@code key}: text up to
     * {@link #MAX_NOTES} characters; blank notes are no notes.
     */
    private void notes(JsonNode spec, String where, String key) {
        if (spec == null || !spec.isObject() || !spec.has(NOTES) || spec.get(NOTES).isNull()) {
            return;
        }
        String at = where.equals("(root)") ? NOTES : where + "." + NOTES;
        String text = text(spec.get(NOTES), at);
        if (text != null && text.length() > MAX_NOTES) {
            problem(at, "must be at most " + MAX_NOTES + " characters, not " + text.length());
        } else if (text != null && !text.isBlank()) {
            notes.put(key, text.strip());
        }
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private static JsonNode textNode(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new java.util.TreeSet<>(names));
    }

    private static String describe(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            // Jackson says "Duplicate field"; in YAML it is a duplicate key.
            return j.getOriginalMessage().replace("Duplicate field", "duplicate key") + " (line " + j.getLocation().getLineNr() + ", column "
                    + j.getLocation().getColumnNr() + ")";
        }
        return e.getMessage();
    }

    /** The YAML parser, built on first use: a function reading a revision's JSON form never loads it. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }
}
