package io.leadscore.bench;

import io.leadscore.activity.Retention;
import io.leadscore.decay.DecaySweep;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.ingest.IngestHandler;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.score.ScoreHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Store throughput on one in-process DynamoDB Local, each figure beside a baseline measured in the same run with the
 * same SDK client setup (url-connection, single calling thread): ingest against raw conditional PutItem, the score
 * function against raw UpdateItem, at several numbers of leads in the table, with the decay sweep's index reads.
 * Write requests and item writes are counted by {@link WriteCounter}, which sees the handlers' own clients.
 *
 * <p>Run: {@code mvn -q install -DskipTests && mvn -q exec:java -pl bench
 * -Dexec.mainClass=io.leadscore.bench.StoreThroughput -Dexec.args="--events 5000 --batches 20 --leads 300,3000,30000"}
 */
public final class StoreThroughput {
    private static final String WRITE_KEY = "bench-write-key";
    private static final int INGEST_BATCH = 25;
    private static final int SCORE_BATCH = 100;
    private static final int LEADS_PER_BATCH = 20;
    private static final double INGEST_GOAL_RATIO = 0.8;
    static final double DECAY_GOAL_READS = 1.2;

    private final LocalDynamoDb dynamoDb;
    private final SamTemplate template;
    private final String table;
    private final DynamoDbClient client;

    private StoreThroughput(LocalDynamoDb dynamoDb, SamTemplate template) {
        this.dynamoDb = dynamoDb;
        this.template = template;
        this.table = dynamoDb.tableName("LeadScoreTable");
        // The baselines' client is built as the handlers build theirs.
        this.client = AwsClients.dynamoDb(environment("IngestFunction"));
    }

    public static void main(String[] args) {
        int events = 5000;
        int batches = 20;
        List<Integer> sizes = List.of(300, 3000, 30_000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--leads" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        List<String> table = new ArrayList<>();
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(template).start()) {
            StoreThroughput bench = new StoreThroughput(dynamoDb, template);
            table.add("| Measure | Leads in table | Handler | Baseline | Ratio | Write requests / event | Item writes / event"
                    + " | Write requests / batch | Item writes / batch | Distinct leads / batch | Distinct accounts / batch"
                    + " | Index entries read / lead due |");
            table.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            table.add(bench.ingest(events));
            for (int leads : sizes) {
                dynamoDb.freshTables();
                table.add(bench.score(leads, batches, false));
            }
            // The committee case: each batch holds five members of each of four accounts.
            dynamoDb.freshTables();
            table.add(bench.score(sizes.get(0), batches, true));
        }
        System.out.println();
        System.out.printf("Ingest: %d events, batches of %d, one calling thread; score: %d batches of %d activities"
                + " over %d leads each; baselines: the same number of single-thread PutItem / UpdateItem.%n%n",
                events, INGEST_BATCH, batches, SCORE_BATCH, LEADS_PER_BATCH);
        table.forEach(System.out::println);
        System.out.printf("%nrun time %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0); // the handlers keep thread pools
    }

    private Environment environment(String functionId) {
        return new Environment(LocalFunctions.environment(template, dynamoDb, functionId));
    }

    // ---- ingest -------------------------------------------------------------------------------------------------

    private String ingest(int events) {
        new WriteKeyStore(client, table, Clock.systemUTC()).register("bench-site", WRITE_KEY);
        IngestHandler handler = new IngestHandler(environment("IngestFunction"));
        ingestRun(handler, "warm", Math.max(INGEST_BATCH, events / 5));
        Map<String, AttributeValue> sample = client.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS("LEAD#lead-warm-0"))).limit(1).build()).items().get(0);
        putRun(sample, "warm", Math.max(INGEST_BATCH, events / 5));

        WriteCounter.Counts before = WriteCounter.counts();
        long t0 = System.nanoTime();
        ingestRun(handler, "run", events);
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        WriteCounter.Counts ingestWrites = WriteCounter.counts().minus(before);
        long t1 = System.nanoTime();
        putRun(sample, "run", events);
        double putSeconds = (System.nanoTime() - t1) / 1e9;
        double rate = events / ingestSeconds;
        double baseline = events / putSeconds;
        int batches = (events + INGEST_BATCH - 1) / INGEST_BATCH;
        Goal.report("ingest-vs-put", "Ingest vs raw conditional PutItem, same item size", "ratio >= 0.8",
                rate / baseline >= INGEST_GOAL_RATIO, "%.2f (%,.0f events/s against %,.0f PutItem/s, %,d events)",
                rate / baseline, rate, baseline, events);
        return String.format("| Ingest (events/s) vs conditional PutItem/s | - | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | - | - |",
                rate, baseline, rate / baseline, ingestWrites.writeRequests() / (double) events,
                ingestWrites.itemWrites() / (double) events, ingestWrites.writeRequests() / (double) batches,
                ingestWrites.itemWrites() / (double) batches);
    }

    private void ingestRun(IngestHandler handler, String phase, int events) {
        String now = Instant.now().toString();
        for (int from = 0; from < events; from += INGEST_BATCH) {
            List<String> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + INGEST_BATCH, events); i++) {
                batch.add(IngestPost.event(phase + "-" + i, "page_view", "lead-" + phase + "-" + i % 500, now,
                        "{\"url\": \"https://acme.example/pricing\"}"));
            }
            IngestPost.send(request -> handler.handleRequest(request, null), WRITE_KEY, batch);
        }
    }

    /** The stored activity {@code sample} copied under new keys: the same item size, the same condition. */
    private void putRun(Map<String, AttributeValue> sample, String phase, int items) {
        for (int i = 0; i < items; i++) {
            Map<String, AttributeValue> item = new HashMap<>(sample);
            String eventId = "raw-" + phase + "-" + i;
            item.put("pk", AttributeValue.fromS("LEAD#raw-" + phase + "-" + (i % 500)));
            item.put("sk", AttributeValue.fromS("ACT#" + eventId));
            item.put("eventId", AttributeValue.fromS(eventId));
            client.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build());
        }
    }

    // ---- score and decay ----------------------------------------------------------------------------------------

    /**
     * Scores batches of 100 activities over 20 leads: spread over the table (so over 20 accounts), or with
     * {@code committees}, five members of each of four accounts, whose account each transaction writes once.
     */
    private String score(int leads, int batches, boolean committees) {
        Instant now = Instant.now();
        LeadScorer scorer = new LeadScorer(ModelLoader.defaultModel());
        LeadStore store = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        long loading = System.nanoTime();
        // As DecayRate: one lead in a hundred last engaged 31 days ago, so its first decay step is due.
        BulkLoad.load(leads, 1000, i -> scored(scorer, "lead-" + i, accountOf(i, leads),
                now.minus(Duration.ofDays(i % 100 == 0 ? 31 : 5))), store::importLeads);
        System.err.printf("loaded %d leads in %.0f s%n", leads, (System.nanoTime() - loading) / 1e9);

        ScoreHandler handler = new ScoreHandler(environment("ScoreFunction"));
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        int warm = Math.max(1, batches / 5);
        List<DynamodbEvent> warmEvents = new ArrayList<>();
        List<DynamodbEvent> runEvents = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        int leadSlot = 0;
        for (int b = 0; b < warm + batches; b++) {
            List<String> batchLeads = new ArrayList<>();
            while (batchLeads.size() < LEADS_PER_BATCH) {
                // Spread over the whole table; never a lead that is due, so the sweep below sees 1% due. As
                // committees: lead a + j * accounts is member j of account a (see accountOf).
                int slot = leadSlot++;
                int accounts = Math.max(1, leads / 5);
                int k = committees ? (int) ((slot / 5 * 7919L + 1) % accounts + (slot % 5) * (long) accounts) % leads
                        : (int) ((slot * 7919L) % leads);
                String id = "lead-" + k;
                if (k % 100 != 0 && !batchLeads.contains(id)) {
                    batchLeads.add(id);
                }
            }
            DynamodbEvent event = streamBatch(activities, batchLeads, "b" + b, now);
            if (b < warm) {
                warmEvents.add(event);
            } else {
                runEvents.add(event);
                event.getRecords().forEach(r -> distinct.add(r.getDynamodb().getKeys().get("pk").getS()));
            }
        }
        warmEvents.forEach(e -> invoke(handler, e));

        WriteCounter.Counts before = WriteCounter.counts();
        long t0 = System.nanoTime();
        runEvents.forEach(e -> invoke(handler, e));
        double scoreSeconds = (System.nanoTime() - t0) / 1e9;
        WriteCounter.Counts writes = WriteCounter.counts().minus(before);
        int events = batches * SCORE_BATCH;

        updateRun("warm", warm * SCORE_BATCH, now);
        long t1 = System.nanoTime();
        updateRun("run", events, now);
        double updateSeconds = (System.nanoTime() - t1) / 1e9;

        DecaySweep.Summary sweep = new DecaySweep(new DueIndex(dynamoDb.client(), table),
                () -> new ScoringRun(store, scorer.model(), Clock.systemUTC()))
                .run(now, () -> true);
        if (sweep.leadsDue() != (leads + 99) / 100) {
            System.err.printf("warning: %d leads due, expected %d%n", sweep.leadsDue(), (leads + 99) / 100);
        }
        double rate = events / scoreSeconds;
        double baseline = events / updateSeconds;
        double requests = writes.writeRequests() / (double) batches;
        double distinctLeads = distinctPerBatch(runEvents, pk -> pk);
        double distinctAccounts = distinctPerBatch(runEvents,
                pk -> accountOf(Integer.parseInt(pk.substring("LEAD#lead-".length())), leads));
        Goal.report("score-write-requests", String.format(Locale.ROOT, "Score: write requests per batch, %,d leads in"
                        + " the table%s", leads, committees ? ", committees of 5" : ""),
                "<= distinct leads + distinct accounts per batch", requests <= distinctLeads + distinctAccounts,
                "%.1f per batch of %d events (limit %.1f)", requests, SCORE_BATCH, distinctLeads + distinctAccounts);
        double indexReads = sweep.indexItemsRead() / (double) sweep.leadsDue();
        if (!committees) {
            Goal.report("decay-index-reads", String.format(Locale.ROOT, "Decay: index entries read per lead due,"
                    + " %,d leads, 1%% due", leads), "<= 1.2", indexReads <= DECAY_GOAL_READS,
                    "%.2f (%,d leads due)", indexReads, sweep.leadsDue());
        }
        return String.format("| Score (events/s) vs UpdateItem/s%s | %,d | %.0f | %.0f | %.2f | %.3f | %.3f | %.1f | %.1f | %.1f | %.1f | %.2f |",
                committees ? ", committees of 5" : "", leads, rate, baseline, rate / baseline,
                writes.writeRequests() / (double) events,
                writes.itemWrites() / (double) events, writes.writeRequests() / (double) batches,
                writes.itemWrites() / (double) batches, distinctLeads, distinctAccounts, indexReads);
    }

    /** The distinct values per batch of what {@code key} makes of each record's partition key. */
    private static double distinctPerBatch(List<DynamodbEvent> events, java.util.function.Function<String, String> key) {
        return events.stream().mapToInt(e -> (int) e.getRecords().stream()
                .map(r -> key.apply(r.getDynamodb().getKeys().get("pk").getS())).distinct().count()).average().orElse(0);
    }

    /**
     * Leads belong to accounts of five (a buying committee), by email domain: lead i to company i mod (leads / 5),
     * so a batch's leads, spread over the table, mostly belong to different accounts, as a busy site's would.
     */
    private static String accountOf(int lead, int leads) {
        return "company-" + lead % Math.max(1, leads / 5) + ".example";
    }

    private static void invoke(ScoreHandler handler, DynamodbEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the batch failed: " + response.getBatchItemFailures());
        }
    }

    /** Stores 100 activities over the leads (5 each, interleaved) and reads them back as their stream records. */
    private DynamodbEvent streamBatch(ActivityStore activities, List<String> leads, String batch, Instant now) {
        List<StreamBatch.Key> keys = new ArrayList<>();
        for (int i = 0; i < SCORE_BATCH; i++) {
            String leadId = leads.get(i % leads.size());
            String eventId = batch + "-" + i;
            Activity activity = new Activity(eventId, "page_view", leadId, now.minusSeconds(SCORE_BATCH - i),
                    Map.of("url", "https://acme.example/pricing"), "bench-site", now);
            activities.record(activity);
            keys.add(new StreamBatch.Key(leadId, eventId));
        }
        return StreamBatch.readBack(client, table, keys, batch + "-", now);
    }

    /** Single-thread UpdateItem of as many items as there were events, in the same table, never a lead's item. */
    private void updateRun(String phase, int items, Instant now) {
        for (int i = 0; i < items; i++) {
            client.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("BENCH#" + phase + "-" + (i % 400)),
                            "sk", AttributeValue.fromS("LEAD")))
                    .updateExpression("SET score = :score, updatedAt = :at ADD revision :one")
                    .expressionAttributeValues(Map.of(":score", AttributeValue.fromN(Integer.toString(i)),
                            ":at", AttributeValue.fromS(now.toString()), ":one", AttributeValue.fromN("1")))
                    .build());
        }
    }

    /** 85 points: pricing three times, a whitepaper, and a fitting profile; all at {@code at} (as DecayRate). */
    private static Lead scored(LeadScorer scorer, String leadId, String company, Instant at) {
        Lead lead = Lead.newLead(leadId);
        List<Map<String, Object>> events = List.of(Map.of("url", "https://acme.example/pricing"),
                Map.of("url", "https://acme.example/pricing/teams"), Map.of("url", "https://acme.example/pricing/faq"),
                Map.of("formId", "whitepaper-roi"), Map.of("jobTitle", "VP Sales", "industry", "software",
                        "companySize", BigDecimal.valueOf(250), "country", "US", "email", leadId + "@" + company));
        String[] types = {"page_view", "page_view", "page_view", "form_submit", "identify"};
        for (int i = 0; i < types.length; i++) {
            lead = scorer.apply(lead, new Activity(leadId + "-" + i, types[i], leadId, at, events.get(i), "site", at),
                    at).lead();
        }
        return lead;
    }
}
