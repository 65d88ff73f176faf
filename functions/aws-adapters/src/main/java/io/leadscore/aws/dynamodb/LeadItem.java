package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.lead.Lead;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A lead as its item stores it, kept under 1 KB for a lead of a few rules' history, since every write of the lead pays
 * a unit per started KB, twice in the scoring transaction. What {@link RankIndex} projects (the lists' columns and
 * filters) is stored as Jackson writes it, since the ranked lists read it there. The rest is compact:
 * <ul>
 *   <li>a rule's tally is a list {@code [kind, points, hits, lastAt, group]} ({@code kind} one letter, the group left
 *   out when none), not a map that repeats five names for every rule; a pattern rule's history and points still to
 *   expire likewise ({@link Shape});</li>
 *   <li>times are numbers: seconds (with a fraction when there is one) from the lead's {@code lastActivityAt}, or from
 *   the epoch when it has none. Most are close to it, so a few digits;</li>
 *   <li>what is derived from the rest ({@code score}, {@code cold}) and what is empty or zero is left out;</li>
 *   <li>the likelihood to convert is two numbers, {@code likelihood} (the probability, which {@link RankIndex#LIKELY}
 *   sorts on) and {@code likelihoodRevision}; an item without them has none.</li>
 * </ul>
 * Items written before (tallies as maps, times as ISO-8601 text, defaults written out) read the same: each stored
 * value is read by its type.
 */
final class LeadItem {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String BREAKDOWN = "breakdown";
    private static final String CAP_HITS = "capHits";
    private static final String DECAYED_AT = "decayedAt";
    private static final String PATTERNS = "patterns";
    private static final String EXPIRING = "expiring";
    private static final String BASE = "lastActivityAt";
    static final String LIKELIHOOD = "likelihood";
    private static final String LIKELIHOOD_REVISION = "likelihoodRevision";
    /** The lead's own times, besides those in its maps and lists. */
    private static final List<String> TIMES = List.of("firstSeenAt", "lastScoreIncreaseAt", "nextDueAt");
    /**
     * Derived from the breakdown and {@code coldSince}: the store's {@code rankScore} carries the score; and the
     * likelihood, stored flat.
     */
    private static final Set<String> DERIVED = Set.of("score", "cold", LIKELIHOOD);
    /** What the ranked lists read from the index: kept even when empty, so that what they read does not change. */
    private static final Set<String> PROJECTED = Set.of("profile", "qualifications", "groups");
    /** A Lead cannot be built without these: an item that leaves them out has them empty. */
    private static final List<String> NEVER_NULL = List.of("profile", BREAKDOWN, CAP_HITS);
    /** A rule's tally ({@link io.leadscore.lead.RuleTally}); its kind stored as {@link #KIND_CODES} says. */
    private static final Shape TALLY = new Shape(List.of("kind", "points", "hits", "lastAt", "group"), Set.of("lastAt"));
    private static final Map<String, String> KIND_CODES = Map.of("FIT", "f", "ENGAGEMENT", "e", "DECAY", "d");
    /** {@link #KIND_CODES} read backwards: a lead read expands every tally's code. */
    private static final Map<String, String> CODE_KINDS = KIND_CODES.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    /** What a pattern rule remembers ({@link io.leadscore.lead.PatternHistory}). */
    private static final Shape PATTERN = new Shape(List.of("events", "antecedents", "settled", "firings"),
            Set.of("events", "antecedents", "settled", "firings"));
    /** Points still to expire ({@link io.leadscore.lead.Expiring}). */
    private static final Shape EXPIRY = new Shape(List.of("rule", "points", "event", "earnedAt", "at", "group"),
            Set.of("earnedAt", "at"));
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    private LeadItem() {
    }

    /** The item of {@code lead}, written at {@code updatedAt}: its state, and the index keys the store adds. */
    static Map<String, AttributeValue> of(Lead lead, Instant updatedAt, Map<String, Object> indexKeys) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(LeadTable.PK, LeadTable.leadPk(lead.id()));
        values.put(LeadTable.SK, LeadTable.LEAD_SK);
        values.put(LeadTable.KIND, LeadTable.LEAD);
        Map<String, Object> state = Json.mapper().convertValue(lead, MAP);
        Instant base = lead.lastActivityAt() == null ? Instant.EPOCH : lead.lastActivityAt();
        state.forEach((name, value) -> {
            if (!DERIVED.contains(name) && (PROJECTED.contains(name) || !isDefault(value))) {
                values.put(name, compact(name, value, base));
            }
        });
        if (lead.likelihood() != null) {
            values.put(LIKELIHOOD, BigDecimal.valueOf(lead.likelihood().probability())); // plain digits, never 1.0E-4
            values.put(LIKELIHOOD_REVISION, lead.likelihood().revision());
        }
        values.put("fit", lead.fit());
        values.put("engagement", lead.engagement());
        values.put("groups", lead.groups());
        values.put("updatedAt", updatedAt.getEpochSecond());
        values.putAll(indexKeys);
        return AttributeValues.item(values);
    }

    /** The lead an item holds, in this form or the one before. */
    static Lead lead(Map<String, AttributeValue> item) {
        Map<String, Object> values = AttributeValues.values(item);
        Instant base = values.get(BASE) == null ? Instant.EPOCH : Instant.parse((String) values.get(BASE));
        values.replaceAll((name, value) -> expanded(name, value, base));
        if (values.get(LIKELIHOOD) instanceof Number probability) {
            values.put(LIKELIHOOD, Map.of("probability", probability, "revision", values.remove(LIKELIHOOD_REVISION)));
        }
        NEVER_NULL.forEach(name -> values.putIfAbsent(name, Map.of()));
        return LeadTable.fromValues(values, Lead.class);
    }

    private static boolean isDefault(Object value) {
        return value == null || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof Collection<?> list && list.isEmpty()
                || value instanceof Number number && number.longValue() == 0; // the lead's counts: a revision, activities
    }

    private static Object compact(String name, Object value, Instant base) {
        return switch (name) {
            case BREAKDOWN -> eachValue(value, tally -> {
                List<Object> compact = TALLY.compact(map(tally), base);
                compact.set(0, code((String) compact.get(0)));
                return compact;
            });
            case PATTERNS -> eachValue(value, pattern -> PATTERN.compact(map(pattern), base));
            case EXPIRING -> ((List<?>) value).stream().map(points -> EXPIRY.compact(map(points), base)).toList();
            case CAP_HITS, DECAYED_AT -> eachValue(value, times -> seconds(times, base));
            default -> TIMES.contains(name) ? seconds(value, base) : value;
        };
    }

    private static Object expanded(String name, Object value, Instant base) {
        return switch (name) {
            case BREAKDOWN -> eachValue(value, tally -> {
                if (!(tally instanceof List<?> list)) {
                    return tally;
                }
                Map<String, Object> expanded = TALLY.expanded(list, base);
                expanded.put("kind", kind((String) expanded.get("kind")));
                return expanded;
            });
            case PATTERNS -> eachValue(value, pattern -> pattern instanceof List<?> list ? PATTERN.expanded(list, base)
                    : pattern);
            case EXPIRING -> ((List<?>) value).stream().map(points -> points instanceof List<?> list
                    ? EXPIRY.expanded(list, base) : points).toList();
            case CAP_HITS, DECAYED_AT -> eachValue(value, times -> instant(times, base));
            default -> TIMES.contains(name) ? instant(value, base) : value;
        };
    }

    private static String code(String kind) {
        String code = KIND_CODES.get(kind);
        if (code == null) {
            throw new IllegalStateException("no code for the score kind " + kind);
        }
        return code;
    }

    private static String kind(String code) {
        String kind = CODE_KINDS.get(code);
        if (kind == null) {
            throw new IllegalStateException("an unknown score kind code: " + code);
        }
        return kind;
    }

    /**
     * A record of the lead's as a list of its fields' values in this order, not a map that names them in every entry;
     * the nulls at its end left out, its {@code times} (a time or a list of times) as seconds from the base.
     */
    private record Shape(List<String> fields, Set<String> times) {
        List<Object> compact(Map<String, Object> record, Instant base) {
            List<Object> values = new ArrayList<>();
            for (String field : fields) {
                Object value = record.get(field);
                values.add(times.contains(field) ? seconds(value, base) : value);
            }
            while (!values.isEmpty() && values.get(values.size() - 1) == null) {
                values.remove(values.size() - 1);
            }
            return values;
        }

        Map<String, Object> expanded(List<?> values, Instant base) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                String field = fields.get(i);
                record.put(field, times.contains(field) ? instant(values.get(i), base) : values.get(i));
            }
            return record;
        }
    }

    /** A time as written by Jackson (ISO-8601), or a list of them, as seconds from {@code base}. */
    private static Object seconds(Object iso, Instant base) {
        if (iso == null) {
            return null;
        }
        if (iso instanceof List<?> list) {
            return list.stream().map(at -> seconds(at, base)).toList();
        }
        Instant at = Instant.parse((String) iso);
        BigDecimal seconds = BigDecimal.valueOf(at.getEpochSecond() - base.getEpochSecond())
                .add(BigDecimal.valueOf(at.getNano() - base.getNano(), 9));
        return seconds.signum() == 0 ? BigDecimal.ZERO : seconds.stripTrailingZeros();
    }

    /**
     * A stored time (or a list of them) as Jackson reads it: seconds from {@code base}, or ISO-8601 text as items were
     * written before.
     */
    private static Object instant(Object stored, Instant base) {
        if (stored instanceof List<?> list) {
            return list.stream().map(at -> instant(at, base)).toList();
        }
        if (!(stored instanceof BigDecimal seconds)) {
            return stored;
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        return base.plusSeconds(whole.longValueExact())
                .plusNanos(seconds.subtract(whole).multiply(NANOS).longValueExact()).toString();
    }

    private static Map<String, Object> eachValue(Object map, UnaryOperator<Object> each) {
        Map<String, Object> result = new LinkedHashMap<>();
        map(map).forEach((key, value) -> result.put(key, each.apply(value)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
