package io.leadscore.decay;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.report.AuditReport;

import java.time.Clock;
import java.util.Map;

/**
 * The scheduled MQL audit (weekly by default, the template's {@code AuditSchedule}): {@link AuditCheck} audits the last
 * complete ISO week and announces {@code ModelNeedsReview} once per week when sales rejected more than half of the
 * MQLs they decided on. A function of its own beside the decay sweep, in the same module as the review reminders:
 * another schedule, and narrower rights (the audit counters and the model's outbox only).
 *
 * <p>Input, from the schedule: {@code {"model": "<model id>"}}; an audit for another model is refused.
 */
public final class AuditHandler extends StreamHandler<Map<String, Object>, AuditHandler.Summary> {
    private final String modelId;
    private final AuditCheck check;
    private final Clock clock;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** What the run audited and found. */
    public record Summary(String week, long mqls, long decided, long rejected, boolean needsReview,
                          boolean announced) {
    }

    /** Lambda's entry: configuration from the environment. */
    public AuditHandler() {
        this(Environment.system());
    }

    public AuditHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.modelId = bootstrap.modelId();
        this.clock = bootstrap.clock();
        this.check = new AuditCheck(new CountStore(bootstrap.dynamoDb(), bootstrap.table()),
                new Outbox(bootstrap.dynamoDb(), bootstrap.table()), modelId);
    }

    @Override
    public Summary handleRequest(Map<String, Object> input, Context context) {
        Object named = input == null ? null : input.get("model");
        if (named != null && !modelId.equals(named)) {
            throw new IllegalArgumentException("this audit is for model '" + named + "', but the function runs '"
                    + modelId + "' (set the ModelId parameter to the model's id)");
        }
        AuditCheck.Result result = check.run(clock.instant());
        AuditReport report = result.audit().report();
        Summary summary = new Summary(result.audit().week(), report.mqls(), report.decided(), report.rejected(),
                report.needsReview(), result.announced());
        new Metrics("audit").count("MQLs", report.mqls()).count("Decided", report.decided())
                .count("Rejected", report.rejected()).count("ReviewsAnnounced", result.announced() ? 1 : 0).publish();
        Log.info(report.needsReview() ? "the week's MQLs need the model reviewed" : "the week's audit is fine",
                "summary", summary);
        return summary;
    }
}
