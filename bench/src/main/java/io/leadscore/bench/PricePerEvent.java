package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.AccountStore;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.ingest.IngestHandler;
import io.leadscore.lead.Lead;
import io.leadscore.local.EventRuleSource;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.PublishedEvent;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ModelLoader;
import io.leadscore.notify.NotifyHandler;
import io.leadscore.publish.PublishHandler;
import io.leadscore.score.ScoreHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The price of an event: events sent through the whole path in process, each handler invoked as Lambda invokes it
 * and metered ({@link Meter}): {@code POST /v1/events} through the ingest function in requests of one lead's events,
 * the stored activities handed to the score function as stream batches of the template's size (100 events over 20
 * leads, five of each of four accounts), the outbox records the scoring wrote handed to the publish function in
 * batches of its template size, and the bus events that the notify function's rule matches handed to it. Every
 * DynamoDB call's consumed capacity, every invocation's billed duration at the template's memory, API requests,
 * EventBridge events and the bytes logged are counted, then priced from {@code aws-prices.json} ({@link Bill}).
 * Measured for accounts of 5 and of 1,000 members, loaded first and not metered: the members the batches touch
 * through the score function (one identify activity each, recorded directly), so whatever design of accounts the
 * code has is measured, the others as their shares in an imported account ({@link AccountStore#importAccount}).
 *
 * <p>The sizes do the same thing, so that the only difference is the account's size: each measured batch touches
 * four accounts no batch touched before, the same five members of each (members 0 to 4, with the same profiles), and
 * every account is loaded below its threshold and crosses it once in its batch. The other members of an account of
 * 1,000 have profiles that earn no points, so the account's score when loaded is the five members' fit at every
 * size. The run fails unless every size announced the same qualifications.
 *
 * <p>Run: {@code mvn -q install -DskipTests && mvn -q exec:java -pl bench
 * -Dexec.mainClass=io.leadscore.bench.PricePerEvent -Dexec.args="--batches 4 --members 5,1000"}
 */
public final class PricePerEvent {
    static final double GOAL_DOLLARS_PER_MILLION = 2.00;
    static final double GOAL_SPREAD = 0.10;
    private static final int LEADS_PER_BATCH = 20;
    private static final int ACCOUNTS_PER_BATCH = 4;
    private static final int MEMBERS_PER_BATCH = LEADS_PER_BATCH / ACCOUNTS_PER_BATCH;
    /** A lead's events of one batch: what a visitor's page does, in one POST. */
    private static final List<String> VISIT = List.of(
            "page_view|{\"url\": \"https://acme.example/blog/lead-scoring\"}",
            "page_view|{\"url\": \"https://acme.example/pricing\"}",
            "page_view|{\"url\": \"https://acme.example/customers/globex\"}",
            "page_engaged|{\"url\": \"https://acme.example/pricing\", \"seconds\": 45}",
            "page_view|{\"url\": \"https://acme.example/products/analytics\"}");
    /** A member in five asks for a demo instead of reading the analytics page. */
    private static final String DEMO_REQUEST = "form_submit|{\"formId\": \"demo-request\"}";
    /** The default model's accounts, which the score function applies (the table starts with that model). */
    private static final AccountPolicy ACCOUNTS = ModelLoader.defaultModel().accounts();
    private static final List<String> TITLES = List.of("VP Sales", "Marketing Manager", "Software Engineer",
            "Head of Operations", "Analyst");

    private final SamTemplate template;
    private final LocalDynamoDb dynamoDb;
    private final LocalEventBus bus;
    private final FunctionSizes sizes;
    private final String table;
    private final List<String> notifyPatterns;
    private final int publishBatch;
    private final int scoreBatch;

    private PricePerEvent(SamTemplate template, LocalDynamoDb dynamoDb, LocalEventBus bus) {
        this.template = template;
        this.dynamoDb = dynamoDb;
        this.bus = bus;
        this.sizes = FunctionSizes.of(template.file());
        this.table = dynamoDb.tableName("LeadScoreTable");
        this.notifyPatterns = template.function("NotifyFunction").eventRules().stream()
                .map(EventRuleSource::pattern).toList();
        this.publishBatch = template.function("PublishFunction").streamSources().get(0).batchSize();
        this.scoreBatch = template.function("ScoreFunction").streamSources().get(0).batchSize();
        if (scoreBatch % LEADS_PER_BATCH != 0 || scoreBatch / LEADS_PER_BATCH != VISIT.size()) {
            throw new IllegalStateException("the score batch of " + scoreBatch + " is not " + LEADS_PER_BATCH
                    + " leads of " + VISIT.size() + " events");
        }
    }

    public static void main(String[] args) {
        int batches = 4;
        List<Integer> members = List.of(5, 1000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--members" -> members = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        PriceList prices = PriceList.load();
        List<Run> runs = new ArrayList<>();
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(template).start();
             LocalEventBus bus = LocalEventBus.start(template)) {
            PricePerEvent bench = new PricePerEvent(template, dynamoDb, bus);
            // Discarded: a warm-up, so that the first size measured does not alone pay for the JIT's first passes.
            bench.run(members.get(0), batches);
            for (int size : members) {
                runs.add(bench.run(size, batches));
            }
        }
        requireLikeForLike(runs);
        System.out.println();
        System.out.println(report(runs, prices, batches));
        System.out.printf("%nrun time %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0); // the handlers keep thread pools
    }

    /** One metered pass: its meter and the events it sent. */
    record Run(int members, int accounts, Meter meter, long events, Map<String, Long> announced) {
    }

    /**
     * The sizes are compared like for like only if their measured batches announced the same: the bus events of each
     * detail type, and one {@code AccountQualified} for each account the batches touched.
     */
    static void requireLikeForLike(List<Run> runs) {
        for (Run run : runs) {
            long qualified = run.announced().getOrDefault("AccountQualified", 0L);
            if (qualified != run.accounts()) {
                throw new IllegalStateException("accounts of " + run.members() + ": " + qualified
                        + " AccountQualified for " + run.accounts() + " accounts touched; each must cross once");
            }
            if (!run.announced().equals(runs.get(0).announced())) {
                throw new IllegalStateException("accounts of " + run.members() + " announced " + run.announced()
                        + ", accounts of " + runs.get(0).members() + " " + runs.get(0).announced());
            }
        }
    }

    private Environment environment(String functionId) {
        return new Environment(LocalFunctions.environment(template, dynamoDb, bus, functionId));
    }

    private Run run(int members, int batches) {
        if (members < MEMBERS_PER_BATCH) {
            throw new IllegalArgumentException("--members: at least " + MEMBERS_PER_BATCH + ", was " + members);
        }
        // Every account, and so every lead, scored in the measured batches is a different one: lead items do not grow
        // with the run, and each account crosses its threshold in its batch.
        int accounts = ACCOUNTS_PER_BATCH * batches;
        dynamoDb.freshTables();
        // After freshTables, which leaves only the template's tables: the replay's scratch tables are made anew.
        ConsumedCapacityMeter.replayTransactions(new TransactionReplay(dynamoDb, template));
        ConsumedCapacityMeter.breakDownWrites(new ItemWrites(dynamoDb, template));
        WriteKeyStore writeKeys = new WriteKeyStore(dynamoDb.client(), table, Clock.systemUTC());
        writeKeys.register("bench-site", "bench-site-key");
        IngestHandler ingest = new IngestHandler(environment("IngestFunction"));
        ScoreHandler score = new ScoreHandler(environment("ScoreFunction"));
        PublishHandler publish = new PublishHandler(environment("PublishFunction"));
        NotifyHandler notify = new NotifyHandler(environment("NotifyFunction"));
        Instant now = Instant.now();

        long loading = System.nanoTime();
        Meter unmetered = Meter.off(sizes);
        List<StreamBatch.Key> identities = new ArrayList<>();
        AccountStore accountStore = new AccountStore(dynamoDb.client(), table);
        for (int account = 0; account < accounts; account++) {
            // The members no batch touches are their shares alone, imported as AccountStore imports an account (as
            // AccountWriteCost loads them): nothing on the measured path reads their leads, and scoring their 15,920
            // identify events through the score function had not finished after 8 minutes on a busy machine.
            Map<String, Member> others = new HashMap<>();
            for (int member = MEMBERS_PER_BATCH; member < members; member++) {
                Map<String, Object> profile = profile(leadId(account, member));
                Lead lead = Lead.newLead(leadId(account, member)).toBuilder().profile(profile)
                        .accountId(ACCOUNTS.accountOf(profile).orElseThrow()).build();
                others.put(lead.id(), Member.of(lead, ACCOUNTS));
            }
            accountStore.importAccount(ACCOUNTS.accountOf(profile(leadId(account, 0))).orElseThrow(), others, ACCOUNTS);
            for (int member = 0; member < MEMBERS_PER_BATCH; member++) {
                identities.add(new StreamBatch.Key(leadId(account, member), "load-" + account + "-" + member));
            }
        }
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        for (int from = 0; from < identities.size(); from += scoreBatch) {
            List<StreamBatch.Key> chunk = identities.subList(from, Math.min(from + scoreBatch, identities.size()));
            chunk.forEach(key -> activities.record(identify(key, now)));
            requireSuccess(unmetered.invoke("ScoreFunction", () -> score.handleRequest(
                    StreamBatch.readBack(dynamoDb.client(), table, chunk, "load-", now), null)));
        }
        // Once, not after each batch: the outbox's scan reads the whole table (4,000 members' load took 581 s so).
        drainOutbox(unmetered, publish, notify);
        System.err.printf("loaded %d accounts of %d members in %.0f s%n", accounts, members,
                (System.nanoTime() - loading) / 1e9);

        Meter meter = Meter.start(sizes);
        int announcedBefore = bus.published().size();
        long events = 0;
        for (int b = 0; b < batches; b++) {
            List<StreamBatch.Key> keys = new ArrayList<>();
            List<List<String>> posts = new ArrayList<>();
            for (int a = 0; a < ACCOUNTS_PER_BATCH; a++) {
                int account = b * ACCOUNTS_PER_BATCH + a;
                for (int member = 0; member < MEMBERS_PER_BATCH; member++) {
                    List<String> post = new ArrayList<>();
                    for (int e = 0; e < VISIT.size(); e++) {
                        String eventId = "b" + b + "-" + account + "-" + member + "-" + e;
                        String[] typeAndProperties = (e == VISIT.size() - 1 && member % 5 == 0 ? DEMO_REQUEST
                                : VISIT.get(e)).split("\\|", 2);
                        post.add(IngestPost.event(eventId, typeAndProperties[0], leadId(account, member),
                                now.plusSeconds(b * 60L + e).toString(), typeAndProperties[1]));
                        keys.add(new StreamBatch.Key(leadId(account, member), eventId));
                    }
                    posts.add(post);
                }
            }
            for (List<String> post : posts) {
                IngestPost.send(r -> meter.invokeApi("IngestFunction",
                        r.getBody().getBytes(StandardCharsets.UTF_8).length, () -> ingest.handleRequest(r, null)),
                        "bench-site-key", post);
                events += post.size();
            }
            // Lambda hands a shard's records in the order they were written: a lead's events in order, leads
            // interleaved as their POSTs arrived.
            keys.sort(java.util.Comparator.comparing(StreamBatch.Key::eventId, PricePerEvent::byEventOrder));
            deliver(meter, score, publish, notify, StreamBatch.readBack(dynamoDb.client(), table, keys, "b" + b + "-",
                    now));
        }
        Map<String, Long> announced = new TreeMap<>();
        for (PublishedEvent event : bus.published().subList(announcedBefore, bus.published().size())) {
            announced.merge(event.toScheduledEvent().getDetailType(), 1L, Long::sum);
        }
        return new Run(members, accounts, meter, events, announced);
    }

    /** Score one stream batch, then publish what it put in the outbox and notify what the bus routes to notify. */
    private void deliver(Meter meter, ScoreHandler score, PublishHandler publish, NotifyHandler notify,
                         DynamodbEvent batch) {
        requireSuccess(meter.invoke("ScoreFunction", () -> score.handleRequest(batch, null)));
        drainOutbox(meter, publish, notify);
    }

    /** Publish what the outbox holds unpublished, then notify what the bus routes to notify. */
    private void drainOutbox(Meter meter, PublishHandler publish, NotifyHandler notify) {
        List<Map<String, AttributeValue>> outbox = unpublishedOutbox();
        int seen = bus.published().size();
        for (int from = 0; from < outbox.size(); from += publishBatch) {
            DynamodbEvent records = StreamBatch.of(outbox.subList(from, Math.min(from + publishBatch, outbox.size())),
                    Instant.now());
            requireSuccess(meter.invoke("PublishFunction", () -> publish.handleRequest(records, null)));
        }
        List<PublishedEvent> published = bus.published();
        for (PublishedEvent event : published.subList(seen, published.size())) {
            if (notifyPatterns.stream().anyMatch(pattern -> LocalEventBus.matches(pattern, event.json()))) {
                meter.invoke("NotifyFunction", () -> notify.handleRequest(event.toScheduledEvent(), null));
            }
        }
    }

    /** The outbox records not yet published: what the stream's filter hands the publish function next. */
    private List<Map<String, AttributeValue>> unpublishedOutbox() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true)
                        .filterExpression("#kind = :outbox AND attribute_not_exists(publishedAt)")
                        .expressionAttributeNames(Map.of("#kind", LeadTable.KIND))
                        .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS(LeadTable.OUTBOX))).build())
                .items().forEach(items::add);
        return items;
    }

    private static void requireSuccess(StreamsEventResponse response) {
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the batch failed: " + response.getBatchItemFailures());
        }
    }

    /** Event ids b<batch>-<account>-<member>-<n>: the n-th events of the batch's leads first, as a visit unfolds. */
    private static int byEventOrder(String left, String right) {
        return Integer.compare(Integer.parseInt(left.substring(left.lastIndexOf('-') + 1)),
                Integer.parseInt(right.substring(right.lastIndexOf('-') + 1)));
    }

    private static String leadId(int account, int member) {
        return "lead-" + account + "-" + member;
    }

    /** A member's identify event. */
    private static Activity identify(StreamBatch.Key key, Instant now) {
        return new Activity(key.eventId(), "identify", key.leadId(), now.minusSeconds(60), profile(key.leadId()),
                "bench-load", now);
    }

    /**
     * A member's profile: its email's domain names its account. The members the batches touch fit the default model
     * (25 or 30 points each, 135 for the five: below the account's 200); the others' profiles, as long, earn nothing,
     * so an account of any size is loaded at the same score.
     */
    private static Map<String, Object> profile(String leadId) {
        String[] parts = leadId.split("-");
        int member = Integer.parseInt(parts[2]);
        boolean touched = member < MEMBERS_PER_BATCH;
        return Map.of("email", leadId + "@company-" + parts[1] + ".example",
                "jobTitle", touched ? TITLES.get(member) : "Analyst", "industry", touched ? "software" : "retail",
                "companySize", BigDecimal.valueOf(touched ? 250 : 20), "country", touched ? "US" : "BR");
    }

    // ---- the table --------------------------------------------------------------------------------------------

    static String report(List<Run> runs, PriceList prices, int batches) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Prices: %s, on-demand list prices of aws-prices.json (read %s). "
                        + "Per run: %d stream batches of 100 events over 20 leads (5 members of each of 4 accounts), "
                        + "each lead's 5 events in one POST; every account a different one, loaded below its threshold "
                        + "(the same 5 members' fit at every size) and crossing it in its batch.%n%n",
                prices.region(), prices.prices().values().stream().map(p -> p.read().toString()).distinct().sorted()
                        .reduce((a, b) -> a + ", " + b).orElse("-"), batches));
        for (Run run : runs) {
            Bill measured = Bill.of(run.meter(), run.events(), prices, Bill.Durations.MEASURED);
            Bill fastest = Bill.of(run.meter(), run.events(), prices, Bill.Durations.FASTEST);
            out.append(String.format(Locale.ROOT, "### Accounts of %,d members (%d accounts, %,d events metered)%n%n"
                    + "Announced by the measured batches: %s.%n%n", run.members(), run.accounts(), run.events(),
                    announcements(run.announced())));
            out.append("| Line item | Function | Units per event | Price per unit | $ per million events |\n");
            out.append("|---|---|---:|---:|---:|\n");
            for (Bill.Line line : measured.lines()) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.4g | $%.4g | %.4f |%n", line.item().label(),
                        line.function(), line.unitsPerEvent(), line.price().perUnit(), line.dollarsPerMillion()));
            }
            out.append(String.format(Locale.ROOT, "| **Total, measured durations** | | | | **%.4f** |%n",
                    measured.dollarsPerMillion()));
            double quietSeconds = fastest.unitsPerEvent(LineItem.LAMBDA_GB_SECONDS);
            out.append(String.format(Locale.ROOT, "| **Total, each function at its fastest invocation** (%.6f GB-s "
                    + "an event instead of %.6f) | | | | **%.4f** |%n%n", quietSeconds,
                    measured.unitsPerEvent(LineItem.LAMBDA_GB_SECONDS), fastest.dollarsPerMillion()));
            out.append("Where the write units go (computed from each written item's images and the table's "
                    + "indexes, transactional writes doubled):\n\n");
            out.append(run.meter().writes().table(run.events())).append('\n');
            out.append("What the writes did to the index entries (moved: the index key changed; rewritten in place: "
                    + "only projected attributes changed):\n\n");
            out.append(run.meter().writes().entryTable(run.events())).append('\n');
        }
        out.append(goals(runs, prices));
        out.append("\nLeft out of the totals: DynamoDB storage (per GB-month, set by RetentionDays, not by the path), "
                + "the Streams reads that feed the score and publish functions (free to Lambda), Lambda's own "
                + "START/END/REPORT log lines (the logs line counts what the functions print), Secrets Manager reads "
                + "(notify reads its secret once per container and every 15 minutes), and the hourly decay sweep "
                + "(its cost follows the leads due, not the events).\n");
        return out.toString();
    }

    private static String announcements(Map<String, Long> announced) {
        return announced.isEmpty() ? "nothing" : String.join(", ", announced.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey()).toList());
    }

    /** The goal rows: priced at each function's fastest invocation, since this machine's load is not AWS's. */
    static String goals(List<Run> runs, PriceList prices) {
        StringBuilder out = new StringBuilder("| Goal | Figure | Met |\n|---|---|:---:|\n");
        Run smallest = runs.get(0);
        double base = Bill.of(smallest.meter(), smallest.events(), prices, Bill.Durations.FASTEST).dollarsPerMillion();
        out.append(String.format(Locale.ROOT, "| Price per million events, accounts of %d, at most $%.2f | $%.4f "
                        + "($%.4f at measured durations) | %s |%n", smallest.members(), GOAL_DOLLARS_PER_MILLION, base,
                Bill.of(smallest.meter(), smallest.events(), prices, Bill.Durations.MEASURED).dollarsPerMillion(),
                base <= GOAL_DOLLARS_PER_MILLION ? "yes" : "**no**"));
        StringBuilder lines = new StringBuilder(new Goal("price-5", "Dollars per million events, default model, "
                + "accounts of " + smallest.members() + " (issue 17, part 3)", String.format(Locale.ROOT, "<= $%.2f",
                GOAL_DOLLARS_PER_MILLION), String.format(Locale.ROOT, "$%.2f at each function's fastest invocation",
                base), base <= GOAL_DOLLARS_PER_MILLION).line()).append('\n');
        for (Run run : runs.subList(1, runs.size())) {
            double price = Bill.of(run.meter(), run.events(), prices, Bill.Durations.FASTEST).dollarsPerMillion();
            double ratio = price / base;
            out.append(String.format(Locale.ROOT, "| Accounts of %,d within %.0f%% of accounts of %d | $%.4f, %.2f x "
                            + "| %s |%n", run.members(), GOAL_SPREAD * 100, smallest.members(), price, ratio,
                    Math.abs(ratio - 1) <= GOAL_SPREAD ? "yes" : "**no**"));
            lines.append(new Goal("price-1000", String.format(Locale.ROOT, "Dollars per million events, accounts of"
                    + " %,d (issue 17, part 3)", run.members()), String.format(Locale.ROOT, "within %.0f%% of "
                    + "accounts of %d", GOAL_SPREAD * 100, smallest.members()), String.format(Locale.ROOT,
                    "$%.2f, %.2f x", price, ratio), Math.abs(ratio - 1) <= GOAL_SPREAD).line()).append('\n');
        }
        return out.append(lines).toString();
    }
}
