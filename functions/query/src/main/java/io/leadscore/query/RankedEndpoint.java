package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.RankIndex;
import io.leadscore.aws.dynamodb.Ranking;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GET /v1/leads, GET /v1/accounts and GET /v1/notifications: a list ranked by score (or time), a page at a time,
 * narrowed by the filters the list offers. Unknown query parameters are refused rather than ignored, so a misspelt
 * filter never silently shows the whole list. A list that offers CSV answers {@code ?format=csv} with the same rows,
 * the next page's cursor in the {@value #NEXT_CURSOR} header (absent on the last page).
 *
 * @param <R> the list's row
 */
final class RankedEndpoint<R> implements Endpoint {
    static final String FORMAT = "format";
    /** Where a CSV page says how to ask for the next: the body is all rows. */
    static final String NEXT_CURSOR = "x-next-cursor";

    /** A list's filters: from the request's query parameters, what to read of the index; unknown names refused. */
    interface Filters {
        Ranking.Selection of(Map<String, String> query);

        /** The list the request reads: the endpoint's, unless its order ranks by something else. */
        default RankIndex list(Map<String, String> query, RankIndex list) {
            return list;
        }
    }

    /** A page of rows as CSV; {@code first}: the page that starts the file. */
    interface CsvPage<R> {
        String of(List<R> rows, boolean first);
    }

    private final Ranking ranking;
    private final RankIndex list;
    private final Filters filters;
    private final Function<Map<String, Object>, R> view;
    private final CsvPage<R> csv;
    private final String fileName;

    /** A list answered in JSON only. */
    RankedEndpoint(Ranking ranking, RankIndex list, Filters filters, Function<Map<String, Object>, R> view) {
        this(ranking, list, filters, view, null, null);
    }

    /** A list answered in JSON, or as CSV ({@code fileName} offered to save it as). */
    RankedEndpoint(Ranking ranking, RankIndex list, Filters filters, Function<Map<String, Object>, R> view,
                   CsvPage<R> csv, String fileName) {
        this.ranking = ranking;
        this.list = list;
        this.filters = filters;
        this.view = view;
        this.csv = csv;
        this.fileName = fileName;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        Ranking.Selection selection = filters.of(query);
        boolean asCsv = csv != null && QueryString.oneOf(query, FORMAT, "json", "csv").equals("csv");
        RankIndex read = filters.list(query, list);
        Paging paging = Paging.of(request, position -> Ranking.isPosition(position, read, selection));
        Ranking.Page page = ranking.page(read, selection, paging.limit(), paging.after());
        List<R> rows = page.items().stream().map(view).toList();
        String next = Paging.cursor(page.after());
        if (!asCsv) {
            return HttpApi.json(200, new Page<>(rows, next));
        }
        APIGatewayV2HTTPResponse response = HttpApi.withHeader(HttpApi.text(200, HttpApi.CSV,
                csv.of(rows, paging.after() == null)), "content-disposition", "attachment; filename=\"" + fileName
                + "\"");
        return next == null ? response : HttpApi.withHeader(response, NEXT_CURSOR, next);
    }
}
