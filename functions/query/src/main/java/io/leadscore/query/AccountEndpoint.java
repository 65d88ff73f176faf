package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.model.ScoringModel;

import java.util.function.Supplier;

/** GET /v1/accounts/{accountId}: the account's score, members and their shares, coverage and MQA history. */
final class AccountEndpoint implements Endpoint {
    private final AccountStore accounts;
    private final Notifications notifications;
    /** The published revision, as of moments ago. */
    private final Supplier<ScoringModel> model;

    AccountEndpoint(AccountStore accounts, Notifications notifications, Supplier<ScoringModel> model) {
        this.accounts = accounts;
        this.notifications = notifications;
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String accountId = HttpApi.pathParameter(request, "accountId").filter(id -> !id.isBlank())
                .orElseThrow(() -> new Refused(400, "missing_account_id", "name the account: /v1/accounts/{accountId}",
                        "accountId"));
        if (!ActivityValidator.isIdentity(accountId)) {
            throw new Refused(400, "invalid_account_id", "an account id is 1-128 characters without control"
                    + " characters, as events give it", "accountId");
        }
        return accounts.find(accountId)
                .map(account -> HttpApi.json(200, AccountView.of(account,
                        accounts.members(accountId), model.get(), notifications.forAccount(accountId))))
                .orElseThrow(() -> new Refused(404, "account_not_found", "no account '" + accountId
                        + "' has members", "accountId"));
    }
}
