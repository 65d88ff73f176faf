package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.model.ScoringModel;

/** GET /v1/leads/{leadId}: the lead's score explained, its latest ledger entries and what sales was told. */
final class LeadEndpoint implements Endpoint {
    static final int RECENT_LEDGER_ENTRIES = 20;

    private final LeadStore leads;
    private final Notifications notifications;
    private final ScoringModel model;

    LeadEndpoint(LeadStore leads, Notifications notifications, ScoringModel model) {
        this.leads = leads;
        this.notifications = notifications;
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = LeadPath.leadId(request);
        return leads.lead(leadId)
                .map(lead -> HttpApi.json(200, LeadView.of(lead, leads.recentLedger(lead.id(),
                        RECENT_LEDGER_ENTRIES), notifications.forLead(lead.id()), model)))
                .orElseThrow(() -> LeadPath.notFound(leadId));
    }
}
