package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.bench.CapacityCounter.Read;
import io.leadscore.jobs.JobsHandler;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.Rescorer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Backtests and re-scores through the jobs function's handler, in process, on one DynamoDB Local: read units consumed
 * (by {@link CapacityCounter}, from DynamoDB Local's own {@code ConsumedCapacity}) against the minimum for reading the
 * histories, the activities' bytes / 4 KB at half a unit (eventually consistent); writes (by {@link WriteCounter}): a
 * transaction per changed lead and none per unchanged one; and re-score throughput with 1 and 2 workers (segments in
 * parallel, as Lambda runs them).
 *
 * <p>The data: {@code --leads} leads (default 2,000), each with {@code --activities min,max} activities of
 * {@link Workload}'s mix an hour apart (default 2 to 40, 21 on average: a few weeks of a lead's history), each lead in an
 * account of its own; recorded as ingest records them and scored under revision 1 (as replayed, so that every recorded
 * activity is applied). Revision 2 puts pricing views at 40 points (most leads change), revision 3 the careers page at
 * -25 (fewer change).
 *
 * <p>Two minimums are printed: the brief's, the activities' bytes / 4 KB at half a unit; and the least that any read of
 * one lead at a time costs, each lead's activities rounded up to 4 KB once (a Query rounds up its page's total).
 *
 * <p>Run: {@code mvn -q exec:java -pl bench -Dexec.mainClass=io.leadscore.bench.RescoreThroughput
 * -Dexec.args="--leads 2000 --activities 2,40"}
 */
public final class RescoreThroughput {
    private static final String MODEL = "default";
    private static final String AUTHOR = "bench";
    private static final double HISTORY_GOAL = 1.2;

    private final LocalDynamoDb dynamoDb;
    private final String table;
    private final ModelStore models;
    private final JobStore jobs;
    private final Map<String, String> jobsEnvironment;
    private double minimumHistoryUnits;
    private double perLeadMinimumUnits;
    private int leadCount;

    private RescoreThroughput(LocalDynamoDb dynamoDb, SamTemplate template) {
        this.dynamoDb = dynamoDb;
        this.table = dynamoDb.tableName("LeadScoreTable");
        this.models = new ModelStore(dynamoDb.client(), table);
        this.jobs = new JobStore(dynamoDb.client(), table);
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, dynamoDb, "JobsFunction"));
        env.put("RESCORE_SETTLE_SECONDS", "0"); // nothing else scores here
        this.jobsEnvironment = env;
    }

    public static void main(String[] args) throws Exception {
        int leads = 2_000;
        int fewest = 2;
        int most = 40;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--leads" -> leads = Integer.parseInt(args[i + 1]);
                case "--activities" -> {
                    fewest = Integer.parseInt(args[i + 1].split(",")[0]);
                    most = Integer.parseInt(args[i + 1].split(",")[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        List<String> rows = new ArrayList<>();
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(template).start()) {
            RescoreThroughput bench = new RescoreThroughput(dynamoDb, template);
            bench.load(leads, fewest, most);
            rows.add("| Job | Workers | Leads done | Changed | Unchanged | Seconds | Leads/s | Transactions"
                    + " | Other writes | History read units | Minimum (bytes) | Ratio | Minimum (per lead) | Ratio"
                    + " | Ledger | Lead reads | Index scan | Other reads |");
            rows.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Run backtest = bench.run("backtest r2 vs r1", JobSegmentReady.BACKTEST, 2, 2);
            rows.add(backtest.row());
            // 2, 1, 1, 2 workers, each there and back again: both counts see both directions and the machine's drift.
            List<Run> reScores = new ArrayList<>();
            int[] workers = {2, 1, 1, 2};
            for (int i = 0; i < workers.length; i++) {
                int revision = i % 2 == 0 ? 2 : 1;
                reScores.add(bench.run("re-score r" + (3 - revision) + " -> r" + revision, JobSegmentReady.RESCORE,
                        revision, workers[i]));
            }
            reScores.forEach(run -> rows.add(run.row()));
            Run fewer = bench.run("re-score r1 -> r3 (careers -25)", JobSegmentReady.RESCORE, 3, 2);
            rows.add(fewer.row());
            List<Run> all = new ArrayList<>(reScores);
            all.add(fewer);
            goals(backtest, all);
            double one = reScores.stream().filter(run -> run.workers() == 1).mapToDouble(Run::leadsPerSecond)
                    .average().orElseThrow();
            double two = reScores.stream().filter(run -> run.workers() == 2).mapToDouble(Run::leadsPerSecond)
                    .average().orElseThrow();
            rows.add("");
            rows.add(String.format(Locale.ROOT, "Re-score throughput: 1 worker %.0f leads/s, 2 workers %.0f leads/s"
                    + " (means of two runs each): ratio %.2f", one, two, two / one));
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nrun time %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0); // the handlers keep thread pools
    }

    /** Records and scores the leads, drafts revisions 2 and 3, and measures the histories' minimum read. */
    private void load(int leads, int fewest, int most) throws Exception {
        Instant now = Instant.now();
        models.seed(MODEL, ModelSeed.of(null), now);
        String yaml = ModelSeed.of(null).yaml();
        models.draft(MODEL, n -> ModelRevision.draft(MODEL, n, yaml.replace("    points: 15\n", "    points: 40\n"),
                AUTHOR, now, "pricing views weigh more", 1));
        models.draft(MODEL, n -> ModelRevision.draft(MODEL, n, yaml.replace("    points: -10\n", "    points: -25\n"),
                AUTHOR, now, "careers visits weigh less", 1));
        ScoringModel first = models.revision(MODEL, 1).orElseThrow().model();
        Rescorer replay = new Rescorer(first);
        Workload workload = new Workload(1_000, 11);
        SplittableRandom random = new SplittableRandom(5);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        LeadStore store = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Lead> scored = new ArrayList<>();
        List<Future<?>> writes = new ArrayList<>();
        long index = 0;
        for (int l = 0; l < leads; l++) {
            String leadId = "lead-" + l;
            int count = fewest + random.nextInt(most - fewest + 1);
            Instant start = now.minus(Duration.ofHours(count + 1));
            List<Activity> history = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                Activity template = workload.activity(index++, leadId, start.plus(Duration.ofHours(k)));
                Map<String, Object> properties = new HashMap<>(template.properties());
                properties.computeIfPresent("email", (name, email) -> leadId + "@" + leadId + ".example");
                history.add(new Activity(template.eventId(), template.type(), leadId, template.occurredAt(),
                        properties, template.siteId(), template.receivedAt()));
            }
            writes.add(writers.submit(() -> history.forEach(activities::record)));
            scored.add(replay.replay(leadId, history, List.of(), now));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        store.importLeads(scored);
        leadCount = leads;
        Map<String, Long> bytesByLead = new HashMap<>();
        dynamoDb.client().scanPaginator(request -> request.tableName(table)
                        .filterExpression("#kind = :activity").expressionAttributeNames(Map.of("#kind", LeadTable.KIND))
                        .expressionAttributeValues(Map.of(":activity", AttributeValue.fromS(LeadTable.ACTIVITY))))
                .items().forEach(item -> bytesByLead.merge(item.get(LeadTable.PK).s(),
                        (long) AttributeValues.itemSize(item), Long::sum));
        long bytes = bytesByLead.values().stream().mapToLong(Long::longValue).sum();
        minimumHistoryUnits = bytes / 4096.0 / 2;
        perLeadMinimumUnits = bytesByLead.values().stream().mapToLong(b -> (b + 4095) / 4096).sum() / 2.0;
        System.err.printf(Locale.ROOT, "loaded %,d leads, %,d activities, %,d bytes of activities%n", leads, index,
                bytes);
    }

    /** A job's measurements: its row of the table, its speed, its history reads against the minimums, its writes. */
    private record Run(int workers, double leadsPerSecond, String row, double historyRatio, double perLeadRatio,
                       long transactions, long changed) {
    }

    /** The reads goal in the worst job, the writes goal in every job: one transaction per changed lead. */
    private static void goals(Run backtest, List<Run> reScores) {
        List<Run> all = new ArrayList<>(reScores);
        all.add(backtest);
        Run worst = all.stream().max(java.util.Comparator.comparingDouble(Run::historyRatio)).orElseThrow();
        Goal.report("rescore-history-reads", "Backtest and re-score: history read units against the activities'"
                + " bytes / 4 KB (eventually consistent), worst job", "<= 1.2", worst.historyRatio() <= HISTORY_GOAL,
                "%.2f; %.2f against the least a read of one lead at a time can cost", worst.historyRatio(),
                worst.perLeadRatio());
        long transactions = reScores.stream().mapToLong(Run::transactions).sum();
        long changed = reScores.stream().mapToLong(Run::changed).sum();
        Goal.report("rescore-writes", "Re-score: writes", "one transaction per changed lead, none per unchanged",
                backtest.transactions() == 0 && reScores.stream().allMatch(run -> run.transactions() == run.changed()),
                "%,d transactions for %,d changed leads over %d re-scores; %,d for the backtest", transactions,
                changed, reScores.size(), backtest.transactions());
    }

    /** One job, its segments worked at once by as many workers. */
    private Run run(String label, String type, int revision, int workers) throws Exception {
        ModelPointer pointer = models.pointer(MODEL).orElseThrow();
        Instant now = Instant.now();
        Job job = new Job("bench-" + label.replaceAll("[^a-z0-9]+", "-") + "-" + workers, type, MODEL, revision,
                pointer.published(), false, null, null, workers, now, AUTHOR);
        if (job.rescore()) {
            jobs.start(job, now, models.publication(pointer, revision, AUTHOR, now, now.plus(Duration.ofDays(90)),
                    job.jobId()));
        } else {
            jobs.start(job, now);
        }
        List<JobsHandler> handlers = IntStream.range(0, workers)
                .mapToObj(w -> new JobsHandler(new Environment(jobsEnvironment))).toList();
        WriteCounter.Counts writesBefore = WriteCounter.counts();
        Map<Read, Double> readsBefore = CapacityCounter.units();
        long t0 = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<Future<?>> segments = new ArrayList<>();
        for (int segment = 0; segment < workers; segment++) {
            ScheduledEvent event = new ScheduledEvent().withDetailType(JobSegmentReady.DETAIL_TYPE)
                    .withDetail(job.handOut(segment, 1).detail());
            JobsHandler handler = handlers.get(segment);
            segments.add(threads.submit(() -> handler.handleRequest(event, null)));
        }
        for (Future<?> segment : segments) {
            segment.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        threads.shutdown();
        WriteCounter.Counts writes = WriteCounter.counts().minus(writesBefore);
        Map<Read, Double> reads = CapacityCounter.units();
        reads.replaceAll((read, units) -> units - readsBefore.get(read));
        StoredJob stored = jobs.stored(job.jobId()).orElseThrow();
        if (!stored.finished() || stored.errorCount() > 0) {
            throw new IllegalStateException(label + " did not finish cleanly: " + stored);
        }
        double history = reads.get(Read.HISTORY);
        return new Run(workers, leadCount / seconds, String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %.1f | %.0f | %,d | %,d | %.1f | %.1f | %.2f"
                        + " | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f |", label, workers, stored.leads(), stored.changed(),
                stored.unchanged(), seconds, leadCount / seconds, writes.transactions(),
                writes.writeRequests() - writes.transactions(), history, minimumHistoryUnits,
                history / minimumHistoryUnits, perLeadMinimumUnits, history / perLeadMinimumUnits,
                reads.get(Read.LEDGER), reads.get(Read.LEADS), reads.get(Read.INDEX), reads.get(Read.OTHER)),
                history / minimumHistoryUnits, history / perLeadMinimumUnits, writes.transactions(), stored.changed());
    }
}
