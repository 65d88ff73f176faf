package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.model.ScoringModel;

import java.util.function.Supplier;

/** GET /v1/leads/{leadId}: the lead's score explained, its latest ledger entries and what sales was told. */
final class LeadEndpoint implements Endpoint {
    static final int RECENT_LEDGER_ENTRIES = 20;

    private final LeadStore leads;
    private final Notifications notifications;
    /** The published revision, as of moments ago: thresholds and rule descriptions come from it. */
    private final Supplier<ScoringModel> model;

    LeadEndpoint(LeadStore leads, Notifications notifications, Supplier<ScoringModel> model) {
        this.leads = leads;
        this.notifications = notifications;
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = LeadPath.leadId(request);
        return leads.lead(leadId)
                .map(lead -> HttpApi.json(200, LeadView.of(lead, leads.recentLedger(lead.id(),
                        RECENT_LEDGER_ENTRIES), notifications.forLead(lead.id()), model.get())))
                .orElseThrow(() -> LeadPath.notFound(leadId));
    }
}
