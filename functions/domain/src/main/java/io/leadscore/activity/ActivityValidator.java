package io.leadscore.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.account.AccountScorer;
import io.leadscore.engagement.TimeOnPage;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ActivityFields;
import io.leadscore.model.EventType;
import io.leadscore.model.FieldType;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one incoming tracking event against the published model and turns it into an {@link Activity}.
 * Every problem is reported with its field, so a site developer can fix a whole event in one go.
 */
public final class ActivityValidator {
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** How old an event may be when it arrives, unless the deployment says otherwise (a backfill). */
    public static final Duration MAX_AGE = Duration.ofDays(90);
    public static final int MAX_PROPERTIES = 50;
    public static final int MAX_TEXT_LENGTH = 2048;
    /** Far beyond any percent or company size; keeps absurd numbers out of comparisons and the table. */
    public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e12");

    private static final Set<String> TOP_LEVEL = Set.of("eventId", "type", "leadId", "anonymousId", "timestamp",
            "properties");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern IDENTITY = Pattern.compile("[^\\p{Cntrl}\\s][^\\p{Cntrl}]{0,127}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Practical, not RFC 5322: one @, a dot in the domain, no spaces, at most 254 characters. */
    private static final Pattern EMAIL = Pattern.compile("(?=.{3,254}$)[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");
    /** Prefixes of announcement keys that are not a lead's, and so are no lead's id. */
    public static final Map<String, String> RESERVED_PREFIXES = Map.of(AccountScorer.QUALIFICATION_PREFIX, "accounts'",
            "model:", "models'");
    /** Properties whose values become part of a key (a visitor's partition, an account's): bounded like lead ids. */
    private static final Set<String> KEY_PROPERTIES = Set.of(Activity.VISITOR_PROPERTY, AccountPolicy.ACCOUNT_FIELD);
    private static final String IDENTITY_RULE = "must be 1-128 characters without control characters or leading space";

    private final ScoringModel model;
    private final Duration maxAge;
    private final String maxAgeReason;

    public ActivityValidator(ScoringModel model) {
        this(model, MAX_AGE);
    }

    public ActivityValidator(ScoringModel model, Duration maxAge) {
        this(model, maxAge, null);
    }

    /** @param maxAgeReason what sets the age limit, said beside it when an event is older (null: nothing said) */
    public ActivityValidator(ScoringModel model, Duration maxAge, String maxAgeReason) {
        this.model = model;
        this.maxAge = maxAge;
        this.maxAgeReason = maxAgeReason;
    }

    /** The outcome for one event: an activity, or the errors that refused it. */
    public record Checked(Activity activity, List<FieldError> errors) {
        public boolean accepted() {
            return activity != null;
        }
    }

    /**
     * @param path where the event sits in the request, e.g. {@code events[3]}, or empty for a lone event
     */
    public Checked check(JsonNode event, String path, String siteId, Instant now) {
        Errors errors = new Errors(path);
        if (event == null || !event.isObject()) {
            errors.add("", "must be a JSON object");
            return errors.result(null);
        }
        event.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                errors.add(name, "unknown field (allowed: anonymousId, eventId, leadId, properties, timestamp, type)");
            }
        });
        String type = type(event.get("type"), errors);
        String leadId = leadId(event, errors);
        Instant occurredAt = timestamp(event.get("timestamp"), now, errors);
        Map<String, Object> properties = properties(event.get("properties"), type, errors);
        String eventId = optionalText(event.get("eventId"), "eventId", errors);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add("eventId", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        if (!errors.isEmpty()) {
            return errors.result(null);
        }
        if (!leadId.startsWith(Activity.ANONYMOUS_PREFIX) && event.hasNonNull("anonymousId")) {
            // A known lead and the visitor it was: the link that merges the visitor's history into the lead.
            properties.putIfAbsent(Activity.VISITOR_PROPERTY, event.get("anonymousId").asText());
        }
        if (eventId == null) {
            eventId = EventIds.derive(siteId, leadId, type, occurredAt, properties);
        }
        return errors.result(new Activity(eventId, type, leadId, occurredAt, properties, siteId, now));
    }

    private String type(JsonNode node, Errors errors) {
        if (node == null || node.isNull()) {
            errors.add("type", "is required (known: " + knownTypes() + ")");
            return null;
        }
        String type = optionalText(node, "type", errors);
        if (type != null && !model.eventTypes().containsKey(type)) {
            errors.add("type", "unknown event type '" + type + "' (known: " + knownTypes() + ")");
            return null;
        }
        return type;
    }

    private String knownTypes() {
        return String.join(", ", new java.util.TreeSet<>(model.eventTypes().keySet()));
    }

    private String leadId(JsonNode event, Errors errors) {
        String leadId = optionalText(event.get("leadId"), "leadId", errors);
        String anonymousId = optionalText(event.get("anonymousId"), "anonymousId", errors);
        if (leadId == null && anonymousId == null) {
            if (!event.hasNonNull("leadId") && !event.hasNonNull("anonymousId")) {
                errors.add("leadId", "is required (or anonymousId for a visitor not yet identified)");
            }
            return null;
        }
        if (anonymousId != null && !isIdentity(anonymousId)) {
            // Also beside a lead id: it names the visitor whose partition the merge reads and retires.
            errors.add("anonymousId", IDENTITY_RULE);
            return null;
        }
        if (leadId != null && !isIdentity(leadId)) {
            errors.add("leadId", IDENTITY_RULE);
            return null;
        }
        if (leadId != null && leadId.startsWith(Activity.ANONYMOUS_PREFIX)) {
            errors.add("leadId", "must not start with '" + Activity.ANONYMOUS_PREFIX + "' (use anonymousId)");
            return null;
        }
        for (String reserved : RESERVED_PREFIXES.keySet()) {
            if (leadId != null && leadId.startsWith(reserved)) {
                // A lead's qualification ids start with its id: this keeps them apart from accounts' and models'.
                errors.add("leadId", "must not start with '" + reserved + "' (reserved for " + RESERVED_PREFIXES.get(reserved)
                        + " announcements)");
                return null;
            }
        }
        return leadId != null ? leadId : Activity.ANONYMOUS_PREFIX + anonymousId;
    }

    /** A lead or visitor id: 1-128 characters, no control characters, whole Unicode (no lone surrogates). */
    public static boolean isIdentity(String id) {
        return IDENTITY.matcher(id).matches() && !hasLoneSurrogate(id);
    }

    /** A half of a UTF-16 pair without its other half: JSON's \\ud800 allows it, UTF-8 and DynamoDB do not. */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private Instant timestamp(JsonNode node, Instant now, Errors errors) {
        String text = requiredText(node, "timestamp", errors);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("timestamp", "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T17:30:00Z");
            return null;
        }
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            errors.add("timestamp", "is " + describe(Duration.between(now, at)) + " in the future (clock skew"
                    + " allowed: 5 minutes)");
            return null;
        }
        if (at.isBefore(now.minus(maxAge))) {
            errors.add("timestamp", "is " + describe(Duration.between(at, now)) + " old (at most " + maxAge.toDays()
                    + " days" + (maxAgeReason == null ? "" : ": " + maxAgeReason) + ")");
            return null;
        }
        return at;
    }

    private Map<String, Object> properties(JsonNode node, String type, Errors errors) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        } else if (!node.isObject()) {
            errors.add("properties", "must be a JSON object");
            return properties;
        }
        if (node.size() > MAX_PROPERTIES) {
            errors.add("properties", "has " + node.size() + " entries (at most " + MAX_PROPERTIES + ")");
            return properties;
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            String field = "properties." + name;
            if (!PROPERTY_NAME.matcher(name).matches()) {
                errors.add(field, "name must be a letter then letters, digits or '_' (at most 64)");
                continue;
            }
            Object value = scalar(entry.getValue(), field, expectedType(name), errors);
            if (value != null && !typed(name, value, field, errors)) {
                continue;
            }
            if (value instanceof String key && KEY_PROPERTIES.contains(name) && !isIdentity(key)) {
                errors.add(field, IDENTITY_RULE + " (it becomes part of a key)");
                continue;
            }
            if (value != null) {
                properties.put(name, value);
            }
        }
        checkPercent(properties, errors);
        checkNumber(properties, TimeOnPage.SECONDS_PROPERTY, TimeOnPage::problem, errors);
        EventType eventType = type == null ? null : model.eventTypes().get(type);
        if (eventType != null) {
            Set<String> required = new LinkedHashSet<>(eventType.requiredProperties());
            if (type.equals(NpsAnswer.EVENT_TYPE)) {
                // The answer is what the event is for, whatever a model's own eventTypes say.
                required.add(NpsAnswer.SCORE_PROPERTY);
                checkNumber(properties, NpsAnswer.SCORE_PROPERTY, NpsAnswer::problem, errors);
            }
            for (String name : required) {
                if (!node.hasNonNull(name)) {
                    errors.add("properties." + name, "is required for " + type + " events");
                }
            }
        }
        return properties;
    }

    /** A number property with rules of its own (an NPS answer, engaged seconds): refused with its problem. */
    private static void checkNumber(Map<String, Object> properties, String name, Function<BigDecimal, String> problem,
                                    Errors errors) {
        if (properties.get(name) instanceof BigDecimal number && problem.apply(number) != null) {
            errors.add("properties." + name, problem.apply(number));
            properties.remove(name);
        }
    }

    /** A profile field's value is what the model says: an email an address, a number in its range. */
    private boolean typed(String name, Object value, String field, Errors errors) {
        FieldType type = expectedType(name);
        if (type == FieldType.EMAIL && !(value instanceof String text && EMAIL.matcher(text).matches())) {
            errors.add(field, "must be an email address such as dana@acme.example");
            return false;
        }
        var range = model.range(name);
        if (value instanceof BigDecimal number && range.isPresent() && !range.get().contains(number)) {
            errors.add(field, "must be " + range.get().describe() + ", not " + number.toPlainString());
            return false;
        }
        return true;
    }

    private FieldType expectedType(String name) {
        FieldType known = ActivityFields.KNOWN.get(name);
        return known != null ? known : model.profileFields().get(name);
    }

    private static Object scalar(JsonNode value, String field, FieldType expected, Errors errors) {
        if (value.isContainerNode()) {
            errors.add(field, "must be a single value, not " + (value.isArray() ? "an array" : "an object"));
            return null;
        }
        if (value.isNull()) {
            return null;
        }
        if (expected != null && !(expected.isText() ? value.isTextual() : value.isNumber())) {
            errors.add(field, "must be a " + (expected.isText() ? "string" : "number"));
            return null;
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (text.length() > MAX_TEXT_LENGTH) {
                errors.add(field, "is " + text.length() + " characters long (at most " + MAX_TEXT_LENGTH + ")");
                return null;
            }
            if (CONTROL.matcher(text).find()) {
                errors.add(field, "contains control characters");
                return null;
            }
            if (hasLoneSurrogate(text)) {
                errors.add(field, "contains an unpaired UTF-16 surrogate (not valid Unicode)");
                return null;
            }
            return text;
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (number.abs().compareTo(MAX_MAGNITUDE) > 0 || number.scale() > 6) {
                errors.add(field, "must be a number up to 10^12 with at most 6 decimals");
                return null;
            }
            return number;
        }
        return value.booleanValue();
    }

    private static void checkPercent(Map<String, Object> properties, Errors errors) {
        if (properties.get("percent") instanceof BigDecimal percent
                && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            errors.add("properties.percent", "must be from 0 to 100 (the share of the video watched), not "
                    + percent.toPlainString());
            properties.remove("percent");
        }
    }

    private static String requiredText(JsonNode node, String field, Errors errors) {
        if (node == null || node.isNull()) {
            errors.add(field, "is required");
            return null;
        }
        return optionalText(node, field, errors);
    }

    private static String optionalText(JsonNode node, String field, Errors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string, not " + node.getNodeType().toString().toLowerCase());
            return null;
        }
        if (node.asText().isEmpty()) {
            errors.add(field, "must not be empty");
            return null;
        }
        return node.asText();
    }

    private static String describe(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        return d.toMinutes() + " minutes";
    }

    private static final class Errors {
        private final String path;
        private final List<FieldError> list = new ArrayList<>();

        Errors(String path) {
            this.path = path;
        }

        void add(String field, String problem) {
            String where = path.isEmpty() ? field : field.isEmpty() ? path : path + "." + field;
            list.add(new FieldError(where.isEmpty() ? "(body)" : where, problem));
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        Checked result(Activity activity) {
            return new Checked(activity, List.copyOf(list));
        }
    }
}
