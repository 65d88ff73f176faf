package io.leadscore.ingest;

import io.leadscore.activity.Activity;
import io.leadscore.activity.FieldError;
import io.leadscore.aws.dynamodb.RateLimits;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.lambda.Parallel;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request's events taken from this minute's budgets (see {@link RateLimits}): the write key's, for all of them or
 * none, and each lead's, for that lead's events. Refused events are named as rate-limited, so that a request refused
 * for that alone is answered 429.
 */
final class EventBudget {
    private static final String PROBLEM = "rate limited: more than ";

    private final RateLimits limits;
    private final Parallel writes;

    EventBudget(RateLimits limits, Parallel writes) {
        this.limits = limits;
        this.writes = writes;
    }

    /** Whether the key's budget takes this many events; nothing is taken when it does not. */
    boolean keyTakes(String keyId, int events, Instant now) {
        return events == 0 || limits.takeForKey(keyId, events, now);
    }

    ApiError keyRefusal() {
        return ApiError.of("rate_limited", "more than " + limits.limits().perKey() + " events a minute for this write"
                + " key: send them again after the retry-after seconds");
    }

    /** The leads whose budget cannot take their events of the request; the others' events are taken. */
    Set<String> leadsOverBudget(List<Activity> events, Instant now) {
        Map<String, Long> perLead = events.stream().collect(Collectors.groupingBy(Activity::leadId, Collectors.counting()));
        List<String> leads = List.copyOf(perLead.keySet());
        List<Boolean> taken = writes.map(leads, lead -> limits.takeForLead(lead, perLead.get(lead).intValue(), now));
        Set<String> over = new HashSet<>();
        for (int k = 0; k < leads.size(); k++) {
            if (!taken.get(k)) {
                over.add(leads.get(k));
            }
        }
        return over;
    }

    /** Why an event of a lead over its budget is refused, at {@code path} ({@code events[3]}, or empty). */
    FieldError leadRefusal(String path) {
        return new FieldError(path.isEmpty() ? "leadId" : path + ".leadId", PROBLEM + limits.limits().perLead()
                + " events a minute for this lead: send it again after the retry-after seconds");
    }

    static boolean isRefusal(EventResult result) {
        return result.errors() != null && result.errors().stream().anyMatch(error -> error.problem().startsWith(PROBLEM));
    }
}
