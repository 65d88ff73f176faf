package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.FieldError;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.RateLimits;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.ingest.EventResult.Status;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * POST /v1/events: one event, or {@code {"events": [...]}} with up to 100. Authenticates the site's write
 * key, validates every event, records each once and answers 202 with a result per event. It does no
 * scoring: the table's stream hands new activities to the score function. Also serves GET /v1/track.js, the
 * snippet that sends those events from web pages, and GET /v1/openapi.json, the API's description. Events are checked against the event types of the published
 * model revision, as of at most {@link PublishedModel#RECHECK_AFTER} ago.
 */
public final class IngestHandler extends StreamHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final String WRITE_KEY_HEADER = PresentedWriteKey.HEADER;
    static final String API_DESCRIPTION_ROUTE = "GET /v1/openapi.json";

    private final PublishedModel published;
    private final Duration maxAge;
    private final ActivityStore activities;
    private final WriteKeyStore writeKeys;
    private final EventBudget budget;
    /** Empty when erased leads may start again ({@code RecreateErasedLeads}). */
    private final Optional<ErasedLeads> erasedLeads;
    private final TrackingScript trackingScript = TrackingScript.fromClassPath();
    private final ApiDescription apiDescription = ApiDescription.fromClassPath();
    private final Parallel writes = new Parallel(8, "ingest-writes");

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public IngestHandler() {
        this(Environment.system());
    }

    public IngestHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.published = bootstrap.publishedModel();
        this.maxAge = env.get("MAX_EVENT_AGE_DAYS").filter(days -> !days.isBlank())
                .map(days -> Duration.ofDays(Integer.parseInt(days))).orElse(ActivityValidator.MAX_AGE);
        // An event accepted at the age limit must not be recorded already expired.
        this.activities = new ActivityStore(bootstrap.dynamoDb(), bootstrap.table(),
                bootstrap.retention().requireLongerThan(maxAge));
        this.writeKeys = new WriteKeyStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock());
        this.erasedLeads = ErasedLeads.fence(env, bootstrap.dynamoDb(), bootstrap.table());
        this.budget = new EventBudget(new RateLimits(bootstrap.dynamoDb(), bootstrap.table(), new RateLimits.Limits(
                env.integer(RATE_LIMIT_PER_KEY, 6_000), env.integer(RATE_LIMIT_PER_LEAD, 120))), writes);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        String origin = HttpApi.header(request, "origin").orElse(null);
        String method = HttpApi.method(request);
        if (method.equals("OPTIONS")) {
            return preflight(origin);
        }
        if (method.equals("GET")) {
            return API_DESCRIPTION_ROUTE.equals(request.getRouteKey()) ? apiDescription.response()
                    : trackingScript.response(request);
        }
        Metrics metrics = new Metrics("ingest");
        try {
            // Any page may read the answer; only the key's own origins may write (checked in handle).
            return HttpApi.allowOrigin(handle(request, origin, metrics), origin);
        } finally {
            metrics.publish();
        }
    }

    /**
     * A browser's CORS preflight carries no write key, so it cannot be checked against one: it is answered for
     * any origin, and the POST that follows is refused (403, nothing stored) unless the key lists its origin.
     */
    private static APIGatewayV2HTTPResponse preflight(String origin) {
        return HttpApi.allowOrigin(APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of(
                "access-control-allow-methods", "POST",
                "access-control-allow-headers", "content-type, " + WRITE_KEY_HEADER,
                "access-control-max-age", "86400")).build(), origin);
    }

    /**
     * Parse, authenticate, validate, record, respond. The body is parsed only for an authenticated site (see
     * {@link IngestRequest}).
     */
    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request, String origin, Metrics metrics) {
        return IngestRequest.writeKey(request).then(key -> {
            Optional<WriteKeyStore.Site> site = writeKeys.authenticate(key.key());
            if (site.isEmpty()) {
                return reject(401, "invalid_write_key", "the write key is unknown or revoked", key.field());
            }
            Optional<String> refusal = site.get().refusal(origin);
            if (refusal.isPresent()) {
                return reject(403, "origin_not_allowed", refusal.get(), "origin");
            }
            return IngestRequest.events(request).then(events -> respond(events, site.get(), metrics));
        });
    }

    /** Events a minute one write key, and one lead, may send (template parameters). */
    static final String RATE_LIMIT_PER_KEY = "RATE_LIMIT_PER_KEY";
    static final String RATE_LIMIT_PER_LEAD = "RATE_LIMIT_PER_LEAD";

    /** Requests answered 503 (the table refused the writes): template.yaml alarms on it. */
    static final String UNAVAILABLE_METRIC = "RequestsUnavailable";

    private APIGatewayV2HTTPResponse respond(PostedEvents events, WriteKeyStore.Site site, Metrics metrics) {
        String siteId = site.siteId();
        try {
            List<EventResult> results = record(events, site);
            if (results == null) {
                metrics.count("RequestsRateLimited", 1);
                return rateLimited(HttpApi.error(429, budget.keyRefusal()));
            }
            IngestResponse response = IngestResponse.of(results);
            metrics.count("EventsAccepted", response.accepted()).count("EventsDuplicate", response.duplicates())
                    .count("EventsRejected", response.rejected());
            if (response.nothingAccepted() && results.stream().anyMatch(EventBudget::isRefusal)) {
                return rateLimited(HttpApi.json(429, response));
            }
            return HttpApi.json(response.nothingAccepted() ? 400 : 202, response);
        } catch (SdkException e) {
            // Whatever was recorded stays recorded; a retry reports those events as duplicates.
            Log.error("recording events failed", e, "siteId", siteId);
            metrics.count(UNAVAILABLE_METRIC, 1); // answered, so not a Lambda error: alarmed on its own
            return reject(503, "unavailable", "events could not be recorded; retry the request (events already"
                    + " recorded will be reported as duplicates)", null);
        }
    }

    /** A 429 that says when to come back: the next minute's budget. */
    private APIGatewayV2HTTPResponse rateLimited(APIGatewayV2HTTPResponse response) {
        return HttpApi.withHeader(response, "retry-after",
                String.valueOf(RateLimits.retryAfterSeconds(bootstrap.clock().instant())));
    }

    /**
     * Validates every event, then writes the valid ones at once, as far as the rate limits allow: null when the
     * write key's budget of this minute cannot take them, and a lead's events past its own budget rejected. An event
     * repeated within the request is a duplicate of its first occurrence, decided here rather than by which write
     * happens to land first.
     */
    private List<EventResult> record(PostedEvents posted, WriteKeyStore.Site site) {
        String siteId = site.siteId();
        Instant now = bootstrap.clock().instant();
        ActivityValidator validator = new ActivityValidator(published.recent().model(), maxAge);
        List<JsonNode> events = posted.events();
        EventResult[] results = new EventResult[events.size()];
        List<Activity> fresh = new ArrayList<>();
        List<Integer> freshAt = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            var checked = validator.check(events.get(i), posted.path(i), siteId, now);
            if (checked.accepted() && site.kind() == WriteKeyStore.Kind.BROWSER) {
                checked = BrowserEvents.check(checked, posted.path(i));
            }
            Activity activity = checked.activity();
            if (!checked.accepted()) {
                results[i] = new EventResult(i, text(events.get(i).get("eventId")), Status.rejected, checked.errors());
                // For the site's developer tracing an event that never scored; the log masks email addresses.
                Log.info("event rejected", "siteId", siteId, "eventId", results[i].eventId(),
                        "leadId", text(events.get(i).get("leadId")), "errors", checked.errors());
            } else if (!seen.add(activity.leadId() + "\n" + activity.eventId())) {
                results[i] = new EventResult(i, activity.eventId(), Status.duplicate, List.of());
            } else {
                fresh.add(activity);
                freshAt.add(i);
            }
        }
        if (!budget.keyTakes(site.keyId(), fresh.size(), now)) {
            return null;
        }
        // Before the lead's budget, whose counter would be an item in the erased lead's partition.
        erasedLeads.ifPresent(fence -> refuse(fence.among(fresh.stream().map(Activity::leadId).toList()), fresh, freshAt,
                results, at -> new FieldError(posted.path(at).isEmpty() ? "leadId" : posted.path(at) + ".leadId",
                        "names a lead that was erased on request; its events are no longer recorded")));
        refuse(budget.leadsOverBudget(fresh, now), fresh, freshAt, results, at -> budget.leadRefusal(posted.path(at)));
        List<ActivityStore.Outcome> outcomes = writes.map(fresh, activities::record);
        for (int k = 0; k < fresh.size(); k++) {
            results[freshAt.get(k)] = new EventResult(freshAt.get(k), fresh.get(k).eventId(),
                    outcomes.get(k) == ActivityStore.Outcome.ACCEPTED ? Status.accepted : Status.duplicate, List.of());
        }
        return List.of(results);
    }

    /** Rejects the fresh events of these leads, each with the error made for its index, and drops them. */
    private static void refuse(Set<String> leadIds, List<Activity> fresh, List<Integer> freshAt, EventResult[] results,
                               IntFunction<FieldError> error) {
        for (int k = fresh.size() - 1; k >= 0; k--) {
            if (leadIds.contains(fresh.get(k).leadId())) {
                int at = freshAt.get(k);
                results[at] = new EventResult(at, fresh.get(k).eventId(), Status.rejected, List.of(error.apply(at)));
                fresh.remove(k);
                freshAt.remove(k);
            }
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static APIGatewayV2HTTPResponse reject(int status, String code, String message, String field) {
        return HttpApi.error(status, new ApiError(code, message, field));
    }
}
