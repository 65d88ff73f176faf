package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;

import java.util.regex.Pattern;

/**
 * GET /v1/leads/{leadId}/ledger: the lead's whole score history, oldest first, a page at a time: what the
 * dashboard draws the score-over-time chart from. The cursor is the last entry's ledger key (its time and event id).
 */
final class LedgerEndpoint implements Endpoint {
    /** A ledger key as {@code LedgerEntry.key()} writes it: fixed-width UTC time, '#', an event id without '#'. */
    private static final Pattern LEDGER_KEY =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[^#\\p{Cntrl}]{1,200}");

    private final LeadStore leads;

    LedgerEndpoint(LeadStore leads) {
        this.leads = leads;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = LeadPath.leadId(request);
        Paging paging = Paging.of(request, key -> LEDGER_KEY.matcher(key).matches());
        LeadStore.LedgerPage page = leads.ledger(leadId, paging.after(), paging.limit());
        // Every scored lead has a ledger entry, so only an empty first page needs the lead looked up.
        if (page.entries().isEmpty() && paging.after() == null && leads.lead(leadId).isEmpty()) {
            throw LeadPath.notFound(leadId);
        }
        return HttpApi.json(200, new Page<>(page.entries(), Paging.cursor(page.nextAfter())));
    }
}
