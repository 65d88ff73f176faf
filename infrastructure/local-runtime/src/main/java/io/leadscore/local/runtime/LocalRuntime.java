package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.HttpRoute;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.local.StreamSource;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, from template.yaml: DynamoDB Local with the template's tables, the HTTP
 * API's routes served by the same handler classes Lambda runs, and the stream feeding the score function
 * through the template's event source mapping (filter included). Nothing here is a fake of our own code.
 */
public final class LocalRuntime implements AutoCloseable {
    private final SamTemplate template;
    private final LocalDynamoDb dynamoDb;
    private final LocalHttpApi api;
    private final List<StreamPoller> pollers = new ArrayList<>();
    private final Options options;

    /** How to run: port 0 picks a free one; a data directory keeps the tables between runs. */
    public record Options(int port, Path dataDirectory, String writeKey, String adminKey,
                          Map<String, String> environment) {

        public static Options defaults() {
            return new Options(3000, null, "wk_local_demo", randomKey(), Map.of());
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDirectory, writeKey, adminKey, environment);
        }

        public Options withDataDirectory(Path directory) {
            return new Options(port, directory, writeKey, adminKey, environment);
        }

        /** Extra environment for every function, e.g. CLOCK_START or MODEL_PATH. */
        public Options withEnvironment(Map<String, String> more) {
            Map<String, String> merged = new HashMap<>(environment);
            merged.putAll(more);
            return new Options(port, dataDirectory, writeKey, adminKey, merged);
        }
    }

    public static LocalRuntime start(Options options) throws Exception {
        return new LocalRuntime(options);
    }

    private LocalRuntime(Options options) throws Exception {
        this.options = options;
        this.template = SamTemplate.load(SamTemplate.locate());
        LocalDynamoDb.Builder db = LocalDynamoDb.builder(template);
        if (options.dataDirectory() != null) {
            db.dataDirectory(options.dataDirectory());
        }
        this.dynamoDb = db.start();
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("local-site", options.writeKey());
        List<LocalHttpApi.Route> routes = new ArrayList<>();
        for (FunctionDef function : template.functions()) {
            Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, dynamoDb, function.logicalId()));
            env.putAll(options.environment());
            Object handler = instantiate(function, new Environment(env));
            for (HttpRoute route : function.httpRoutes()) {
                routes.add(LocalHttpApi.Route.of(route.method(), route.path(), route.iamAuth(), function.logicalId(),
                        function.timeoutSeconds(), httpHandler(handler)));
            }
            for (StreamSource source : function.streamSources()) {
                pollers.add(new StreamPoller(dynamoDb, source, streamHandler(handler, function)).start());
            }
        }
        this.api = new LocalHttpApi(options.port(), routes, options.adminKey());
    }

    public URI baseUri() {
        return api.baseUri();
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public Options options() {
        return options;
    }

    /** Waits until every activity recorded so far has been through the score function. */
    public void awaitScoring(java.time.Duration timeout) {
        pollers.forEach(poller -> poller.drain(timeout));
    }

    @Override
    public void close() {
        api.close();
        pollers.forEach(StreamPoller::close);
        dynamoDb.close();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> options = options.withPort(Integer.parseInt(args[++i]));
                case "--data-dir" -> options = options.withDataDirectory(Path.of(args[++i]));
                case "--model" -> options = options.withEnvironment(Map.of("MODEL_PATH",
                        Path.of(args[++i]).toAbsolutePath().toString()));
                case "--clock-start" -> options = options.withEnvironment(Map.of("CLOCK_START", args[++i]));
                default -> {
                    System.err.println("usage: LocalRuntime [--port 3000] [--data-dir DIR] [--model FILE]"
                            + " [--clock-start 2026-01-01T00:00:00Z]");
                    System.exit(2);
                }
            }
        }
        LocalRuntime runtime = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nleadscore: stopping");
            runtime.close();
            stopped.countDown();
        }));
        System.out.println(banner(runtime));
        stopped.await();
    }

    static String banner(LocalRuntime runtime) {
        String url = runtime.baseUri().toString();
        Options o = runtime.options();
        return """

                leadscore is running locally at %1$s  (Ctrl-C stops it)
                  DynamoDB Local: %2$s (%3$s)
                  write key (site "local-site"): %4$s
                  admin key (query API):         %5$s

                Send an event:
                  curl -s -X POST %1$s/v1/events -H 'content-type: application/json' -H 'x-write-key: %4$s' \\
                    -d '{"type":"page_view","leadId":"lead-1","timestamp":"'$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)'","properties":{"url":"https://example.com/pricing"}}'

                Read the lead's explained score:
                  curl -s %1$s/v1/leads/lead-1 -H 'authorization: Bearer %5$s'
                """.formatted(url, runtime.dynamoDb.endpoint(),
                o.dataDirectory() == null ? "in memory" : "data in " + o.dataDirectory(), o.writeKey(), o.adminKey());
    }

    private static Object instantiate(FunctionDef function, Environment env) throws Exception {
        return Class.forName(function.handlerClass()).getConstructor(Environment.class).newInstance(env);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpHandler(Object handler) {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
    }

    @SuppressWarnings("unchecked")
    private static java.util.function.Function<DynamodbEvent, StreamsEventResponse> streamHandler(Object handler,
                                                                                                  FunctionDef function) {
        var typed = (RequestHandler<DynamodbEvent, StreamsEventResponse>) handler;
        return event -> typed.handleRequest(event, new LocalContext(function.logicalId(), function.timeoutSeconds()));
    }

    private static String randomKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "ak_local_" + HexFormat.of().formatHex(bytes);
    }
}
