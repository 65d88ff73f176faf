package io.leadscore.local.runtime;

import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.BucketSource;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.HttpRoute;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.LocalQueue;
import io.leadscore.local.LocalS3;
import io.leadscore.local.LocalSqs;
import io.leadscore.local.QueueSource;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.local.StreamSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, from template.yaml: DynamoDB Local with the template's tables; the HTTP
 * API's routes served by the same handler classes Lambda runs; the table's stream feeding the functions
 * through the template's event source mappings (filters included); the event bus matching the template's
 * rules with Event Ruler; the schedules; and the queues that collect the streams' failed batches, feeding the functions
 * that read them. Nothing here is a fake of our own code.
 */
public final class LocalRuntime implements AutoCloseable {
    /** Where the dashboard (web/dashboard, copied onto the classpath by this module's pom) is served. */
    static final String DASHBOARD_PATH = "/dashboard/";

    private final LocalDynamoDb dynamoDb;
    private final LocalEventBus bus;
    private final LocalHttpApi api;
    private final List<StreamPoller> pollers = new ArrayList<>();
    private final LocalSchedules schedules = new LocalSchedules();
    /** The template's queues that a function reads or a stream's failures go to, by logical id. */
    private final Map<String, LocalQueue> queues = new ConcurrentHashMap<>();
    /** SendMessage for the functions that send to the template's queues (the import splitter). */
    private final LocalSqs sqs;
    /** The template's buckets, each a folder: {@link #bucketFolder}. */
    private final LocalS3 s3;
    private final Map<String, Path> bucketFolders = new HashMap<>();
    private final Options options;
    /** The model's pointer when the runtime started: what it seeded, or found in the data directory. */
    private final ModelPointer model;
    /** Whether {@code --model} was given but not used: the data directory held the model's revisions already. */
    private final boolean seedIgnored;

    /** How often the buckets' folders are looked at for new objects. */
    static final Duration BUCKET_WATCH_PERIOD = Duration.ofSeconds(1);

    /** Locally, events up to this many days old are taken, so that the demo seed can tell a six-month story. */
    public static final int MAX_EVENT_AGE_DAYS = 200;

    /** Where local pages send events from: the write key for them takes any origin. */
    public static final String BROWSER_KEY = "wk_local_browser";

    /**
     * How to run: port 0 picks a free one; a data directory keeps the tables between runs. {@code writeKey} is the
     * local site's server key (curl, the demo seed); pages use {@link #BROWSER_KEY}.
     */
    public record Options(int port, Path dataDirectory, String writeKey, String adminKey,
                          Map<String, String> environment) {

        public static Options defaults() {
            // The demo seed sends six months of 2,000 leads in minutes: locally the rate limits are far away.
            return new Options(3000, null, "wk_local_demo", randomKey(),
                    Map.of("MAX_EVENT_AGE_DAYS", String.valueOf(MAX_EVENT_AGE_DAYS), "RATE_LIMIT_PER_KEY", "10000000",
                            "RATE_LIMIT_PER_LEAD", "1000000", "NOTIFY_ALLOW_LOOPBACK", "true"));
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDirectory, writeKey, adminKey, environment);
        }

        public Options withDataDirectory(Path directory) {
            return new Options(port, directory, writeKey, adminKey, environment);
        }

        /**
         * Extra environment for every function, e.g. CLOCK_START, CLOCK_SPEED, NOTIFY_CONFIG, or MODEL_PATH: the YAML
         * that revision 1 of the model is seeded from when the table has none.
         */
        public Options withEnvironment(Map<String, String> more) {
            Map<String, String> merged = new HashMap<>(environment);
            merged.putAll(more);
            return new Options(port, dataDirectory, writeKey, adminKey, merged);
        }

        double clockSpeed() {
            return Double.parseDouble(environment.getOrDefault(Clocks.CLOCK_SPEED, "1"));
        }
    }

    public static LocalRuntime start(Options options) throws Exception {
        return new LocalRuntime(options);
    }

    /**
     * {@link #start}, failing unchecked: for a field that holds the runtime for a whole test class, which JUnit's
     * {@code @AutoClose} stops after the class's last test.
     */
    public static LocalRuntime started(Options options) {
        try {
            return start(options);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the local runtime did not start", e);
        }
    }

    private LocalRuntime(Options options) throws Exception {
        this.options = options;
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalDynamoDb.Builder db = LocalDynamoDb.builder(template);
        if (options.dataDirectory() != null) {
            db.dataDirectory(options.dataDirectory());
        }
        this.dynamoDb = db.start();
        this.bus = LocalEventBus.start(template);
        WriteKeyStore keys = new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC());
        keys.register("local-site", options.writeKey());
        keys.register("local-site", BROWSER_KEY, List.of("*")); // any local page may use it
        this.sqs = LocalSqs.start(this::queue);
        this.s3 = LocalS3.start(bucketFolders(template, options.dataDirectory()));
        Environment modelEnvironment = environment(template, "ScoreFunction");
        boolean tableHadModel = modelStore().pointer(modelEnvironment.require("MODEL_ID")).isPresent();
        this.model = seedModel(modelEnvironment);
        this.seedIgnored = tableHadModel && modelEnvironment.get("MODEL_PATH").isPresent();
        List<LocalHttpApi.Route> routes = new ArrayList<>();
        Map<String, LocalFunction> functions = new HashMap<>();
        for (FunctionDef definition : template.functions()) {
            LocalFunction function = new LocalFunction(definition, environment(template, definition.logicalId()));
            functions.put(definition.logicalId(), function);
            for (HttpRoute route : definition.httpRoutes()) {
                routes.add(LocalHttpApi.Route.of(route.method(), route.path(), route.iamAuth(), function::http));
            }
            for (QueueSource source : definition.queueSources()) {
                queue(source.queueLogicalId()).consumedBy(source, function::queue);
            }
            if (!definition.eventRules().isEmpty()) {
                bus.target(definition.logicalId(), function::event);
            }
            schedules.add(function, template.resolver(dynamoDb::tableName));
        }
        watchBuckets(template, functions);
        // After every queue has its consumer: a batch may fail for good at the first poll.
        for (FunctionDef definition : template.functions()) {
            LocalFunction function = functions.get(definition.logicalId());
            for (StreamSource source : definition.streamSources()) {
                pollers.add(new StreamPoller(dynamoDb, source, function::stream, failure -> {
                    if (source.onFailureQueue() != null) {
                        queue(source.onFailureQueue()).send(failure.toJson());
                    }
                }).start());
            }
        }
        // Local only, behind the admin key: run the schedules (the decay sweep) now instead of waiting.
        routes.add(LocalHttpApi.Route.of("POST", "/local/schedules/run", true,
                request -> HttpApi.json(200, schedules.runAll())));
        this.api = new LocalHttpApi(options.port(), routes, options.adminKey(),
                new StaticFiles(DASHBOARD_PATH, "io/leadscore/dashboard"));
        schedules.start(options.clockSpeed());
    }

    /**
     * Each bucket of the template, served from {@code <data directory>/<logical id in kebab case>} (so
     * {@code .leadscore/import-bucket}), or from a temporary folder without a data directory; its local name is the
     * folder's.
     */
    private Map<String, Path> bucketFolders(SamTemplate template, Path dataDirectory) throws IOException {
        Path base = dataDirectory != null ? dataDirectory : Files.createTempDirectory("leadscore-buckets");
        template.functions().stream().flatMap(function -> function.bucketSources().stream())
                .map(BucketSource::bucketLogicalId).distinct().forEach(logicalId -> bucketFolders.put(logicalId,
                        base.resolve(logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))));
        Map<String, Path> byName = new HashMap<>();
        bucketFolders.values().forEach(folder -> byName.put(folder.getFileName().toString(), folder));
        return byName;
    }

    /** S3's event notifications: an object created in a bucket's folder invokes the functions whose filter it passes. */
    private void watchBuckets(SamTemplate template, Map<String, LocalFunction> functions) {
        bucketFolders.forEach((logicalId, folder) -> s3.watch(folder.getFileName().toString(), BUCKET_WATCH_PERIOD,
                created -> template.functions().forEach(definition -> definition.bucketSources().stream()
                        .filter(source -> source.bucketLogicalId().equals(logicalId) && source.matches(created.key()))
                        .forEach(source -> functions.get(definition.logicalId()).s3(created.toEvent())))));
    }

    /** The folder that stands for a bucket of the template (its logical id), where files dropped are uploads. */
    public Path bucketFolder(String logicalId) {
        Path folder = bucketFolders.get(logicalId);
        if (folder == null) {
            throw new IllegalArgumentException("no function of the template reads a bucket named " + logicalId);
        }
        return folder;
    }

    /** The queue of the template with this logical id, made when first named. */
    public LocalQueue queue(String logicalId) {
        return queues.computeIfAbsent(logicalId, LocalQueue::new);
    }

    /** A function's environment: the template's, resolved against the local stand-ins, and the options'. */
    private Environment environment(SamTemplate template, String functionId) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, dynamoDb, bus, functionId));
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("SQS_ENDPOINT", sqs.endpoint().toString());
        env.putAll(options.environment());
        return new Environment(env);
    }

    private ModelStore modelStore() {
        return new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    /**
     * Seeds revision 1 of the model now, as the first function to run would in AWS, so that the admin API and the
     * dashboard find it before any event; from {@code --model}'s file (MODEL_PATH) when given. With a data directory
     * that holds the model already, nothing is seeded: the model then changes through the admin API.
     */
    private ModelPointer seedModel(Environment env) {
        return modelStore().seed(env.require("MODEL_ID"), ModelSeed.of(env.get("MODEL_PATH").orElse(null)),
                Clocks.from(env).instant());
    }

    /** The model's pointer as the runtime found or seeded it at start. */
    public ModelPointer model() {
        return model;
    }

    public URI baseUri() {
        return api.baseUri();
    }

    /**
     * The dashboard, with the admin key in the fragment: a fragment never leaves the browser, and the page moves
     * the key into its session storage and out of the address bar at once.
     */
    public URI dashboardUri() {
        return URI.create("http://localhost:" + baseUri().getPort() + DASHBOARD_PATH + "#key=" + options.adminKey());
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    public LocalEventBus bus() {
        return bus;
    }

    public Options options() {
        return options;
    }

    /** Waits until every record in the table's stream so far has been through the functions it feeds. */
    public void awaitStreams(Duration timeout) {
        pollers.forEach(poller -> poller.drain(timeout));
    }

    /** How many passes its stream pollers have made over their streams so far: what an idle runtime keeps low. */
    public long streamPolls() {
        return pollers.stream().mapToLong(StreamPoller::polls).sum();
    }

    /** Runs every schedule of the template now (the decay sweep); what each function returned. */
    public Map<String, Object> runSchedules() {
        return schedules.runAll();
    }

    @Override
    public void close() {
        api.close();
        schedules.close();
        pollers.forEach(StreamPoller::close);
        s3.close();
        sqs.close();
        bus.close();
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
                case "--clock-start" -> options = options.withEnvironment(Map.of(Clocks.CLOCK_START, args[++i]));
                case "--clock-speed" -> options = options.withEnvironment(Map.of(Clocks.CLOCK_SPEED, args[++i]));
                case "--notify-config" -> options = options.withEnvironment(Map.of("NOTIFY_CONFIG", args[++i]));
                default -> {
                    System.err.println("usage: LocalRuntime [--port 3000] [--data-dir DIR] [--model FILE]"
                            + " [--clock-start 2026-01-01T00:00:00Z] [--clock-speed 1440] [--notify-config JSON]");
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
                  write keys (site "local-site"): %4$s (servers, curl), %9$s (pages, track.js)
                  admin key (query, admin API):   %5$s
                  dashboard:                      %6$s
                  model:                          %7$s
                  import bucket:                  %10$s (move events/*.jsonl files in; README "Importing history at scale")

                Send an event:
                  curl -s -X POST %1$s/v1/events -H 'content-type: application/json' -H 'x-write-key: %4$s' \\
                    -d '{"type":"page_view","leadId":"lead-1","timestamp":"'$(date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ)'","properties":{"url":"https://example.com/pricing"}}'

                Read the lead's explained score:
                  curl -s %1$s/v1/leads/lead-1 -H 'authorization: Bearer %5$s'

                The model's revisions (draft one: POST the YAML to the same address, content-type: application/yaml):
                  curl -s %1$s/v1/models/%8$s/revisions -H 'authorization: Bearer %5$s'

                Fill the dashboard with demo data (2,000 leads over the last six months):
                  mvn -q compile exec:java -pl infrastructure/local-runtime -am -Dexec.mainClass=io.leadscore.local.runtime.DemoData \\
                    -Dexec.args="--url %1$s --write-key %4$s --admin-key %5$s"
                """.formatted(url, runtime.dynamoDb.endpoint(),
                o.dataDirectory() == null ? "in memory" : "data in " + o.dataDirectory(), o.writeKey(), o.adminKey(),
                runtime.dashboardUri(), modelLine(runtime), runtime.model.modelId(), BROWSER_KEY,
                runtime.bucketFolders.values().stream().map(Path::toString).findFirst().orElse("none"));
    }

    private static String modelLine(LocalRuntime runtime) {
        ModelPointer model = runtime.model;
        String line = model.modelId() + "@" + model.published() + " published, of " + model.latest() + " revision"
                + (model.latest() == 1 ? "" : "s");
        return runtime.seedIgnored ? line + " (--model ignored: the data directory holds the model's revisions;"
                + " draft the file through the admin API)" : line;
    }

    private static String randomKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "ak_local_" + HexFormat.of().formatHex(bytes);
    }
}
