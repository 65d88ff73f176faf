package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.RankIndex;
import io.leadscore.aws.dynamodb.Ranking;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * GET /v1/leads and GET /v1/accounts: a list ranked by score, highest first, a page at a time, narrowed by the
 * filters the list offers. Unknown query parameters are refused rather than ignored, so a misspelt filter never
 * silently shows the whole list.
 */
final class RankedEndpoint implements Endpoint {
    /** A list's filters: from the request's query parameters, a test of an index item; unknown names refused. */
    interface Filters {
        Predicate<Map<String, Object>> of(Map<String, String> query);
    }

    private final Ranking ranking;
    private final RankIndex list;
    private final Filters filters;
    private final Function<Map<String, Object>, Object> view;

    RankedEndpoint(Ranking ranking, RankIndex list, Filters filters, Function<Map<String, Object>, Object> view) {
        this.ranking = ranking;
        this.list = list;
        this.filters = filters;
        this.view = view;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        Predicate<Map<String, Object>> keep = filters.of(query);
        Paging paging = Paging.of(request, position -> Ranking.isPosition(position, list));
        Ranking.Page page = ranking.page(list, paging.limit(), paging.after(), keep);
        return HttpApi.json(200, new Page<>(page.items().stream().map(view).toList(), Paging.cursor(page.after())));
    }
}
