package io.leadscore.dashboard;

import io.leadscore.aws.lambda.Environment;
import io.leadscore.support.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page needs to sign in where it runs in AWS: the stack's Cognito user pool and its app client, and the
 * identity pool that turns a sign-in into temporary credentials for the API (web/dashboard, aws-sign-in.js). Served
 * as the page's {@code config.js} in place of the local one (which says: the admin key).
 */
record DashboardConfig(String region, String userPoolId, String userPoolClientId, String identityPoolId) {

    /** From the function's environment, which template.yaml fills with the stack's resources. */
    static DashboardConfig from(Environment env) {
        return new DashboardConfig(env.require("SIGN_IN_REGION"), env.require("USER_POOL_ID"),
                env.require("USER_POOL_CLIENT_ID"), env.require("IDENTITY_POOL_ID"));
    }

    /** The page's config.js: an ES module with this configuration as its default export. */
    String script() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("apiBase", "");
        config.put("signIn", "cognito");
        config.put("region", region);
        config.put("userPoolId", userPoolId);
        config.put("userPoolClientId", userPoolClientId);
        config.put("identityPoolId", identityPoolId);
        return "// This stack's sign-in (the dashboard function writes it from template.yaml's resources).\n"
                + "export default " + Json.write(config) + ";\n";
    }

    /** Where the page's scripts may connect besides its own origin: the user pool's and identity pool's APIs. */
    String connectSources() {
        return "https://cognito-idp." + region + ".amazonaws.com https://cognito-identity." + region + ".amazonaws.com";
    }
}
