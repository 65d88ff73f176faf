package io.leadscore.local;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * Reads a route as the SAM transform does, and refuses what it refuses: an authorizer the API does not define
     * ({@code AWS_IAM} is defined by the API's {@code Auth: {EnableIamAuthorizer: true}}), and {@code NONE} on an API
     * without a default authorizer.
     */
    static HttpRoute parse(TemplateNode properties, TemplateNode template) {
        String method = properties.required("Method").text().toUpperCase(Locale.ROOT);
        String path = properties.required("Path").text();
        TemplateNode api = api(properties, template);
        // Globals.HttpApi apply to every HttpApi, the implicit one too; the API's own keys win.
        List<TemplateNode> apiAuth = List.of(api.get("Properties").get("Auth"), template.get("Globals").get("HttpApi").get("Auth"));
        TemplateNode routeAuthorizer = properties.get("Auth").get("Authorizer");
        Optional<TemplateNode> defaultAuthorizer = first(apiAuth, "DefaultAuthorizer");
        TemplateNode authorizer = routeAuthorizer.isMissing() ? defaultAuthorizer.orElse(routeAuthorizer) : routeAuthorizer;
        String name = authorizer.text("NONE");
        String apiName = api.isMissing() ? "the implicit HttpApi" : "the API " + properties.get("ApiId").get("Ref").text();
        if (name.equals("NONE") && !routeAuthorizer.isMissing() && defaultAuthorizer.isEmpty()) {
            throw routeAuthorizer.error("NONE is allowed only on an API with a DefaultAuthorizer, and " + apiName + " has none");
        }
        boolean iamEnabled = first(apiAuth, "EnableIamAuthorizer").map(enabled -> enabled.bool(false)).orElse(false);
        boolean defined = apiAuth.stream().anyMatch(auth -> !auth.get("Authorizers").get(name).isMissing());
        if (!name.equals("NONE") && !defined && !(name.equals("AWS_IAM") && iamEnabled)) {
            throw authorizer.error(name + " is not an authorizer of " + apiName
                    + (name.equals("AWS_IAM") ? ": set Auth: {EnableIamAuthorizer: true} on it" : ": define it under Auth.Authorizers"));
        }
        return new HttpRoute(method, path, name.equals("AWS_IAM"));
    }

    private static Optional<TemplateNode> first(List<TemplateNode> scopes, String key) {
        return scopes.stream().map(scope -> scope.get(key)).filter(node -> !node.isMissing()).findFirst();
    }

    /** The API resource that {@code ApiId: !Ref Api} names; a missing node for SAM's implicit API. */
    private static TemplateNode api(TemplateNode properties, TemplateNode template) {
        TemplateNode apiRef = properties.get("ApiId").get("Ref");
        return apiRef.isMissing() ? apiRef : template.get("Resources").get(apiRef.text());
    }
}
