package io.leadscore.announcement;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.announcement.Announcement.Committee;
import io.leadscore.announcement.Announcement.CommitteeMember;
import io.leadscore.announcement.Announcement.Threshold;
import io.leadscore.announcement.Announcement.TopRule;
import io.leadscore.support.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a detail field by field and collects what is wrong, so that one error names every problem, in the order of
 * the detail's fields. EventBridge hands numbers over as Integer or Double, so any whole number will do where the
 * detail has an integer.
 */
final class BusEventReader {
    /** A market's id, as the model loader takes it. */
    private static final String MARKET = "[a-z0-9][a-z0-9_.-]{0,63}";

    private final Map<String, ?> detail;
    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();

    private BusEventReader(Map<String, ?> detail) {
        this.detail = detail;
        this.root = Json.mapper().valueToTree(detail);
    }

    static BusEvent read(String detailType, Map<String, ?> detail) {
        if (!BusEvent.DETAIL_TYPES.contains(detailType)) {
            throw new IllegalArgumentException("detail-type '" + detailType + "' is not one of leadscore's "
                    + BusEvent.DETAIL_TYPES);
        }
        if (detail == null) {
            throw new IllegalArgumentException(detailType + " event has no detail");
        }
        BusEventReader reader = new BusEventReader(detail);
        return switch (detailType) {
            case LeadQualified.DETAIL_TYPE, LeadDisqualified.DETAIL_TYPE -> reader.leadCrossing(detailType);
            case LeadWentCold.DETAIL_TYPE -> reader.wentCold();
            case ModelReviewDue.DETAIL_TYPE -> reader.modelReviewDue();
            case ModelNeedsReview.DETAIL_TYPE -> reader.modelNeedsReview();
            case JobSegmentReady.DETAIL_TYPE -> reader.jobSegmentReady();
            default -> reader.accountCrossing(detailType);
        };
    }

    private Announcement leadCrossing(String detailType) {
        boolean qualified = detailType.equals(LeadQualified.DETAIL_TYPE);
        kind(detailType, qualified ? LeadQualified.KIND : LeadDisqualified.KIND);
        String qualificationId = text("qualificationId");
        String leadId = text("leadId");
        String group = optionalText("group");
        String groupName = optionalText("groupName");
        Threshold threshold = threshold();
        int score = integer("score");
        String model = optionalText("model");
        Instant at = instant("at");
        String eventId = optionalText("eventId");
        List<TopRule> topRules = topRules();
        Map<String, Object> profile = profile();
        String grade = qualified ? grade() : null;
        String market = qualified ? market() : null;
        Double likelihood = qualified ? likelihood() : null;
        refuseIfInvalid(detailType);
        return qualified
                ? new LeadQualified(qualificationId, leadId, group, groupName, threshold, score, model, at, eventId,
                topRules, profile, grade, market, likelihood)
                : new LeadDisqualified(qualificationId, leadId, group, groupName, threshold, score, model, at, eventId,
                topRules, profile);
    }

    private Announcement wentCold() {
        kind(LeadWentCold.DETAIL_TYPE, LeadWentCold.KIND);
        String qualificationId = text("qualificationId");
        String leadId = text("leadId");
        mustBeNull("group", "a cold spell is no score group's");
        mustBeNull("groupName", "a cold spell is no score group's");
        mustBeNull("threshold", "going cold crosses no threshold");
        int score = integer("score");
        String model = optionalText("model");
        Instant at = instant("at");
        String eventId = optionalText("eventId");
        List<TopRule> topRules = topRules();
        Map<String, Object> profile = profile();
        refuseIfInvalid(LeadWentCold.DETAIL_TYPE);
        return new LeadWentCold(qualificationId, leadId, score, model, at, eventId, topRules, profile);
    }

    private Announcement accountCrossing(String detailType) {
        boolean qualified = detailType.equals(AccountQualified.DETAIL_TYPE);
        kind(detailType, qualified ? AccountQualified.KIND : AccountDisqualified.KIND);
        String qualificationId = text("qualificationId");
        String leadId = optionalText("leadId");
        mustBeNull("group", "an account's thresholds are on its total score");
        mustBeNull("groupName", "an account's thresholds are on its total score");
        Threshold threshold = threshold();
        int score = integer("score");
        String model = optionalText("model");
        Instant at = instant("at");
        String eventId = optionalText("eventId");
        JsonNode topRules = node("topRules");
        if (!topRules.isMissingNode() && !topRules.isNull() && !(topRules.isArray() && topRules.isEmpty())) {
            problems.add("topRules: must be empty (an account's why is its committee)");
        }
        Map<String, Object> profile = profile();
        String accountId = text("accountId");
        Committee committee = committee();
        refuseIfInvalid(detailType);
        return qualified
                ? new AccountQualified(qualificationId, leadId, threshold, score, model, at, eventId, profile,
                accountId, committee)
                : new AccountDisqualified(qualificationId, leadId, threshold, score, model, at, eventId, profile,
                accountId, committee);
    }

    /** Its qualificationId may be left out, since the model and the due date make it, but not contradict them. */
    private BusEvent modelReviewDue() {
        String qualificationId = optionalText("qualificationId");
        String modelId = text("modelId");
        Integer revision = atLeast("revision", 1);
        Instant dueAt = instant("dueAt");
        Instant firstPublishedAt = instant("firstPublishedAt");
        if (qualificationId != null && modelId != null && dueAt != null) {
            String key = ModelReviewDue.key(modelId, LocalDate.ofInstant(dueAt, ZoneOffset.UTC));
            if (!qualificationId.equals(key)) {
                problems.add("qualificationId: must be " + key + " (the model and the day its review fell due)");
            }
        }
        refuseIfInvalid(ModelReviewDue.DETAIL_TYPE);
        return new ModelReviewDue(modelId, revision, dueAt, firstPublishedAt);
    }

    /** Like a review reminder's, its qualificationId may be left out, but not contradict the model and the week. */
    private BusEvent modelNeedsReview() {
        String qualificationId = optionalText("qualificationId");
        String modelId = text("modelId");
        String week = text("week");
        LocalDate from = date("from");
        LocalDate to = date("to");
        Integer mqls = atLeast("mqls", 1);
        Integer decided = atLeast("decided", 1);
        Integer rejected = atLeast("rejected", 1);
        if (qualificationId != null && modelId != null && week != null
                && !qualificationId.equals(ModelNeedsReview.key(modelId, week))) {
            problems.add("qualificationId: must be " + ModelNeedsReview.key(modelId, week) + " (the model and the week)");
        }
        refuseIfInvalid(ModelNeedsReview.DETAIL_TYPE);
        try {
            return new ModelNeedsReview(modelId, week, from, to, mqls, decided, rejected);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ModelNeedsReview.DETAIL_TYPE + " event is invalid: " + e.getMessage(), e);
        }
    }

    private BusEvent jobSegmentReady() {
        String jobId = text("jobId");
        String type = text("type");
        if (type != null && !JobSegmentReady.TYPES.contains(type)) {
            problems.add("type: must be one of " + String.join(", ", JobSegmentReady.TYPES));
        }
        String modelId = text("modelId");
        Integer revision = atLeast("revision", 1);
        Integer segment = atLeast("segment", 0);
        Integer segments = atLeast("segments", 1);
        if (segment != null && segments != null && segment >= segments) {
            problems.add("segment: must be less than segments (" + segments + "), counting from 0");
        }
        Integer attempt = atLeast("attempt", 1);
        refuseIfInvalid(JobSegmentReady.DETAIL_TYPE);
        return new JobSegmentReady(jobId, type, modelId, revision, segment, segments, attempt);
    }

    private void refuseIfInvalid(String detailType) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(detailType + " event is invalid: " + String.join("; ", problems));
        }
    }

    /** The detail's own kind may be left out, but not contradict its detail-type. */
    private void kind(String detailType, String kind) {
        JsonNode node = node("kind");
        if (!node.isMissingNode() && !node.isNull() && !kind.equals(node.asText())) {
            problems.add("kind: must be " + kind + " for " + detailType);
        }
    }

    private void mustBeNull(String path, String why) {
        JsonNode node = node(path);
        if (!node.isMissingNode() && !node.isNull()) {
            problems.add(path + ": must be null (" + why + ")");
        }
    }

    private String text(String path) {
        String text = optionalText(path);
        if (text == null && isAbsent(path)) {
            problems.add(path + ": required");
        }
        return text;
    }

    private String optionalText(String path) {
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

    private int integer(String path) {
        Integer value = optionalInteger(path);
        if (value == null && isAbsent(path)) {
            problems.add(path + ": required");
        }
        return value == null ? 0 : value;
    }

    /** A required whole number, {@code min} or more; null when it is not (the problem is named). */
    private Integer atLeast(String path, int min) {
        Integer value = optionalInteger(path);
        if (value == null && isAbsent(path)) {
            problems.add(path + ": required");
        } else if (value != null && value < min) {
            problems.add(path + ": must be " + min + " or more");
            return null;
        }
        return value;
    }

    private Integer optionalInteger(String path) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0 && node.canConvertToInt()) {
            return node.intValue();
        }
        problems.add(path + ": must be a whole number");
        return null;
    }

    private Instant instant(String path) {
        String text = text(path);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(path + ": must be an ISO-8601 instant such as 2026-11-23T10:02:00Z");
            return null;
        }
    }

    private LocalDate date(String path) {
        String text = text(path);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(path + ": must be an ISO-8601 date such as 2026-11-23");
            return null;
        }
    }

    /** The threshold's re-arm line defaults to the threshold, as the model's does. */
    private Threshold threshold() {
        if (!isObjectOrAbsent("threshold")) {
            return null;
        }
        String name = text("threshold.name");
        int points = integer("threshold.points");
        Integer rearmBelow = optionalInteger("threshold.rearmBelow");
        if (rearmBelow != null && rearmBelow > points) {
            problems.add("threshold.rearmBelow: must be at most threshold.points (" + points + ")");
            return null;
        }
        return name == null ? null : new Threshold(name, points, rearmBelow == null ? points : rearmBelow);
    }

    /** A fit grade may be left out (a detail published before grades, a model without them), but is one letter. */
    private String grade() {
        String grade = optionalText("grade");
        if (grade != null && !grade.matches("[A-Z]")) {
            problems.add("grade: must be one capital letter, A to Z");
            return null;
        }
        return grade;
    }

    /** A market may be left out (a detail published before markets), but is a model's id. */
    private String market() {
        String market = optionalText("market");
        if (market != null && !market.matches(MARKET)) {
            problems.add("market: must be a market's id in the model (lower-case letters, digits, '-', '_' or '.',"
                    + " at most 64)");
            return null;
        }
        return market;
    }

    /** A likelihood is left out where the revision carries no trained weights, but is a probability. */
    private Double likelihood() {
        JsonNode node = node("likelihood");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            problems.add("likelihood: must be a number from 0 to 1");
            return null;
        }
        return node.doubleValue();
    }

    /** A rule without a description is described by its id. */
    private List<TopRule> topRules() {
        List<TopRule> topRules = new ArrayList<>();
        for (String path : elements("topRules")) {
            String rule = text(path + ".rule");
            String description = optionalText(path + ".description");
            int points = integer(path + ".points");
            if (rule != null) {
                topRules.add(new TopRule(rule, description == null ? rule : description, points));
            }
        }
        return topRules;
    }

    /**
     * A profile field without a value is left out. The values are taken as they came, not from the tree, which would
     * write a stored 250 back as 2.5E+2.
     */
    private Map<String, Object> profile() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (isObjectOrAbsent("profile") && detail.get("profile") instanceof Map<?, ?> fields) {
            fields.forEach((name, value) -> {
                if (value != null) {
                    values.put(String.valueOf(name), value);
                }
            });
        }
        return values;
    }

    private Committee committee() {
        if (node("committee").isMissingNode() || node("committee").isNull() || !isObjectOrAbsent("committee")) {
            return null;
        }
        int members = integer("committee.members");
        int engagedMembers = integer("committee.engagedMembers");
        List<String> roles = new ArrayList<>();
        for (String path : elements("committee.roles")) {
            String role = text(path);
            if (role != null) {
                roles.add(role);
            }
        }
        List<CommitteeMember> topMembers = new ArrayList<>();
        for (String path : elements("committee.topMembers")) {
            String leadId = text(path + ".leadId");
            String role = optionalText(path + ".role");
            int points = integer(path + ".points");
            if (leadId != null) {
                topMembers.add(new CommitteeMember(leadId, role, points));
            }
        }
        return new Committee(members, engagedMembers, roles, topMembers);
    }

    /** The paths of an array's elements, {@code topRules[0]}...; none if it is left out. */
    private List<String> elements(String path) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(path + ": must be an array");
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            paths.add(path + "[" + i + "]");
        }
        return paths;
    }

    private boolean isObjectOrAbsent(String path) {
        JsonNode node = node(path);
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            problems.add(path + ": must be an object");
            return false;
        }
        return true;
    }

    /** Whether a field is left out (or null), as opposed to present and malformed, which is reported already. */
    private boolean isAbsent(String path) {
        JsonNode node = node(path);
        return node.isMissingNode() || node.isNull();
    }

    /** {@code topRules[0].rule} is the JSON pointer {@code /topRules/0/rule}. */
    private JsonNode node(String path) {
        return root.at("/" + path.replace("]", "").replace('[', '/').replace('.', '/'));
    }
}
