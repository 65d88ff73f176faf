package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ScoringRehearsal;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.model.ScoringModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        return leads.lead(leadId).map(lead -> shown(lead, leads.recentLedger(lead.id(), RECENT_LEDGER_ENTRIES)))
                .orElseThrow(() -> LeadPath.notFound(leadId));
    }

    /**
     * SnapStart's priming: the rehearsal's buyer, scored with the published model, shown as this route shows a lead
     * (its notifications read from the table, which has none of a rehearsal's lead).
     */
    APIGatewayV2HTTPResponse rehearse(ScoringRehearsal rehearsal) {
        List<LedgerEntry> newestFirst = new ArrayList<>(rehearsal.ledger(ScoringRehearsal.BUYER));
        Collections.reverse(newestFirst);
        return shown(rehearsal.lead(ScoringRehearsal.BUYER).orElseThrow(),
                newestFirst.subList(0, Math.min(RECENT_LEDGER_ENTRIES, newestFirst.size())));
    }

    private APIGatewayV2HTTPResponse shown(Lead lead, List<LedgerEntry> recentLedger) {
        return HttpApi.json(200, LeadView.of(lead, recentLedger, notifications.forLead(lead.id()), model.get()));
    }
}
