package io.leadscore.notify;

import io.leadscore.announcement.LeadQualified;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One routing condition: a field of the event is one of the given values, compared ignoring case. The field is
 * {@code type} (the detail-type: {@code ModelReviewDue} for review reminders), {@code group} (a qualification's score
 * group id; null, the total score, is routed with {@code [null]}), {@code grade} (a lead's fit grade, {@code [A, B]}:
 * sales takes its best-fitting leads first; an account, or a lead of a model without grades, has none), {@code market}
 * (a lead's market, {@code [emea]}: a region's sales team takes its own; {@code [null]} routes the leads in none, never
 * an account) or {@code profile.<field>} (such as {@code profile.country}; a lead without the field does not match).
 * A review reminder has no group, grade, market or profile, so only {@code type} can match it.
 */
record RouteCondition(String field, Set<String> values) {
    static final String TYPE = "type";
    static final String GROUP = "group";
    static final String GRADE = "grade";
    static final String MARKET = "market";
    static final String PROFILE = "profile.";

    RouteCondition {
        Set<String> normalized = new HashSet<>();
        values.forEach(value -> normalized.add(normalized(value)));
        values = Collections.unmodifiableSet(normalized);
    }

    boolean matches(Notice event) {
        if (field.equals(TYPE)) {
            return values.contains(normalized(event.detailType()));
        }
        if (!(event instanceof QualifiedEvent qualification)
                || field.equals(MARKET) && !(qualification.qualified() instanceof LeadQualified)) {
            return false; // an account is in no lead's market, nor in "none" ([null])
        }
        String value = switch (field) {
            case GROUP -> qualification.qualified().group();
            case GRADE -> qualification.qualified() instanceof LeadQualified lead ? lead.grade() : null;
            case MARKET -> ((LeadQualified) qualification.qualified()).market();
            default -> qualification.profileText(field.substring(PROFILE.length())).orElse(null);
        };
        return values.contains(normalized(value));
    }

    private static String normalized(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
