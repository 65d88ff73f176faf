package io.leadscore.notify;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells the sales team about a qualification (LeadQualified, AccountQualified), and marketing about a model's review
 * falling due (ModelReviewDue), from the event bus: one message per routed destination, delivered once. EventBridge invokes the function asynchronously, so an exception
 * here is what makes Lambda retry the event and, at last, keep it in the dead-letter queue: that is for what no
 * retry can mend (a 4xx, an unreadable event, an unreachable table). A destination that is merely down is no
 * failure: the notification is buffered in its outage queue, for {@link NotifyRetryHandler}.
 *
 * <p>Environment: {@code NOTIFY_SECRET_ARN} (or {@code NOTIFY_CONFIG} and {@code WEBHOOK_SECRET} locally: see
 * {@link NotifySettings}), {@code TABLE_NAME}; optionally
 * {@code NOTIFY_MAX_ATTEMPTS} and {@code NOTIFY_BACKOFF_MS} (attempts per invocation and the first backoff).
 */
public final class NotifyHandler extends StreamHandler<ScheduledEvent, Void> {
    /** The template's Timeout, assumed when no Lambda context tells the time left. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private final CurrentNotifier notifier;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;
    /** Empty when erased leads may start again ({@code RecreateErasedLeads}): their qualifications are new ones. */
    private final Optional<ErasedLeads> erasedLeads;

    /** Lambda's entry: configuration from the environment. */
    public NotifyHandler() {
        this(Environment.system());
    }

    /** Refuses a bad configuration here, at start, with every problem named ({@link NotifyConfigException}). */
    public NotifyHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.notifier = new CurrentNotifier(bootstrap);
        this.erasedLeads = ErasedLeads.fence(env, bootstrap.dynamoDb(), bootstrap.table());
    }

    /** The time left: the context's, or the template's Timeout ({@code limit}) when there is no context. */
    static Instant deadline(FunctionBootstrap bootstrap, Context context, Duration limit) {
        return bootstrap.clock().instant().plus(context == null
                ? limit
                : Duration.ofMillis(context.getRemainingTimeInMillis()));
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        Metrics metrics = new Metrics("notify");
        try {
            Notice notice = read(event);
            if (ofErasedLead(notice)) {
                // Announced before the erasure fenced the lead: delivering it would write a record naming the lead.
                Log.info("not delivered: its lead was erased", "detailType", notice.detailType());
                metrics.count("NoticesOfErasedLeads", 1);
                return null;
            }
            List<DeliveryOutcome> outcomes = notifier.get().notify(notice, deadline(bootstrap, context, TIME_LIMIT));
            for (DeliveryOutcome.Result result : DeliveryOutcome.Result.values()) {
                metrics.count(result.metric(), outcomes.stream().filter(o -> o.result() == result).count());
            }
            List<DeliveryOutcome> unfinished = outcomes.stream().filter(DeliveryOutcome::unfinished).toList();
            if (!unfinished.isEmpty()) {
                throw new NotificationFailedException(notice.qualificationId(), unfinished);
            }
            return null;
        } finally {
            metrics.publish();
        }
    }

    private boolean ofErasedLead(Notice notice) {
        return notice.event() instanceof LeadQualified qualified
                && erasedLeads.map(fence -> fence.isErased(qualified.leadId())).orElse(false);
    }

    private static Notice read(ScheduledEvent event) {
        try {
            return Notice.from(event.getDetailType(), event.getDetail());
        } catch (IllegalArgumentException e) {
            // Retrying cannot help, but failing keeps the event: Lambda sends it to the dead-letter queue.
            Log.error("not an event this function can read", e, "eventId", event.getId());
            throw e;
        }
    }
}
