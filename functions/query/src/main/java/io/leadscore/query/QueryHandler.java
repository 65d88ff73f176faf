package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.RankIndex;
import io.leadscore.aws.dynamodb.Ranking;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Metrics;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.TreeSet;

/**
 * The query API: leads' scores explained, their score history, and the model in force, one {@link Endpoint} per
 * route, chosen by the route key API Gateway matched. Every route requires IAM authentication (template.yaml), so a
 * site's write key can never read scores; the handler refuses requests that arrive without an IAM caller as well,
 * in case a route is ever misconfigured.
 */
public final class QueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Map<String, Endpoint> routes;

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
        LeadStore leads = new LeadStore(dynamo, table, bootstrap.clock());
        ModelSource model = ModelSource.load(bootstrap.modelPath());
        Ranking ranking = new Ranking(dynamo, table);
        DeliveryLog deliveries = new DeliveryLog(dynamo, table);
        Notifications notifications = new Notifications(new Outbox(dynamo, table), deliveries);
        this.routes = Map.of(
                "GET /v1/leads/{leadId}", new LeadEndpoint(leads, notifications, model.model()),
                "GET /v1/leads/{leadId}/ledger", new LedgerEndpoint(leads),
                "GET /v1/model", new ModelEndpoint(ModelView.of(model)),
                "GET /v1/leads", new RankedEndpoint(ranking, RankIndex.LEADS, Lists.leadFilters(model.model()),
                        Lists::leadRow),
                "GET /v1/accounts", new RankedEndpoint(ranking, RankIndex.ACCOUNTS, Lists.accountFilters(),
                        Lists::accountRow),
                "GET /v1/notifications", new RankedEndpoint(ranking, RankIndex.NOTIFICATIONS,
                        Lists.notificationFilters(), item -> Lists.notificationRow(item, deliveries)),
                "GET /v1/accounts/{accountId}", new AccountEndpoint(new AccountStore(dynamo, table), notifications,
                        model.model()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Metrics metrics = new Metrics("query");
        try {
            if (HttpApi.iamCaller(request).isEmpty()) {
                return HttpApi.error(403, new ApiError("forbidden", "this API requires IAM authentication", null));
            }
            Endpoint endpoint = routes.get(request.getRouteKey());
            if (endpoint == null) {
                return HttpApi.error(404, ApiError.of("route_not_found", "the query API has no route '"
                        + request.getRouteKey() + "' (routes: " + String.join(", ", new TreeSet<>(routes.keySet()))
                        + ")"));
            }
            return endpoint.handle(request);
        } catch (Refused refused) {
            return HttpApi.error(refused.status(), refused.error());
        } finally {
            metrics.publish();
        }
    }
}
