package io.leadscore.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A threshold crossing as the publisher emits it: the EventBridge detail of {@code LeadQualified} or
 * {@code AccountQualified}. The detail is also kept as received, so that signed webhooks forward fields this
 * version does not know yet.
 *
 * @param subjectId the lead's or the account's id
 * @param group     the product-line score group that crossed the threshold, or null for the total score
 * @param profile   whatever the publisher knew of the lead (email, firstName, company, country...), maybe nothing
 */
record Qualification(Subject subject, String subjectId, String qualificationId, String group,
                            String groupName, Threshold threshold, int score, String model, Instant qualifiedAt,
                            String eventId, List<TopRule> topRules, Map<String, Object> profile,
                            Map<String, Object> detail) {

    /** Who qualified; each has its own detail-type and id field. */
    enum Subject {
        LEAD("LeadQualified", "leadId", "lead"),
        ACCOUNT("AccountQualified", "accountId", "account");

        private final String detailType;
        private final String idField;
        private final String noun;

        Subject(String detailType, String idField, String noun) {
            this.detailType = detailType;
            this.idField = idField;
            this.noun = noun;
        }

        String detailType() {
            return detailType;
        }

        String idField() {
            return idField;
        }

        String noun() {
            return noun;
        }

        static Optional<Subject> ofDetailType(String detailType) {
            return Arrays.stream(values()).filter(s -> s.detailType.equals(detailType)).findFirst();
        }
    }

    record Threshold(String name, int points) {
    }

    record TopRule(String rule, String description, int points) {
    }

    Qualification {
        topRules = List.copyOf(topRules);
        profile = Collections.unmodifiableMap(new LinkedHashMap<>(profile));
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail)); // null values (the total's group) kept
    }

    /** Reads an event's detail, refusing it with every missing or malformed field named. */
    static Qualification from(String detailType, Map<String, Object> detail) {
        Subject subject = Subject.ofDetailType(detailType).orElseThrow(() -> new IllegalArgumentException(
                "detail-type '" + detailType + "' is not a qualification (LeadQualified, AccountQualified)"));
        if (detail == null) {
            throw new IllegalArgumentException(detailType + " event has no detail");
        }
        Reader reader = new Reader(Json.mapper().valueToTree(detail));
        Qualification qualification = new Qualification(subject,
                reader.text(subject.idField()),
                reader.text("qualificationId"),
                reader.optionalText("group"),
                reader.optionalText("groupName"),
                new Threshold(reader.text("threshold.name"), reader.integer("threshold.points")),
                reader.integer("score"),
                reader.optionalText("model"),
                reader.instant("at"),
                reader.optionalText("eventId"),
                reader.topRules(),
                reader.profile(),
                detail);
        if (!reader.problems.isEmpty()) {
            throw new IllegalArgumentException(detailType + " event is invalid: "
                    + String.join("; ", reader.problems));
        }
        return qualification;
    }

    String detailType() {
        return subject.detailType();
    }

    /** A profile field as text, if the publisher sent a non-blank value. */
    Optional<String> profileText(String field) {
        Object value = profile.get(field);
        return value == null || value instanceof Map || value instanceof List
                ? Optional.empty()
                : Optional.of(String.valueOf(value).strip()).filter(text -> !text.isEmpty());
    }

    /** Reads fields by dotted path and collects what is wrong, so that one error names every problem. */
    private static final class Reader {
        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        String text(String path) {
            String text = optionalText(path);
            if (text == null) {
                problems.add(path + ": required");
            }
            return text;
        }

        String optionalText(String path) {
            JsonNode node = node(path);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                problems.add(path + ": must be a non-empty string");
                return null;
            }
            return node.asText();
        }

        /** EventBridge hands numbers over as Integer or Double: any whole number will do. */
        int integer(String path) {
            JsonNode node = node(path);
            if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0 && node.canConvertToInt()) {
                return node.intValue();
            }
            problems.add(path + (node.isMissingNode() || node.isNull() ? ": required" : ": must be a whole number"));
            return 0;
        }

        Instant instant(String path) {
            String text = text(path);
            try {
                return text == null ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(path + ": must be an ISO-8601 instant such as 2026-11-23T10:02:00Z");
                return null;
            }
        }

        List<TopRule> topRules() {
            JsonNode rules = node("topRules");
            if (rules.isMissingNode() || rules.isNull()) {
                return List.of();
            }
            if (!rules.isArray()) {
                problems.add("topRules: must be an array");
                return List.of();
            }
            List<TopRule> topRules = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                String path = "topRules[" + i + "]";
                String rule = text(path + ".rule");
                String description = optionalText(path + ".description");
                topRules.add(new TopRule(rule, description == null ? rule : description, integer(path + ".points")));
            }
            return topRules;
        }

        Map<String, Object> profile() {
            JsonNode profile = node("profile");
            if (profile.isMissingNode() || profile.isNull()) {
                return Map.of();
            }
            if (!profile.isObject()) {
                problems.add("profile: must be an object");
                return Map.of();
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : profile.properties()) {
                if (!field.getValue().isNull()) {
                    values.put(field.getKey(), Json.mapper().convertValue(field.getValue(), Object.class));
                }
            }
            return values;
        }

        /** {@code topRules[0].rule} is the JSON pointer {@code /topRules/0/rule}. */
        private JsonNode node(String path) {
            return root.at("/" + path.replace("]", "").replace('[', '/').replace('.', '/'));
        }
    }
}
