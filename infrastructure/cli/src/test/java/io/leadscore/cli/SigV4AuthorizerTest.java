package io.leadscore.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.leadscore.cli.FakeAdminApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --aws: every request signed for execute-api in the stack's region, with the SDK's credential chain (here its
 * system properties), and sent exactly as signed (the signature is recomputed from what the server received).
 */
class SigV4AuthorizerTest {
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", ACCESS_KEY,
            "aws.secretAccessKey", SECRET_KEY, "aws.sessionToken", SESSION_TOKEN);

    private final FakeAdminApi api = new FakeAdminApi();

    @BeforeEach
    void credentials() {
        CREDENTIALS.forEach(System::setProperty);
    }

    @AfterEach
    void clear() {
        CREDENTIALS.keySet().forEach(System::clearProperty);
        api.close();
    }

    @Test
    void aDraftIsSignedWithItsBodyAndHeadersInTheStacksRegion(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("model.yaml"), "model: default\nrules: []\n");
        api.on("POST", "/v1/models/default/revisions", json(201, "created.json"));

        Cli.Run run = Cli.run("--endpoint", api.endpoint().toString(), "--aws", "--region", "eu-west-1",
                "--admin-key", "ignored-with-aws", "models", "draft", "default", "--file", file.toString(),
                "--notes", "Q4 review");

        assertEquals(0, run.exit(), run.err());
        FakeAdminApi.Received post = api.last();
        assertTrue(post.header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/"),
                post.header("authorization"));
        assertTrue(post.header("authorization").contains("/eu-west-1/execute-api/aws4_request, "));
        assertTrue(post.header("authorization").contains("x-notes"), "the notes are signed too");
        assertEquals(SESSION_TOKEN, post.header("x-amz-security-token"));
        SigV4Check.assertValid(post, ACCESS_KEY, SECRET_KEY, "eu-west-1");
    }

    @Test
    void aQueryIsSignedAsSentAndEveryPollIsSigned() {
        api.on("POST", "/v1/models/default/revisions/3/backtest", json(202, "backtest-started.json"));
        api.on("GET", "/v1/jobs/job-bt-1", json(200, "backtest-running.json"), json(200, "backtest-done.json"));

        Cli.Run run = Cli.run("--endpoint", api.endpoint().toString(), "--region", "us-west-2", "models",
                "backtest", "default", "3", "--from", "2026-09-01T00:00:00Z", "--to", "2026-12-01");

        assertEquals(0, run.exit(), run.err());
        assertEquals(3, api.received().size());
        assertTrue(api.received().get(0).rawQuery().contains("from=2026-09-01T00%3A00%3A00Z"),
                api.received().get(0).rawQuery());
        api.received().forEach(request -> SigV4Check.assertValid(request, ACCESS_KEY, SECRET_KEY, "us-west-2"));
    }

    @Test
    void theRegionComesFromAnExecuteApiEndpoint() {
        assertEquals("eu-west-1",
                SigV4Authorizer.regionOf(URI.create("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com")));
        assertEquals("cn-north-1",
                SigV4Authorizer.regionOf(URI.create("https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/")));
        assertNull(SigV4Authorizer.regionOf(URI.create("https://scoring.example.com")));
        assertEquals("ap-south-1", SigV4Authorizer.forEndpoint(
                URI.create("https://a1b2c3d4e5.execute-api.ap-south-1.amazonaws.com"), null, null).region());
        assertEquals("eu-central-1", SigV4Authorizer.forEndpoint(
                URI.create("https://a1b2c3d4e5.execute-api.ap-south-1.amazonaws.com"), "eu-central-1", null).region());
    }

    @Test
    void aProfileWithoutCredentialsIsAUsageErrorAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = eu-west-1\n");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        try {
            Cli.Run run = Cli.run("--endpoint", api.endpoint().toString(), "--profile", "nobody", "--region",
                    "eu-west-1", "models", "list", "default");

            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().startsWith("leadscore: --aws found no AWS credentials: "), run.err());
            assertTrue(api.received().isEmpty());
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.sharedCredentialsFile");
        }
    }
}
