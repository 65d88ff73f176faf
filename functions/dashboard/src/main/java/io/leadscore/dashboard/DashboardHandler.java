package io.leadscore.dashboard;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.lambda.Environment;

import java.util.Map;

/**
 * GET /dashboard/{file}: the dashboard in AWS, served by the API it reads, so that page and API share one origin (no
 * CORS on the API, whose ingest routes answer CORS per write key) and deploy together with {@code sam deploy}. The
 * route is public, like the page's files; the data behind them is not: the page signs its API requests with the
 * credentials of a Cognito sign-in (DashboardConfig). Browsers keep each file five minutes, then revalidate it by
 * its ETag. Locally the runtime serves the same files with the admin key's config.js.
 */
public final class DashboardHandler extends StreamHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DashboardFiles files;
    /** The page may talk to its own origin and its sign-in only, and nothing may frame it. */
    private final String pagePolicy;

    public DashboardHandler() {
        this(Environment.system());
    }

    public DashboardHandler(Environment env) {
        DashboardConfig config = DashboardConfig.from(env);
        this.files = new DashboardFiles(config);
        this.pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src"
                + " 'self' " + config.connectSources() + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Map<String, String> parameters = request.getPathParameters();
        String name = parameters == null ? "" : parameters.getOrDefault("file", "");
        var found = files.find(name);
        if (found.isEmpty()) {
            return HttpApi.error(404, new ApiError("not_found", "the dashboard has no file '" + name
                    + "': it serves index.html and the scripts, styles and icon it loads", "file"));
        }
        DashboardFiles.File file = found.get();
        Map<String, String> caching = Map.of("cache-control", "max-age=300", "etag", file.etag());
        // If-None-Match may list several tags, or mark ours weak (W/"..."): either way it names this version.
        if (HttpApi.header(request, "if-none-match").filter(tags -> tags.contains(file.etag())).isPresent()) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(caching).build();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of(
                "content-type", file.contentType(), "cache-control", "max-age=300", "etag", file.etag(),
                "x-content-type-options", "nosniff", "referrer-policy", "no-referrer",
                "content-security-policy", pagePolicy)).withBody(file.text()).build();
    }
}
