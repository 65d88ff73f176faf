package io.leadscore.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.announcement.Announcement;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.RankIndex;
import io.leadscore.aws.dynamodb.Ranking;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Segment;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.FitGrades;
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

    /**
     * A row of GET /v1/leads; {@code grade} is the fit's letter by the model in force, null when it has no grades;
     * {@code likelihood} in the rows ranked by it ({@code order=likelihood}), absent from the others (the score's
     * index does not carry it).
     */
    record LeadRow(String leadId, int score, int fit, String grade, int engagement, Map<String, Object> groups,
                   List<String> qualified, boolean cold, Stage stage, String accountId, String email, String name,
                   Object lastActivityAt, @JsonInclude(JsonInclude.Include.NON_NULL) ConversionLikelihood likelihood) {
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
            return Ranking.Selection.highestFirst(item -> type == null || type.equals(item.get("detailType")));
        };
    }

    static NotificationRow notificationRow(Map<String, Object> item, DeliveryLog deliveries) {
        String qualificationId = (String) item.get("qualificationId");
        String detailType = (String) item.get("detailType");
        return new NotificationRow(qualificationId, (String) item.get("leadId"), (String) item.get("accountId"),
                detailType, Announcement.read(detailType, map(item.get("detail"))), item.get("createdAt"),
                item.get("publishedAt"), deliveries.forQualification(qualificationId));
    }

    /** A filter of the leads list: from its query parameter's value, a test of an index item; a bad value refused. */
    private interface LeadClause {
        Predicate<Map<String, Object>> of(String value, Supplier<ScoringModel> published);
    }

    /**
     * The leads list's filters by query parameter, each a test of the rank index's projected attributes; a lead is
     * listed when it passes every one asked. The score range and the order are not tests: they are how the index is
     * read (its sort key is the score).
     */
    private static final Map<String, LeadClause> LEAD_CLAUSES = Map.of(
            "group", Lists::inGroup,
            "qualified", (qualified, published) -> item -> qualified(item).contains(qualified),
            "cold", Lists::cold,
            "accountId", Lists::ofAccount,
            "email", Lists::withEmail,
            Segment.STAGE, Lists::atStage,
            Segment.GRADE, Lists::ofGrade,
            "nps", (nps, published) -> withNps(nps));
    private static final String ORDER = "order";
    /** The order that reads the leads by likelihood to convert, highest first, from its own index. */
    private static final String BY_LIKELIHOOD = "likelihood";

    /**
     * Leads filtered by {@link #LEAD_CLAUSES}, within a score range ({@code minScore}, {@code maxScore}) and read
     * highest first or, with {@code order=asc}, lowest first, or with {@code order=likelihood} by likelihood to
     * convert, highest first (only the leads that have one; the score range then a test of each); the groups and
     * grades are those of the published revision.
     */
    static RankedEndpoint.Filters leadFilters(Supplier<ScoringModel> published) {
        return new RankedEndpoint.Filters() {
            @Override
            public Ranking.Selection of(Map<String, String> query) {
                return leadSelection(query, published);
            }

            @Override
            public RankIndex list(Map<String, String> query, RankIndex list) {
                return BY_LIKELIHOOD.equals(query.get(ORDER)) ? RankIndex.LIKELY : list;
            }
        };
    }

    private static Ranking.Selection leadSelection(Map<String, String> query, Supplier<ScoringModel> published) {
        Set<String> allowed = new TreeSet<>(LEAD_CLAUSES.keySet());
        allowed.addAll(List.of(Segment.MIN_SCORE, Segment.MAX_SCORE, ORDER, RankedEndpoint.FORMAT));
        allowOnly(query, allowed.toArray(String[]::new));
        Predicate<Map<String, Object>> keep = item -> true;
        for (Map.Entry<String, LeadClause> clause : LEAD_CLAUSES.entrySet()) {
            String value = query.get(clause.getKey());
            if (value != null) {
                keep = keep.and(segmentPart(() -> clause.getValue().of(value, published)));
            }
        }
        Segment.ScoreRange range = segmentPart(() -> Segment.ScoreRange.of(query.get(Segment.MIN_SCORE),
                query.get(Segment.MAX_SCORE)));
        String order = QueryString.oneOf(query, ORDER, "desc", "asc", BY_LIKELIHOOD);
        Long min = range.min() == null ? null : range.min().longValue();
        Long max = range.max() == null ? null : range.max().longValue();
        if (order.equals(BY_LIKELIHOOD)) {
            return Ranking.Selection.highestFirst(keep.and(item -> {
                int score = number(item.get("rankScore"));
                return (min == null || score >= min) && (max == null || score <= max);
            }));
        }
        return new Ranking.Selection(min, max, order.equals("asc"), keep);
    }

    private static Predicate<Map<String, Object>> inGroup(String group, Supplier<ScoringModel> published) {
        ScoringModel model = published.get();
        if (!model.groups().containsKey(group)) {
            throw new Refused(400, "unknown_group", "group is one of " + model.groups().keySet(), "group");
        }
        return item -> number(map(item.get("groups")).get(group)) > 0;
    }

    private static Predicate<Map<String, Object>> cold(String cold, Supplier<ScoringModel> published) {
        if (!cold.equals("true") && !cold.equals("false")) {
            throw new Refused(400, "invalid_cold", "cold is true or false", "cold");
        }
        boolean wanted = Boolean.parseBoolean(cold);
        return item -> (item.get("coldSince") != null) == wanted;
    }

    private static Predicate<Map<String, Object>> ofAccount(String accountId, Supplier<ScoringModel> published) {
        if (!ActivityValidator.isIdentity(accountId)) {
            throw new Refused(400, "invalid_account_id", "an account id is 1-128 characters without control"
                    + " characters", "accountId");
        }
        return item -> accountId.equals(item.get("accountId"));
    }

    private static Predicate<Map<String, Object>> withEmail(String email, Supplier<ScoringModel> published) {
        // No index holds emails: this filter reads every lead (about 1 read unit per 4 KB of the index), which
        // suits a rare privacy request (leadscore privacy erase <email>), not a lookup on every page.
        if (!ActivityValidator.isIdentity(email) || !email.contains("@")) {
            throw new Refused(400, "invalid_email", "an email is 1-128 characters with an @", "email");
        }
        return item -> map(item.get("profile")).get("email") instanceof String found && found.equalsIgnoreCase(email);
    }

    private static Predicate<Map<String, Object>> atStage(String stages, Supplier<ScoringModel> published) {
        Set<Stage> wanted = Segment.stages(stages);
        return item -> wanted.contains(stage(item));
    }

    private static Predicate<Map<String, Object>> ofGrade(String grades, Supplier<ScoringModel> published) {
        FitGrades model = published.get().grades();
        Set<String> wanted = Segment.grades(grades, model);
        return item -> wanted.contains(model.grade(number(item.get("fit"))));
    }

    private static Predicate<Map<String, Object>> withNps(String nps) {
        Set<String> classes = npsClasses(nps);
        return item -> classes.contains(map(item.get("nps")).get("category"));
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

    /** A part of a segment read, or refused as a 400 naming it. */
    private static <T> T segmentPart(Supplier<T> read) {
        try {
            return read.get();
        } catch (Segment.Invalid e) {
            throw new Refused(400, "invalid_" + e.field(), e.getMessage(), e.field());
        }
    }

    /** The stage of a lead's index item; a lead written before stages existed has none, and is a lead. */
    private static Stage stage(Map<String, Object> item) {
        return item.get("stage") instanceof String label ? Stage.of(label) : Stage.LEAD;
    }

    static RankedEndpoint.Filters accountFilters() {
        return query -> {
            allowOnly(query);
            return Ranking.Selection.highestFirst(item -> true);
        };
    }

    static LeadRow leadRow(Map<String, Object> item, ScoringModel model) {
        Map<String, Object> profile = map(item.get("profile"));
        String name = String.join(" ", java.util.stream.Stream.of(profile.get("firstName"), profile.get("lastName"))
                .filter(Objects::nonNull).map(String::valueOf).toList());
        int fit = number(item.get("fit"));
        return new LeadRow((String) item.get("id"), number(item.get("rankScore")), fit, model.grades().grade(fit),
                number(item.get("engagement")), map(item.get("groups")), qualified(item),
                item.get("coldSince") != null, stage(item), (String) item.get("accountId"),
                (String) profile.get("email"), name.isEmpty() ? null : name, item.get("lastActivityAt"),
                item.get("likelihood") instanceof Number probability ? new ConversionLikelihood(
                        probability.doubleValue(), number(item.get("likelihoodRevision"))) : null);
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
