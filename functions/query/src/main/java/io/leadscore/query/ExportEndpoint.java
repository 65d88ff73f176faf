package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;

import java.util.List;

/**
 * GET /v1/leads/{leadId}/export: everything stored about the person as one JSON document, for data portability (the
 * right to a copy): the lead as stored (profile, breakdown, qualifications...), every activity and every ledger
 * entry, the announcements with what each destination was sent, the share its account keeps, and each visitor merged
 * into it with that visitor's own activities.
 */
final class ExportEndpoint implements Endpoint {
    private final LeadStore leads;
    private final Notifications notifications;
    private final AccountStore accounts;

    ExportEndpoint(LeadStore leads, Notifications notifications, AccountStore accounts) {
        this.leads = leads;
        this.notifications = notifications;
        this.accounts = accounts;
    }

    /**
     * The document: the lead as stored (its score is the sum of its breakdown, given beside it); {@code account} is
     * null when the lead belongs to none, or its share is not kept (a full account).
     */
    record Export(Lead lead, int score, List<Activity> activities, List<LedgerEntry> ledger,
                  List<LeadView.Notification> notifications, Membership account, List<Visitor> mergedVisitors) {
    }

    record Membership(String accountId, Member share) {
    }

    record Visitor(Lead visitor, List<Activity> activities) {
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = LeadPath.leadId(request);
        Lead lead = leads.lead(leadId).orElseThrow(() -> LeadPath.notFound(leadId));
        Membership account = lead.accountId() == null ? null : accounts.find(lead.accountId())
                .flatMap(found -> accounts.share(found.id(), leadId)).map(share -> new Membership(lead.accountId(), share))
                .orElse(null);
        List<Visitor> visitors = lead.mergedVisitors().stream().flatMap(id -> leads.lead(id).stream())
                .map(visitor -> new Visitor(visitor, leads.recorded(visitor.id(), true))).toList();
        return HttpApi.json(200, new Export(lead, lead.score(), leads.recorded(leadId, true), leads.ledger(leadId),
                notifications.forLead(leadId), account, visitors));
    }
}
