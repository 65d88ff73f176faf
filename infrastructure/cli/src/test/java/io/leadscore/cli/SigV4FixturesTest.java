package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requests of web/test/fixtures/sigv4-java.json signed by the CLI's signer (the SDK's): each must come out as the
 * file says. The dashboard's JavaScript signer is held to the same file (web/test/dashboard-aws.test.js), so the two
 * sign a request of the dashboard alike: a path with an encoded character, a query out of order with a space and a
 * colon, a POST, with temporary credentials.
 */
class SigV4FixturesTest {
    private static final Path FIXTURES = Path.of("..", "..", "web", "test", "fixtures", "sigv4-java.json");

    @Test
    void theCliSignsEachRequestOfTheFixturesAsTheFileSays() throws Exception {
        JsonNode fixtures = new ObjectMapper().readTree(FIXTURES.toFile());
        JsonNode credentials = fixtures.get("credentials");
        SigV4Authorizer signer = new SigV4Authorizer(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.get("accessKeyId").asText(), credentials.get("secretAccessKey").asText(),
                credentials.get("sessionToken").asText())), fixtures.get("region").asText(),
                Clock.fixed(Instant.parse(fixtures.get("time").asText()), ZoneOffset.UTC));
        List<String> differences = new ArrayList<>();
        assertTrue(fixtures.get("requests").size() >= 3);
        for (JsonNode request : fixtures.get("requests")) {
            OutgoingRequest signed = signer.authorize(new OutgoingRequest(request.get("method").asText(),
                    URI.create(request.get("url").asText()), Map.of(), new byte[0]));
            String expected = request.get("authorization").asText();
            if (!expected.equals(signed.headers().get("Authorization"))) {
                differences.add(request.get("method").asText() + " " + request.get("url").asText() + "\n  file: "
                        + expected + "\n  CLI:  " + signed.headers().get("Authorization") + "\n  headers: " + signed.headers());
            }
            assertEquals(credentials.get("sessionToken").asText(), signed.headers().get("X-Amz-Security-Token"));
            assertEquals(fixtures.get("amzDate").asText(), signed.headers().get("X-Amz-Date"));
        }
        assertEquals(List.of(), differences);
    }
}
