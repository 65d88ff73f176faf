package io.leadscore.prediction;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadscore.model.FitRule;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Prediction;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;
import io.leadscore.prediction.TrainingReport.Cut;
import io.leadscore.prediction.TrainingReport.Evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The draft revision a training run suggests: the published revision's YAML with each rule's and fit rule's points
 * from its weight in the points fit ({@link TrainingReport.PointsFit}), scaled so that the sales-ready threshold keeps
 * its meaning, notes saying where each suggestion came from, and the full fit's weights as its {@code prediction:}
 * section (the likelihood).
 *
 * <p>The scale: points = weight × T / (logit(p) − intercept), with the points fit's weight and intercept, T the
 * sales-ready points and p the points fit's cut. A lead whose points from rules and fit add up to T then has the
 * logit intercept + (logit(p) − intercept) = logit(p): it is at the chosen probability, as far as points can say (the
 * rules' 7/30/90-day windows, recency, groups and the account are in the full fit alone, and the notes say so).
 *
 * <p>The YAML is edited as text, at the places Jackson's YAML parser reports for each value, so that the marketer's
 * comments, order and layout survive; only points, notes and the prediction section change.
 */
final class DraftRevision {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext DIGITS = new MathContext(6);

    private final String yaml;
    private final List<Edit> edits = new ArrayList<>();

    private DraftRevision(String yaml) {
        this.yaml = yaml;
    }

    /** A span of the text and what replaces it. */
    private record Edit(int start, int end, String text) {
    }

    /** A value as parsed: where it is, and its entries (a mapping) or items (a list). */
    private record Node(int start, int end, Map<String, Entry> fields, List<Node> items, boolean flow) {
        Node field(String name) {
            Entry entry = fields == null ? null : fields.get(name);
            return entry == null ? null : entry.value();
        }
    }

    /** A mapping's key: where it starts, its column (1 for the top), and its value. */
    private record Entry(int keyStart, int column, Node value) {
    }

    /**
     * Points per unit of logit: T / (logit(cut) − intercept); empty when the model has no sales-ready threshold or the
     * cut is not above the probability of a lead with no points (then no points can reach it).
     */
    static OptionalDouble pointsPerLogit(ScoringModel model, Prediction prediction, double cut) {
        double logit = Math.log(cut / (1 - cut));
        double room = logit - prediction.intercept();
        if (model.salesReady().isEmpty() || !(room > 0) || Double.isInfinite(logit)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(model.salesReady().get().points() / room);
    }

    /**
     * The draft's YAML: points from the report's points fit, {@code prediction} (the full fit) as its prediction
     * section; the caller has checked {@link #pointsPerLogit} for the points fit's cut.
     */
    static String of(String publishedYaml, ScoringModel model, Prediction prediction, TrainingReport report) {
        Prediction points = report.points().weights();
        Cut chosen = report.points().chosen();
        double scale = pointsPerLogit(model, points, chosen.probability()).orElseThrow();
        DraftRevision draft = new DraftRevision(publishedYaml);
        Node root = draft.parse();
        List<Node> rules = root.field("rules") == null ? List.of() : root.field("rules").items();
        for (int i = 0; i < model.rules().size(); i++) {
            Rule rule = model.rules().get(i);
            String feature = LeadFeatures.hits(rule.id());
            draft.suggest(rules.get(i), rule.points(), points.weight(feature), report.points().evidence().get(feature),
                    scale, "per firing");
        }
        List<Node> fit = root.field("fit") == null ? List.of() : root.field("fit").items();
        for (int i = 0; i < model.fitRules().size(); i++) {
            FitRule rule = model.fitRules().get(i);
            String feature = "fit:" + rule.id();
            draft.suggest(fit.get(i), rule.points(), points.weight(feature), report.points().evidence().get(feature),
                    scale, "when it holds");
        }
        Threshold salesReady = model.salesReady().orElseThrow();
        draft.salesReady(root.field("thresholds").field(ScoringModel.SALES_READY), String.format(Locale.ROOT,
                "Stays %d with the suggested points: a lead reaching it has a %.1f%% chance of %s within %s (%s;"
                        + " held-out precision %.2f, recall %.2f, %.1f leads a week).",
                salesReady.points(), 100 * chosen.probability(), label(prediction), ModelLoader.length(
                        prediction.horizon()), report.criterion().describe(), chosen.precision(), chosen.recall(),
                chosen.leadsPerWeek()));
        draft.revisionNotes(root, summary(model, points, report, scale));
        draft.prediction(root, prediction, report);
        return draft.apply();
    }

    /**
     * A rule's or fit rule's points from its weight, and a note saying so when they change; left as they were, with a
     * note saying why, where the training period's evidence is thin or points the other way than the weight (the fit
     * then gave the rule what belongs to rules that fire with it).
     */
    private void suggest(Node rule, int was, double weight, Evidence evidence, double scale, String unit) {
        long now = Math.max(-1000, Math.min(1000, Math.round(weight * scale)));
        String source = String.format(Locale.ROOT, "weight %s %s (odds ×%.2f)", number(weight), unit,
                Math.exp(weight));
        if (now == was) {
            return;
        }
        String seen = String.format(Locale.ROOT, "%d training examples with it, %d converted: z %.1f",
                evidence.examples(), evidence.converted(), evidence.z());
        if (Math.abs(evidence.z()) < Evidence.MIN_Z) {
            notes(rule, "Left at " + was + ": the training period is no evidence either way (" + seen
                    + "; a suggestion needs " + number(Evidence.MIN_Z) + " or more), so the " + source
                    + " would be noise.");
            return;
        }
        if (now != 0 && Math.signum(evidence.z()) != Math.signum(weight)) {
            notes(rule, "Left at " + was + ": its " + source + " points the other way than its plain tie to"
                    + " conversion (" + seen + "), so the fit gave it what belongs to rules firing with it.");
            return;
        }
        if (now == 0) {
            notes(rule, "Training gives it almost nothing (" + source + ", under half a point): left at " + was
                    + "; remove it if you agree.");
            return;
        }
        replace(rule.field("points"), Long.toString(now));
        notes(rule, "Suggested by training: was " + was + ", now " + now + " from " + source + ".");
    }

    private void salesReady(Node threshold, String note) {
        if (threshold.fields() == null) {
            replace(threshold, "{ points: " + yaml.substring(threshold.start(), threshold.end()).strip()
                    + ", notes: " + quoted(note) + " }");
        } else {
            notes(threshold, note);
        }
    }

    /** Sets a mapping's notes: in place of its notes, or after its points (block) or before its brace (flow). */
    private void notes(Node mapping, String note) {
        String text = quoted(clip(note));
        Node notes = mapping.field("notes");
        if (notes != null) {
            replace(notes, text);
        } else if (mapping.flow()) {
            int brace = mapping.end();
            int last = brace;
            while (last > mapping.start() && Character.isWhitespace(yaml.charAt(last - 1))) {
                last--;
            }
            edits.add(new Edit(last, brace, ", notes: " + text + " "));
        } else {
            Entry points = mapping.fields().get("points");
            edits.add(new Edit(lineAfter(points.value().end()), lineAfter(points.value().end()),
                    " ".repeat(points.column() - 1) + "notes: " + text + "\n"));
        }
    }

    private void revisionNotes(Node root, String summary) {
        Node notes = root.field("notes");
        if (notes != null) {
            replace(notes, quoted(clip(summary)));
        } else {
            int after = lineAfter(root.field("model").end());
            edits.add(new Edit(after, after, "notes: " + quoted(clip(summary)) + "\n"));
        }
    }

    /** Drops a prediction section the published revision had and appends the new one. */
    private void prediction(Node root, Prediction prediction, TrainingReport report) {
        Entry old = root.fields().get("prediction");
        if (old != null) {
            List<Entry> entries = new ArrayList<>(root.fields().values());
            int next = entries.indexOf(old) + 1;
            edits.add(new Edit(old.keyStart(), next < entries.size() ? entries.get(next).keyStart() : yaml.length(),
                    ""));
        }
        StringBuilder section = new StringBuilder(yaml.endsWith("\n") ? "" : "\n").append("prediction:\n")
                .append("  label: ").append(prediction.label().name().toLowerCase(Locale.ROOT)).append('\n')
                .append("  horizon: ").append(ModelLoader.length(prediction.horizon())).append('\n')
                .append("  intercept: ").append(number(prediction.intercept())).append('\n')
                .append("  weights:\n");
        prediction.weights().forEach((feature, weight) -> {
            if (weight != 0) {
                section.append("    ").append(quoted(feature)).append(": ").append(number(weight)).append('\n');
            }
        });
        section.append("  notes: ").append(quoted(clip(String.format(Locale.ROOT,
                "Trained on %d examples (%d conversions), held-out AUC %.3f.", report.training().examples(),
                report.training().positives(), report.auc())))).append('\n');
        edits.add(new Edit(yaml.length(), yaml.length(), section.toString()));
    }

    private static String summary(ScoringModel model, Prediction points, TrainingReport report, double scale) {
        String unexpressed = report.topFeatures().stream().map(TrainingReport.FeatureEffect::feature)
                .filter(feature -> !pointsSay(feature)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Drafted by training: %s within %s. Training period %s to %s: %d examples,"
                        + " %d conversions; held-out period %s to %s: %d examples, %d conversions; held-out AUC %.3f."
                        + " Points come from a fit on the rules' hits and fit rules alone (held-out AUC %.3f): points ="
                        + " weight × %.1f (salesReady %d / (logit %.3f − intercept %.3f)). Windows, recency, groups and"
                        + " account stay in the prediction's weights, which points cannot say%s.",
                label(points), ModelLoader.length(points.horizon()), day(report.training().from()),
                day(report.training().to()), report.training().examples(), report.training().positives(),
                day(report.heldOut().from()), day(report.heldOut().to()), report.heldOut().examples(),
                report.heldOut().positives(), report.auc(), report.points().auc(), scale,
                model.salesReady().orElseThrow().points(), report.points().chosen().probability(), points.intercept(),
                unexpressed.isEmpty() ? "" : " (among the top features: " + unexpressed + ")");
    }

    /** Whether points express a feature: a rule's hits or a fit rule. */
    static boolean pointsSay(String feature) {
        return feature.startsWith("fit:") || feature.startsWith("rule:") && feature.endsWith(":hits");
    }

    private static String label(Prediction prediction) {
        return prediction.label() == Prediction.Label.WON ? "a win" : "an opportunity";
    }

    private static String day(java.time.Instant at) {
        return at.toString().substring(0, 10);
    }

    private void replace(Node node, String text) {
        int end = node.end();
        // A block scalar's span takes its line's end with it: give the line back.
        String newline = end > node.start() && yaml.charAt(end - 1) == '\n' ? "\n" : "";
        edits.add(new Edit(node.start(), end, text + newline));
    }

    private int lineAfter(int offset) {
        int newline = yaml.indexOf('\n', offset);
        return newline < 0 ? yaml.length() : newline + 1;
    }

    private String apply() {
        StringBuilder text = new StringBuilder(yaml);
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
        for (Edit edit : edits) {
            text.replace(edit.start(), edit.end(), edit.text());
        }
        return text.toString();
    }

    private static String clip(String note) {
        return note.length() <= ModelLoader.MAX_NOTES ? note : note.substring(0, ModelLoader.MAX_NOTES - 1) + "…";
    }

    /** A double-quoted YAML scalar: JSON's escaping is YAML's. */
    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Six significant digits, never in exponent form (which YAML might read as text). */
    static String number(double value) {
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    private Node parse() {
        try (JsonParser parser = YAML.createParser(yaml)) {
            parser.nextToken();
            return node(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Node node(JsonParser parser) throws IOException {
        int start = offset(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation key = parser.currentTokenLocation();
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, new Entry(offset(key), key.getColumnNr(), node(parser)));
            }
            return new Node(start, offset(parser.currentTokenLocation()), fields, null, yaml.charAt(start) == '{');
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser));
            }
            return new Node(start, offset(parser.currentTokenLocation()), null, items, yaml.charAt(start) == '[');
        }
        return new Node(start, offset(parser.currentLocation()), null, null, false);
    }

    private static int offset(JsonLocation location) {
        return (int) location.getCharOffset();
    }
}
