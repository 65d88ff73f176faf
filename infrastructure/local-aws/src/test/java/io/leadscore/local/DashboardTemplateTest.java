package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in AWS as template.yaml deploys it (README "Deploy to AWS", "The dashboard"): served by a function of
 * the API at DashboardUrl, with no AWS access; people an administrator creates in a user pool sign in with their
 * password, and the identity pool gives the signed-in ones only a role that may call the routes the dashboard uses.
 */
class DashboardTemplateTest {
    private static final JsonNode TEMPLATE = CloudFormationYaml.read(SamTemplate.locate());
    private static final JsonNode RESOURCES = TEMPLATE.get("Resources");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode properties(String logicalId) {
        return RESOURCES.path(logicalId).path("Properties");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theApiServesTheDashboardFromAFunctionWithoutAwsAccessAtDashboardUrl() throws Exception {
        JsonNode function = properties("DashboardFunction");
        assertEquals("io.leadscore.dashboard.DashboardHandler::handleRequest", function.path("Handler").asText());
        assertTrue(function.path("Policies").isMissingNode(), "no policy: it reads no table and calls no service");
        assertEquals(json("""
                {"DashboardFile": {"Type": "HttpApi", "Properties": {"ApiId": {"Ref": "LeadScoreApi"},
                 "Path": "/dashboard/{file}", "Method": "GET"}}}"""), function.path("Events"));
        assertEquals(json("""
                {"SIGN_IN_REGION": {"Ref": "AWS::Region"}, "USER_POOL_ID": {"Ref": "DashboardUserPool"},
                 "USER_POOL_CLIENT_ID": {"Ref": "DashboardUserPoolClient"},
                 "IDENTITY_POOL_ID": {"Ref": "DashboardIdentityPool"}}"""),
                function.path("Environment").path("Variables"));
        assertEquals(json("""
                {"Fn::Sub": "https://${LeadScoreApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dashboard/index.html"}"""),
                TEMPLATE.path("Outputs").path("DashboardUrl").path("Value"));
        assertEquals(TEMPLATE.path("Outputs").path("ApiUrl").path("Value").path("Fn::Sub").asText() + "/dashboard/index.html",
                TEMPLATE.path("Outputs").path("DashboardUrl").path("Value").path("Fn::Sub").asText());
        assertEquals(json("{\"Ref\": \"DashboardUserPool\"}"), TEMPLATE.path("Outputs").path("DashboardUserPool").path("Value"));
    }

    @Test
    void onlyAnAdministratorCreatesAccountsAndThePageSignsInWithoutASecret() throws Exception {
        JsonNode pool = properties("DashboardUserPool");
        assertTrue(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean());
        assertEquals(json("[\"email\"]"), pool.path("UsernameAttributes"));
        assertEquals(12, pool.path("Policies").path("PasswordPolicy").path("MinimumLength").asInt());

        JsonNode client = properties("DashboardUserPoolClient");
        assertEquals(json("{\"Ref\": \"DashboardUserPool\"}"), client.path("UserPoolId"));
        assertFalse(client.path("GenerateSecret").asBoolean(true), "a public client: a browser keeps no secret");
        assertEquals(json("[\"ALLOW_USER_PASSWORD_AUTH\", \"ALLOW_REFRESH_TOKEN_AUTH\"]"), client.path("ExplicitAuthFlows"));
        assertTrue(client.path("AllowedOAuthFlows").isMissingNode() && client.path("CallbackURLs").isMissingNode(),
                "no redirect: its callback URL would make the API, the function and the client a cycle");
        assertEquals("ENABLED", client.path("PreventUserExistenceErrors").asText());
    }

    @Test
    void onlySignedInPeopleOfThePoolGetTheDashboardRole() throws Exception {
        JsonNode identityPool = properties("DashboardIdentityPool");
        assertFalse(identityPool.path("AllowUnauthenticatedIdentities").asBoolean(true));
        assertFalse(identityPool.path("AllowClassicFlow").asBoolean(true));
        assertEquals(json("""
                [{"ClientId": {"Ref": "DashboardUserPoolClient"},
                  "ProviderName": {"Fn::GetAtt": ["DashboardUserPool", "ProviderName"]}, "ServerSideTokenCheck": true}]"""),
                identityPool.path("CognitoIdentityProviders"));
        assertEquals(json("""
                {"IdentityPoolId": {"Ref": "DashboardIdentityPool"},
                 "Roles": {"authenticated": {"Fn::GetAtt": ["DashboardUserRole", "Arn"]}}}"""),
                properties("DashboardIdentityPoolRoles"));
        assertEquals(json("""
                [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "DashboardIdentityPool"}},
                                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]"""),
                properties("DashboardUserRole").path("AssumeRolePolicyDocument").path("Statement"));
    }

    @Test
    void theDashboardRoleMayCallTheReadRoutesBacktestAndPublishOnly() {
        JsonNode policies = properties("DashboardUserRole").path("Policies");
        assertEquals(1, policies.size());
        JsonNode statements = policies.path(0).path("PolicyDocument").path("Statement");
        assertEquals(1, statements.size());
        JsonNode statement = statements.path(0);
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals("execute-api:Invoke", statement.path("Action").asText());
        String api = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LeadScoreApi}/*/";
        List<String> resources = new ArrayList<>();
        statement.path("Resource").forEach(resource -> resources.add(resource.path("Fn::Sub").asText()));
        assertEquals(List.of(api + "GET/v1/*", api + "POST/v1/models/*/revisions/*/backtest",
                api + "POST/v1/models/*/revisions/*/publish"), resources);

        // What that allows among the API's IAM routes: every GET, and of the others these two only.
        List<String> allowed = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        RESOURCES.forEach(resource -> resource.path("Properties").path("Events").forEach(event -> {
            JsonNode route = event.path("Properties");
            if (!route.path("Auth").path("Authorizer").asText().equals("AWS_IAM")) {
                return;
            }
            String key = route.path("Method").asText().toUpperCase() + route.path("Path").asText()
                    .replaceAll("\\{[^}]+}", "x");
            boolean matches = resources.stream().anyMatch(pattern -> key.matches(pattern.substring(api.length())
                    .replace("*", "[^ ]*")));
            (matches ? allowed : denied).add(key);
        }));
        assertTrue(allowed.containsAll(List.of("GET/v1/leads", "GET/v1/leads/x", "GET/v1/model", "GET/v1/reports/audit",
                "GET/v1/models/x/revisions", "GET/v1/models/x/challenger", "GET/v1/jobs/x", "POST/v1/models/x/revisions/x/publish",
                "POST/v1/models/x/revisions/x/backtest")), allowed.toString());
        // Importing history stays with IAM principals given ApiInvokeArn, as drafting, training, erasure and challengers do.
        assertEquals(List.of("DELETE/v1/leads/x", "DELETE/v1/models/x/challenger", "POST/v1/admin/import/events",
                "POST/v1/feedback", "POST/v1/leads/x/feedback", "POST/v1/models/x/revisions",
                "POST/v1/models/x/trainings", "POST/v1/ops/redrive", "PUT/v1/models/x/challenger"),
                denied.stream().sorted().toList());
    }

    @Test
    void theLocalRuntimeReadsTheTemplateWithTheDashboardsResourcesIn() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        FunctionDef dashboard = template.functions().stream()
                .filter(function -> function.logicalId().equals("DashboardFunction")).findFirst().orElseThrow();
        assertEquals(List.of("GET /dashboard/{file}"), dashboard.httpRoutes().stream().map(HttpRoute::routeKey).toList());
        assertFalse(dashboard.httpRoutes().get(0).iamAuth());
        // Locally the Cognito resources are not run: a Ref to one is its logical id, and the function still starts.
        Map<String, String> environment = dashboard.environment(template.resolver(table -> table));
        assertEquals("DashboardUserPool", environment.get("USER_POOL_ID"));
        assertEquals("DashboardIdentityPool", environment.get("IDENTITY_POOL_ID"));
        assertEquals(LocalAws.REGION.id(), environment.get("SIGN_IN_REGION"));
    }
}
