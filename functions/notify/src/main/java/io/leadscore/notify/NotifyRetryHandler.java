package io.leadscore.notify;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;

import java.time.Duration;
import java.util.Map;

/**
 * The scheduled retry of notifications that a destination could not take ({@link OutageSweep}), every minute. Its
 * input (the schedule's event) says nothing it needs. Each run reports the age of the oldest notification still
 * buffered ({@code OldestBufferedDeliveryMinutes}), which the template alarms on, and those abandoned.
 *
 * <p>Environment: as {@link NotifyHandler}'s.
 */
public final class NotifyRetryHandler extends StreamHandler<Map<String, Object>, OutageSweep.Summary> {
    /** The template's Timeout, assumed when no Lambda context tells the time left. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private final CurrentNotifier notifier;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public NotifyRetryHandler() {
        this(Environment.system());
    }

    /** Refuses a bad configuration here, at start, with every problem named ({@link NotifyConfigException}). */
    public NotifyRetryHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.notifier = new CurrentNotifier(bootstrap);
    }

    @Override
    public OutageSweep.Summary handleRequest(Map<String, Object> scheduled, Context context) {
        Metrics metrics = new Metrics("notify");
        try {
            OutageSweep.Summary summary = notifier.get().outageSweep()
                    .run(NotifyHandler.deadline(bootstrap, context, TIME_LIMIT));
            metrics.count("NotificationsRedelivered", summary.delivered())
                    .count("NotificationsRetriedInVain", summary.retriedInVain())
                    .count("NotificationsAbandoned", summary.abandoned())
                    .count("OldestBufferedDeliveryMinutes", summary.oldestBufferedMinutes());
            Log.info("outage queues served", "summary", summary);
            return summary;
        } finally {
            metrics.publish();
        }
    }
}
