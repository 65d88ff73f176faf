package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.RankIndex;
import io.leadscore.aws.dynamodb.Ranking;
import io.leadscore.aws.dynamodb.ScoringRehearsal;
import io.leadscore.aws.http.IamRoutes;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.model.ScoringModel;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The query API: leads' scores explained, their score history, and the model in force; a person's data exported
 * or erased; reports read from the counters kept at write time; one endpoint per route,
 * chosen by the route key API Gateway matched. Every route requires IAM authentication (template.yaml), so a
 * site's write key can never read scores; the routes refuse requests that arrive without an IAM caller as well, in
 * case a route is ever misconfigured. The model is the published revision, checked at most every
 * {@link PublishedModel#RECHECK_AFTER} (a publish shows within that).
 */
public final class QueryHandler extends StreamHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IamRoutes routes;
    /** SnapStart's priming: a lead scored in memory, shown as GET /v1/leads/{leadId} shows one. */
    private final Supplier<APIGatewayV2HTTPResponse> rehearsal;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public QueryHandler() {
        this(Environment.system());
    }

    public QueryHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        DynamoDbClient dynamo = bootstrap.dynamoDb();
        String table = bootstrap.table();
        // The query function reads leads and ledgers and writes none: the retention does not concern it.
        LeadStore leads = new LeadStore(dynamo, table, bootstrap.clock(), Retention.DEFAULT);
        PublishedModel published = bootstrap.publishedModel();
        Supplier<ScoringModel> model = () -> published.recent().model();
        Ranking ranking = new Ranking(dynamo, table);
        DeliveryLog deliveries = new DeliveryLog(dynamo, table);
        Notifications notifications = new Notifications(new Outbox(dynamo, table), deliveries);
        AccountStore accounts = new AccountStore(dynamo, table);
        CountStore counts = new CountStore(dynamo, table);
        LeadEndpoint lead = new LeadEndpoint(leads, notifications, model);
        this.rehearsal = () -> lead.rehearse(new ScoringRehearsal(leads).scored(model.get(), bootstrap.clock()));
        bootstrap.alsoWarm(() -> answer(rehearse()));
        this.routes = new IamRoutes("query", "the query API", Map.ofEntries(
                Map.entry("GET /v1/leads/{leadId}", lead),
                Map.entry("GET /v1/leads/{leadId}/export", new ExportEndpoint(leads, notifications, accounts)),
                Map.entry("DELETE /v1/leads/{leadId}", new EraseEndpoint(new LeadErasure(dynamo, table, bootstrap.clock()),
                        model)),
                Map.entry("GET /v1/leads/{leadId}/ledger", new LedgerEndpoint(leads)),
                Map.entry("GET /v1/model", new ModelEndpoint(published)),
                Map.entry("GET /v1/leads", new RankedEndpoint<>(ranking, RankIndex.LEADS, Lists.leadFilters(model),
                        item -> Lists.leadRow(item, model.get()), LeadCsv::page, "leads.csv")),
                Map.entry("GET /v1/accounts", new RankedEndpoint<>(ranking, RankIndex.ACCOUNTS, Lists.accountFilters(),
                        Lists::accountRow)),
                Map.entry("GET /v1/notifications", new RankedEndpoint<>(ranking, RankIndex.NOTIFICATIONS,
                        Lists.notificationFilters(), item -> Lists.notificationRow(item, deliveries))),
                Map.entry("GET /v1/accounts/{accountId}", new AccountEndpoint(accounts, notifications,
                        model)),
                Map.entry("GET /v1/reports/nps", new NpsEndpoint(counts)),
                Map.entry("GET /v1/reports/calibration", new CalibrationEndpoint(counts, model)),
                Map.entry("GET /v1/reports/audit",
                        new AuditReportEndpoint(counts, published.modelId(), bootstrap.clock())),
                Map.entry("GET /v1/reports/stages", new StageReportEndpoint(counts, bootstrap.clock()))));
    }

    /**
     * SnapStart's priming: the {@link ScoringRehearsal}'s buyer, scored in memory with the published model, shown as
     * the lead route shows a lead; the answer is then written as an invocation's. The table is left as it was.
     */
    APIGatewayV2HTTPResponse rehearse() {
        return rehearsal.get();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        return routes.handle(request);
    }
}
