package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.support.Sha256;

import java.util.HashMap;
import java.util.Map;

/**
 * GET /v1/track.js: the website tracking snippet, as the web module minified it, read from the class path once.
 * Browsers and CDNs keep it five minutes, so a fix reaches every page soon after a deployment; after that the ETag
 * lets them revalidate without downloading it again.
 */
final class TrackingScript {
    private static final String RESOURCE = "/io/leadscore/web/track.min.js";

    private final String source;
    private final String etag;

    private TrackingScript(String source) {
        this.source = source;
        this.etag = "\"" + Sha256.hex(source).substring(0, 32) + "\"";
    }

    static TrackingScript fromClassPath() {
        return new TrackingScript(ClassPathText.read(RESOURCE, "it comes with leadscore-web"));
    }

    APIGatewayV2HTTPResponse response(APIGatewayV2HTTPEvent request) {
        Map<String, String> caching = Map.of("cache-control", "public, max-age=300", "etag", etag);
        // If-None-Match may list several tags, or mark ours weak (W/"..."): either way it names this version.
        if (HttpApi.header(request, "if-none-match").filter(tags -> tags.contains(etag)).isPresent()) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(caching).build();
        }
        Map<String, String> headers = new HashMap<>(caching);
        headers.put("content-type", "application/javascript; charset=utf-8");
        headers.put("x-content-type-options", "nosniff");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers).withBody(source).build();
    }
}
