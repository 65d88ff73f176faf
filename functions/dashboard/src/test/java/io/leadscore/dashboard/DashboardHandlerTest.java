package io.leadscore.dashboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard as the API serves it in AWS: web/dashboard's files as they are, but config.js the stack's sign-in,
 * a page policy that lets the page reach its sign-in and nothing else, revalidation by ETag, and nothing outside the
 * folder.
 */
class DashboardHandlerTest {
    private static final Path WEB = Path.of("../../web/dashboard");
    private static final Map<String, String> STACK = Map.of(
            "SIGN_IN_REGION", "eu-west-1",
            "USER_POOL_ID", "eu-west-1_AbCdEf123",
            "USER_POOL_CLIENT_ID", "4tq0clientid",
            "IDENTITY_POOL_ID", "eu-west-1:0a1b2c3d-1111-2222-3333-444455556666");

    private final DashboardHandler handler = new DashboardHandler(new Environment(STACK));

    private APIGatewayV2HTTPResponse get(String file, Map<String, String> headers) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("file", file);
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder().withRawPath("/dashboard/" + file)
                .withPathParameters(parameters).withHeaders(headers).build();
        return handler.handleRequest(request, null);
    }

    @Test
    void servesThePageAndItsModulesAsTheyAreInWebDashboard() throws Exception {
        for (String file : new String[]{"index.html", "app.js", "api.js", "sigv4.js", "aws-sign-in.js", "style.css",
                "icon.svg"}) {
            APIGatewayV2HTTPResponse response = get(file, Map.of());
            assertEquals(200, response.getStatusCode(), file);
            assertEquals(Files.readString(WEB.resolve(file)), response.getBody(), file);
        }
        assertEquals("text/html; charset=utf-8", get("index.html", Map.of()).getHeaders().get("content-type"));
        assertEquals("text/javascript; charset=utf-8", get("app.js", Map.of()).getHeaders().get("content-type"));
        assertEquals("text/css; charset=utf-8", get("style.css", Map.of()).getHeaders().get("content-type"));
        assertEquals("image/svg+xml", get("icon.svg", Map.of()).getHeaders().get("content-type"));
    }

    @Test
    void configJsIsTheStacksCognitoSignInNotTheAdminKey() throws Exception {
        String script = get("config.js", Map.of()).getBody();
        assertTrue(script.contains("\nexport default {"), script);
        JsonNode config = Json.mapper().readTree(script.substring(script.indexOf("{"), script.lastIndexOf("}") + 1));
        assertEquals("", config.get("apiBase").asText());
        assertEquals("cognito", config.get("signIn").asText());
        assertEquals("eu-west-1", config.get("region").asText());
        assertEquals("eu-west-1_AbCdEf123", config.get("userPoolId").asText());
        assertEquals("4tq0clientid", config.get("userPoolClientId").asText());
        assertEquals("eu-west-1:0a1b2c3d-1111-2222-3333-444455556666", config.get("identityPoolId").asText());
        assertEquals(6, config.size(), config.toString());
    }

    @Test
    void thePagePolicyAllowsItsOwnOriginAndItsSignInOnly() {
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                        + " https://cognito-idp.eu-west-1.amazonaws.com"
                        + " https://cognito-identity.eu-west-1.amazonaws.com; frame-ancestors 'none'; base-uri 'none';"
                        + " form-action 'none'",
                get("index.html", Map.of()).getHeaders().get("content-security-policy"));
    }

    @Test
    void aBrowserRevalidatesByEtagAfterFiveMinutes() {
        APIGatewayV2HTTPResponse first = get("app.js", Map.of());
        String etag = first.getHeaders().get("etag");
        assertEquals("max-age=300", first.getHeaders().get("cache-control"));
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);

        APIGatewayV2HTTPResponse again = get("app.js", Map.of("if-none-match", "W/" + etag));
        assertEquals(304, again.getStatusCode());
        assertNull(again.getBody());
        assertEquals(200, get("app.js", Map.of("if-none-match", "\"0123\"")).getStatusCode());
    }

    @Test
    void nothingButTheFolderOwnFilesIsServedAndA404NamesTheField() throws Exception {
        for (String name : new String[]{"missing.js", "../pom.xml", "..%2Fpom.xml", "DashboardHandler.class",
                "index.html.bak", "", "app.js/", "sub/app.js"}) {
            APIGatewayV2HTTPResponse response = get(name, Map.of());
            assertEquals(404, response.getStatusCode(), name);
            JsonNode error = Json.mapper().readTree(response.getBody()).get("error");
            assertEquals("not_found", error.get("code").asText(), name);
            assertEquals("file", error.get("field").asText(), name);
        }
    }
}
