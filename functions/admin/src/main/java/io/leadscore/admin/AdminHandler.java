package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ShadowScoring;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.IamRoutes;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;

import java.util.HashMap;
import java.util.Map;

/**
 * The admin API: the scoring model's revisions, backtests, publishing with a re-score of every lead, the jobs
 * these start, CRM verdicts on leads (the sales feedback: an admin's write, never a write key's), and imports of
 * history older than the live API takes ({@link ImportEvents}), and the model's challenger ({@link Challengers}); one endpoint per route, chosen by the route key API
 * Gateway matched. Every route requires IAM authentication (template.yaml; the admin key locally), and the caller's
 * ARN is the author of what it drafts, publishes or starts. A route is one line below: its key as the template writes it, and its endpoint.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code MODEL_ID}, {@code JOB_SEGMENTS} (segments of a job, 8),
 * {@code RETENTION_DAYS}, {@code RECREATE_ERASED_LEADS} (an import refuses erased leads' events unless true).
 */
public final class AdminHandler extends StreamHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IamRoutes routes;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public AdminHandler() {
        this(Environment.system());
    }

    public AdminHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        Models models = new Models(new ModelStore(bootstrap.dynamoDb(), bootstrap.table()), bootstrap.modelId(),
                bootstrap::modelSeed, bootstrap.clock());
        LeadStore leads = new LeadStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock(),
                bootstrap.retention());
        ShadowScoring shadow = new ShadowScoring(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock(),
                bootstrap.retention(), bootstrap.modelId());
        Verdicts verdicts = new Verdicts(leads, bootstrap.publishedModel(), shadow, bootstrap.clock());
        ChallengeStore challenges = new ChallengeStore(bootstrap.dynamoDb(), bootstrap.table());
        ImportEvents importEvents = new ImportEvents(new ImportedActivityStore(bootstrap.dynamoDb(), bootstrap.table(),
                new ActivityStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.retention()),
                ErasedLeads.fence(env, bootstrap.dynamoDb(), bootstrap.table())), leads, bootstrap.publishedModel(),
                bootstrap.retention(), bootstrap.clock());
        TrainingRuns trainings = new TrainingRuns(bootstrap.dynamoDb(), bootstrap.table());
        Jobs jobs = new Jobs(new JobStore(bootstrap.dynamoDb(), bootstrap.table()), env.integer("JOB_SEGMENTS", 8));
        Map<String, Endpoint> routes = new HashMap<>(Map.ofEntries(
                Map.entry("GET /v1/models/{modelId}/revisions", new ListRevisions(models)),
                Map.entry("GET /v1/models/{modelId}/revisions/{n}", new ShowRevision(models)),
                Map.entry("POST /v1/models/{modelId}/revisions", new DraftRevision(models)),
                Map.entry("GET /v1/models/{modelId}/compare", new CompareRevisions(models)),
                Map.entry("POST /v1/models/{modelId}/revisions/{n}/backtest", new StartBacktest(models, jobs)),
                Map.entry("POST /v1/models/{modelId}/revisions/{n}/publish",
                        new PublishRevision(models, jobs, challenges)),
                Map.entry("GET /v1/jobs/{jobId}", new ShowJob(jobs, models)),
                Map.entry("POST /v1/models/{modelId}/trainings", new Trainings.Start(models, trainings)),
                Map.entry("GET /v1/models/{modelId}/trainings/{trainingId}", new Trainings.Show(models, trainings)),
                Map.entry("POST /v1/leads/{leadId}/feedback", new RecordFeedback(verdicts)),
                Map.entry("POST /v1/feedback", new RecordFeedbackBatch(verdicts)),
                Map.entry("POST /v1/admin/import/events", importEvents)));
        routes.putAll(new Challengers(models, challenges, new CountStore(bootstrap.dynamoDb(), bootstrap.table()))
                .routes());
        this.routes = new IamRoutes("admin", "the admin API", routes);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        return routes.handle(request);
    }
}
