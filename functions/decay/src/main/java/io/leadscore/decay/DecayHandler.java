package io.leadscore.decay;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.ReviewReminders;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.scoring.ScoringRun;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled sweep: every lead whose decay or cold is due, through the sparse due index, one conditional
 * write each. It stops before the Lambda time limit; what is left is still due, so the next run takes it.
 * A crash loses nothing for the same reason, and a lead swept twice is decayed once (steps are dated).
 *
 * <p>Input, from the schedule: {@code {"model": "<model id>"}}; a sweep for another model is refused. Each page of
 * due leads is swept under the revision published when the page starts.
 *
 * <p>After the sweep, the hourly run is also what notices the model's review falling due: {@link ReviewCheck}
 * announces it once per due date.
 */
public final class DecayHandler extends StreamHandler<Map<String, Object>, DecaySweep.Summary> {
    /** Left for the write in flight and the summary, when the sweep stops early. */
    static final long SAFETY_MILLIS = 10_000;

    private final String modelId;
    private final DecaySweep sweep;
    private final ReviewCheck reviewCheck;
    private final Clock clock;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public DecayHandler() {
        this(Environment.system());
    }

    public DecayHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        DynamoDbClient dynamo = bootstrap.dynamoDb();
        String table = bootstrap.table();
        this.clock = bootstrap.clock();
        PublishedModel published = bootstrap.publishedModel();
        this.modelId = published.modelId();
        LeadStore leads = new LeadStore(dynamo, table, clock, bootstrap.retention());
        this.sweep = new DecaySweep(new DueIndex(dynamo, table),
                () -> new ScoringRun(leads, published.now().model(), clock));
        this.reviewCheck = new ReviewCheck(published, new ReviewReminders(dynamo, table));
    }

    @Override
    public DecaySweep.Summary handleRequest(Map<String, Object> input, Context context) {
        Object named = input == null ? null : input.get("model");
        if (named != null && !modelId.equals(named)) {
            throw new IllegalArgumentException("this sweep is for model '" + named + "', but the function runs '"
                    + modelId + "' (set the ModelId parameter to the model's id)");
        }
        Metrics metrics = new Metrics("decay");
        DecaySweep.Summary summary = sweep.run(clock.instant(),
                () -> context == null || context.getRemainingTimeInMillis() > SAFETY_MILLIS);
        metrics.count("LeadsDue", summary.leadsDue()).count("LeadsDecayed", summary.leadsDecayed())
                .count("LeadsWentCold", summary.leadsWentCold()).count("LeadsFailed", summary.leadsFailed())
                .count("IndexItemsRead", summary.indexItemsRead()).count("LeadsExpired", summary.leadsExpired());
        checkReview(metrics);
        metrics.publish();
        Log.info(summary.complete() ? "sweep complete" : "sweep stopped before the time limit; the next run"
                + " continues", "summary", summary);
        return summary;
    }

    /**
     * A failure here leaves the sweep's work done and is not the sweep's: it is logged and counted, and the next hourly
     * run looks again (the reminder's key makes sure it is announced once).
     */
    private void checkReview(Metrics metrics) {
        try {
            Optional<ModelReviewDue> announced = reviewCheck.run(clock.instant());
            announced.ifPresent(reminder -> Log.info("the model is due for review: announced",
                    "qualificationId", reminder.key(), "revision", reminder.revision()));
            metrics.count("ReviewsAnnounced", announced.isPresent() ? 1 : 0).count("ReviewCheckFailed", 0);
        } catch (RuntimeException e) {
            Log.error("checking whether the model is due for review failed; the next run looks again", e,
                    "modelId", modelId);
            metrics.count("ReviewsAnnounced", 0).count("ReviewCheckFailed", 1);
        }
    }
}
