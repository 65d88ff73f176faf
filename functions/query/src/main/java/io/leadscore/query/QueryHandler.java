package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.Priming;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Optional;

/**
 * GET /v1/leads/{leadId}: the lead's score explained, with its latest ledger entries. The route requires IAM
 * authentication (template.yaml), so a site's write key can never read scores; the handler refuses requests
 * that arrive without an IAM caller as well, in case a route is ever misconfigured.
 */
public final class QueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int RECENT_LEDGER_ENTRIES = 20;

    private final LeadStore leads;
    private final Outbox outbox;
    private final DeliveryLog deliveries;
    private final ScoringModel model;

    /** SnapStart priming; held here because CRaC holds it weakly. */
    private final Priming priming;

    /** Lambda's entry: configuration from the environment. */
    public QueryHandler() {
        this(Environment.system());
    }

    public QueryHandler(Environment env) {
        DynamoDbClient dynamo = AwsClients.dynamoDb(env);
        this.leads = new LeadStore(dynamo, env.require("TABLE_NAME"), Clocks.from(env));
        this.outbox = new Outbox(dynamo, env.require("TABLE_NAME"));
        this.deliveries = new DeliveryLog(dynamo, env.require("TABLE_NAME"));
        this.model = ModelLoader.load(env.get("MODEL_PATH").orElse(null));
        this.priming = Priming.register(env);
    }

    /** What the lead's announcements were, and how each reached the sales team. */
    private List<LeadView.Notification> notifications(String leadId) {
        return outbox.forLead(leadId).stream().map(announcement -> new LeadView.Notification(announcement,
                deliveries.forQualification(announcement.qualificationId()))).toList();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Metrics metrics = new Metrics("query");
        try {
            if (HttpApi.iamCaller(request).isEmpty()) {
                return HttpApi.error(403, new ApiError("forbidden", "this API requires IAM authentication", null));
            }
            Optional<String> leadId = HttpApi.pathParameter(request, "leadId").filter(id -> !id.isBlank());
            if (leadId.isEmpty()) {
                return HttpApi.error(400, new ApiError("missing_lead_id", "name the lead: /v1/leads/{leadId}",
                        "leadId"));
            }
            if (!ActivityValidator.isIdentity(leadId.get())) {
                return HttpApi.error(400, new ApiError("invalid_lead_id", "a lead id is 1-128 characters without"
                        + " control characters, as events give it", "leadId"));
            }
            return leads.find(leadId.get())
                    .map(lead -> HttpApi.json(200, LeadView.of(lead,
                            leads.recentLedger(lead.id(), RECENT_LEDGER_ENTRIES), notifications(lead.id()), model)))
                    .orElseGet(() -> HttpApi.error(404, new ApiError("lead_not_found",
                            "no lead '" + leadId.get() + "' has been scored", "leadId")));
        } finally {
            metrics.publish();
        }
    }
}
