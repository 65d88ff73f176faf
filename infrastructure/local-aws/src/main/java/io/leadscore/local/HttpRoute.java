package io.leadscore.local;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * A route of the HTTP API that invokes a function ({@code Type: HttpApi} event).
 *
 * @param method  upper-case HTTP method, or {@code ANY}
 * @param path    path as API Gateway writes it, with {@code {name}} parameters: {@code /v1/leads/{leadId}}
 * @param iamAuth whether callers must sign their requests: the route's authorizer, or else the API's or the
 *                global default one, is AWS_IAM
 */
public record HttpRoute(String method, String path, boolean iamAuth) {

    /** The route key as API Gateway puts it in the event, e.g. {@code POST /v1/events}. */
    public String routeKey() {
        return method + " " + path;
    }

    static HttpRoute parse(TemplateNode properties, TemplateNode template) {
        String method = properties.required("Method").text().toUpperCase(Locale.ROOT);
        String path = properties.required("Path").text();
        String authorizer = Stream.of(properties.get("Auth").get("Authorizer"),
                        api(properties, template).get("Properties").get("Auth").get("DefaultAuthorizer"),
                        template.get("Globals").get("HttpApi").get("Auth").get("DefaultAuthorizer"))
                .filter(node -> !node.isMissing())
                .findFirst()
                .map(TemplateNode::text)
                .orElse("NONE");
        return new HttpRoute(method, path, authorizer.equals("AWS_IAM"));
    }

    /** The API resource that {@code ApiId: !Ref Api} names; a missing node for SAM's implicit API. */
    private static TemplateNode api(TemplateNode properties, TemplateNode template) {
        TemplateNode apiRef = properties.get("ApiId").get("Ref");
        return apiRef.isMissing() ? apiRef : template.get("Resources").get(apiRef.text());
    }
}
