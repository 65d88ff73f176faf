package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static io.leadscore.cli.FakeAdminApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the user sees when something is wrong: no runtime, no key, a wrong command; and the exit codes. */
class FailuresAndUsageTest {

    @Test
    void aRefusedConnectionSaysHowToStartTheLocalRuntimeAndExitsThree() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Run run = Cli.run("--endpoint", "http://127.0.0.1:" + closedPort, "models", "list", "default");

        assertEquals(3, run.exit());
        assertEquals("leadscore: cannot reach the API at http://127.0.0.1:" + closedPort + " (connection refused).\n"
                + "Start the local runtime from the repository root:\n"
                + "  mvn -q compile exec:java -pl infrastructure/local-runtime -am\n"
                + "or point --endpoint (LEADSCORE_ENDPOINT) at a deployment.\n", run.err());
    }

    @Test
    void aForbiddenRequestSaysWhichCredentialsTheApiWants() {
        try (FakeAdminApi api = new FakeAdminApi()) {
            api.on("GET", "/v1/models/default/revisions", json(403, "forbidden.json"));

            Cli.Run run = Cli.run("--endpoint", api.endpoint().toString(), "--admin-key", "wrong", "models", "list",
                    "default");

            assertEquals(1, run.exit());
            assertTrue(run.err().startsWith(
                    "leadscore: the API refused GET /v1/models/default/revisions (403): Forbidden\n"
                            + "Locally, pass the runtime's admin key (--admin-key or LEADSCORE_ADMIN_KEY"), run.err());
        }
    }

    @Test
    void optionsGoBeforeOrAfterTheCommand() {
        try (FakeAdminApi api = new FakeAdminApi()) {
            api.on("GET", "/v1/models/default/revisions", json(200, "revisions.json"));

            Cli.Run run = Cli.run("models", "list", "default", "--format", "json", "--admin-key", "k",
                    "--endpoint", api.endpoint().toString());

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("{\"modelId\":\"default\""), run.out());
            assertEquals("Bearer k", api.last().header("authorization"));
        }
    }

    @Test
    void wrongUsageExitsTwoWithTheUsage() {
        Cli.Run unknown = Cli.run("models", "lsit", "default");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unmatched arguments from index 1: 'lsit', 'default'"), unknown.err());

        assertEquals(2, Cli.run("models", "show", "default", "three").exit());
        assertEquals(2, Cli.run("models", "compare", "default", "--from", "1").exit());
        assertEquals(2, Cli.run("--format", "xml", "models", "list", "default").exit());
        assertEquals(2, Cli.run("models").exit());
        assertEquals(2, Cli.run("--endpoint", "127.0.0.1:3000", "models", "list", "default").exit());
    }

    @Test
    void helpListsTheCommandsTheExitCodesAndTheLifecycle() {
        Cli.Run run = Cli.run("--help");

        assertEquals(0, run.exit());
        for (String expected : new String[]{"models", "jobs", "--endpoint", "LEADSCORE_ENDPOINT", "--admin-key",
                "LEADSCORE_ADMIN_KEY", "--aws", "--region", "--profile", "--format", "Exit codes:", "0   done",
                "3   the endpoint could not be reached", "leadscore models publish default 3"}) {
            assertTrue(run.out().contains(expected), expected + " in\n" + run.out());
        }
        Cli.Run models = Cli.run("models", "--help");
        for (String command : new String[]{"list", "show", "export", "draft", "validate", "compare", "backtest",
                "publish", "Exit codes:"}) {
            assertTrue(models.out().contains(command), command + " in\n" + models.out());
        }
        assertTrue(Cli.run("models", "publish", "--help").out().contains("--announce"));
    }
}
