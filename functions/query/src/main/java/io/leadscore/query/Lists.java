package io.leadscore.query;

import io.leadscore.activity.ActivityValidator;
import io.leadscore.announcement.Announcement;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsCategory;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The ranked lists' filters and rows, read from the rank index's projected attributes. */
final class Lists {
    private Lists() {
    }

    /** A row of GET /v1/leads; {@code grade} is the fit's letter by the model in force, null when it has no grades. */
    record LeadRow(String leadId, int score, int fit, String grade, int engagement, Map<String, Object> groups,
                   List<String> qualified, boolean cold, String accountId, String email, String name,
                   Object lastActivityAt) {
    }

    /** A row of GET /v1/accounts. */
    record AccountRow(String accountId, int score, Map<String, Object> groups, int members, int engagedMembers,
                      List<String> roles, List<String> qualified) {
    }

    /**
     * A row of GET /v1/notifications: an announcement, newest first, and how it reached each destination; its detail
     * as it went on the bus, read through the bus contract.
     */
    record NotificationRow(String qualificationId, String leadId, String accountId, String detailType,
                           Announcement detail, Object createdAt, Object publishedAt, List<Delivery> deliveries) {
    }

    /** Announcements filtered by {@code type}, the detail-type (LeadQualified, AccountQualified...). */
    static RankedEndpoint.Filters notificationFilters() {
        return query -> {
            allowOnly(query, "type");
            String type = query.get("type");
            if (type != null && !Announcement.DETAIL_TYPES.contains(type)) {
                throw new Refused(400, "unknown_type", "type is one of " + Announcement.DETAIL_TYPES, "type");
            }
            return item -> type == null || type.equals(item.get("detailType"));
        };
    }

    static NotificationRow notificationRow(Map<String, Object> item, DeliveryLog deliveries) {
        String qualificationId = (String) item.get("qualificationId");
        String detailType = (String) item.get("detailType");
        return new NotificationRow(qualificationId, (String) item.get("leadId"), (String) item.get("accountId"),
                detailType, Announcement.read(detailType, map(item.get("detail"))), item.get("createdAt"),
                item.get("publishedAt"), deliveries.forQualification(qualificationId));
    }

    /**
     * Leads filtered by {@code group} (has points in it), {@code qualified}, {@code cold}, {@code accountId} and
     * {@code nps} (the class of the latest answer); the groups are those of the published revision.
     */
    static RankedEndpoint.Filters leadFilters(Supplier<ScoringModel> published) {
        return query -> {
            allowOnly(query, "group", "qualified", "cold", "accountId", "email", "nps");
            Predicate<Map<String, Object>> keep = item -> true;
            String group = query.get("group");
            if (group != null) {
                ScoringModel model = published.get();
                if (!model.groups().containsKey(group)) {
                    throw new Refused(400, "unknown_group", "group is one of " + model.groups().keySet(), "group");
                }
                keep = keep.and(item -> number(map(item.get("groups")).get(group)) > 0);
            }
            String qualified = query.get("qualified");
            if (qualified != null) {
                keep = keep.and(item -> qualified(item).contains(qualified));
            }
            String cold = query.get("cold");
            if (cold != null) {
                if (!cold.equals("true") && !cold.equals("false")) {
                    throw new Refused(400, "invalid_cold", "cold is true or false", "cold");
                }
                boolean wanted = Boolean.parseBoolean(cold);
                keep = keep.and(item -> (item.get("coldSince") != null) == wanted);
            }
            String accountId = query.get("accountId");
            if (accountId != null) {
                if (!ActivityValidator.isIdentity(accountId)) {
                    throw new Refused(400, "invalid_account_id", "an account id is 1-128 characters without control"
                            + " characters", "accountId");
                }
                keep = keep.and(item -> accountId.equals(item.get("accountId")));
            }
            String email = query.get("email");
            if (email != null) {
                // No index holds emails: this filter reads every lead (about 1 read unit per 4 KB of the index), which
                // suits a rare privacy request (leadscore privacy erase <email>), not a lookup on every page.
                if (!ActivityValidator.isIdentity(email) || !email.contains("@")) {
                    throw new Refused(400, "invalid_email", "an email is 1-128 characters with an @", "email");
                }
                keep = keep.and(item -> map(item.get("profile")).get("email") instanceof String found
                        && found.equalsIgnoreCase(email));
            }
            String nps = query.get("nps");
            if (nps != null) {
                Set<String> classes = npsClasses(nps);
                keep = keep.and(item -> classes.contains(map(item.get("nps")).get("category")));
            }
            return keep;
        };
    }

    /** {@code promoter}, {@code passive}, {@code detractor}, or several comma-separated: a lead's latest NPS class. */
    private static Set<String> npsClasses(String list) {
        Set<String> classes = new HashSet<>(List.of(list.split(",", -1))); // null-tolerant: unanswered leads
        Set<String> known = Arrays.stream(NpsCategory.values()).map(NpsCategory::label).collect(Collectors.toSet());
        if (!known.containsAll(classes)) {
            throw new Refused(400, "invalid_nps", "nps is promoter, passive or detractor, or a comma list of them,"
                    + " not '" + list + "'", "nps");
        }
        return classes;
    }

    static RankedEndpoint.Filters accountFilters() {
        return query -> {
            allowOnly(query);
            return item -> true;
        };
    }

    static LeadRow leadRow(Map<String, Object> item, ScoringModel model) {
        Map<String, Object> profile = map(item.get("profile"));
        String name = String.join(" ", java.util.stream.Stream.of(profile.get("firstName"), profile.get("lastName"))
                .filter(Objects::nonNull).map(String::valueOf).toList());
        int fit = number(item.get("fit"));
        return new LeadRow((String) item.get("id"), number(item.get("rankScore")), fit, model.grades().grade(fit),
                number(item.get("engagement")), map(item.get("groups")), qualified(item),
                item.get("coldSince") != null, (String) item.get("accountId"), (String) profile.get("email"),
                name.isEmpty() ? null : name, item.get("lastActivityAt"));
    }

    static AccountRow accountRow(Map<String, Object> item) {
        @SuppressWarnings("unchecked")
        List<String> roles = item.get("roles") instanceof List<?> list ? (List<String>) list : List.of();
        return new AccountRow((String) item.get("id"), number(item.get("rankScore")), map(item.get("groups")),
                number(item.get("memberCount")), number(item.get("engagedMembers")), roles, qualified(item));
    }

    /** The thresholds an item is qualified at now, by name ({@code platform:salesReady} for a group's). */
    private static List<String> qualified(Map<String, Object> item) {
        return map(item.get("qualifications")).entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(map(e.getValue()).get("qualified")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Paging's parameters and the list's own; anything else is refused, naming it. */
    private static void allowOnly(Map<String, String> query, String... filters) {
        Set<String> allowed = new TreeSet<>(Set.of(filters));
        allowed.addAll(Set.of("limit", "cursor"));
        QueryString.allowOnly(query, "this list", allowed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
