package io.leadscore.bench;

import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.bench.CapacityCounter.Read;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.report.AuditReport;
import io.leadscore.report.FunnelFacts;
import io.leadscore.report.ReportPeriod;
import io.leadscore.report.StageReport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The audit and stage reports over {@code --leads} leads (default 100,000) with CRM feedback, on DynamoDB Local: the
 * time of a report (median of 5, after one to warm up) and the read units it consumed ({@link CapacityCounter}, from
 * DynamoDB Local's {@code ConsumedCapacity}), beside the minimum needed to read the items it reads (their bytes / 4 KB,
 * strongly consistent) and beside what a Scan of the leads would cost (their bytes / 4 KB, half a unit: eventually
 * consistent). The reports read counters kept at write time ({@link FunnelFacts}: one item per day of MQLs, one per
 * day and rejection reason, the stages in one item), so their cost follows the period, not the number of leads.
 *
 * <p>The data: over the 180 days before now, each lead first seen on a random day; 30% become MQLs 1-20 days later,
 * of which 40% are accepted (1-100 hours later; half go on to an opportunity, of which 40% are won and 30% lost), 35%
 * rejected with one of six reasons written six ways, the rest pending; a tenth of the rejected are recycled and
 * qualify again. Each fired 1-6 of 12 rules. Imported through {@link LeadStore#importLeads}, which adds what the
 * imported leads count for to the same counters a scoring transaction adds to.
 *
 * <p>Run: {@code mvn -q exec:java -pl bench -Dexec.mainClass=io.leadscore.bench.AuditReportBench
 * -Dexec.args="--leads 100000"}
 */
public final class AuditReportBench {
    private static final List<String> REASONS = List.of("No budget", "no  budget", "Wrong person", "wrong person ",
            "Already a customer", "Timing", "Student", "Competitor");
    private static final int RUNS = 5;
    /** Issue 14 set no ratio for the reports: the bound the other read goals use. */
    private static final double READS_GOAL = 1.2;

    private AuditReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int leads = 100_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--leads")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            leads = Integer.parseInt(args[i + 1]);
        }
        long started = System.nanoTime();
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> rows = new ArrayList<>();
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(SamTemplate.load(SamTemplate.locate())).start()) {
            String table = dynamoDb.tableName("LeadScoreTable");
            long loading = System.nanoTime();
            load(new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT), leads, now);
            System.err.printf(Locale.ROOT, "loaded %,d leads in %.0f s%n", leads, (System.nanoTime() - loading) / 1e9);
            List<Map<String, AttributeValue>> counterItems = new ArrayList<>();
            double scan = Math.ceil(scan(dynamoDb, table, counterItems) / 4096.0) / 2;
            CountStore counters = new CountStore(dynamoDb.client(), table);
            rows.add("| Report | Period | Leads | Counter items read | Their bytes | Read units | Minimum"
                    + " (bytes / 4 KB) | Ratio | Scan of the leads (read units) | ms (median of " + RUNS + ") |");
            rows.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (ReportPeriod period : List.of(ReportPeriod.lastDays(today, 30), ReportPeriod.lastDays(today, 366))) {
                Counted audit = items(counterItems, period, FunnelFacts.AUDIT, FunnelFacts.AUDIT_REASONS);
                AuditReport report = AuditReport.of(counters, "default", period);
                System.err.printf(Locale.ROOT, "audit %s..%s: %d MQLs, %d accepted, %d rejected%n", period.from(),
                        period.to(), report.mqls(), report.accepted(), report.rejected());
                rows.add(row("audit", period, leads, audit, scan, () -> AuditReport.of(counters, "default", period)));
            }
            ReportPeriod year = ReportPeriod.lastMonths(today, 12);
            Counted stages = items(counterItems, year, FunnelFacts.CONVERSIONS).plus(
                    items(counterItems, null, FunnelFacts.STAGES, StageReport.ACCOUNT_STAGES));
            rows.add(row("stages", year, leads, stages, scan, () -> StageReport.of(counters, year)));
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nrun time %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    /** Counter items and their bytes. */
    private record Counted(long items, long bytes) {
        Counted plus(Counted other) {
            return new Counted(items + other.items, bytes + other.bytes);
        }
    }

    private static String row(String name, ReportPeriod period, int leads, Counted read, double scan,
                              Supplier<Object> report) {
        report.get(); // warm
        double[] millis = new double[RUNS];
        double units = 0;
        for (int run = 0; run < RUNS; run++) {
            double before = CapacityCounter.units().get(Read.OTHER);
            long t0 = System.nanoTime();
            report.get();
            millis[run] = (System.nanoTime() - t0) / 1e6;
            units = CapacityCounter.units().get(Read.OTHER) - before;
        }
        Arrays.sort(millis);
        double minimum = Math.ceil(read.bytes() / 4096.0);
        Goal.report("report-reads", String.format(Locale.ROOT, "%s report, %s to %s, %,d leads: read units against"
                        + " the minimum (bytes / 4 KB)", name, period.from(), period.to(), leads), "<= 1.2",
                units / minimum <= READS_GOAL, "%.2f (%.1f units, minimum %.1f; a Scan of the leads %,.1f)",
                units / minimum, units, minimum, scan);
        return String.format(Locale.ROOT, "| %s | %s to %s | %,d | %,d | %,d | %.1f | %.1f | %.2f | %,.1f | %.1f |",
                name, period.from(), period.to(), leads, read.items(), read.bytes(), units, minimum, units / minimum,
                scan, millis[RUNS / 2]);
    }

    /** The counter items of these families a report of the period reads (all of them for a family without days). */
    private static Counted items(List<Map<String, AttributeValue>> counters, ReportPeriod period, String... families) {
        long[] counted = new long[2];
        List<String> wanted = List.of(families);
        counters.forEach(item -> {
            String family = item.get("family").s();
            LocalDate day = item.containsKey("day") ? LocalDate.parse(item.get("day").s()) : null;
            // The audit reads the period's days; the conversions, the months the period touches.
            LocalDate first = period == null ? null
                    : family.equals(FunnelFacts.CONVERSIONS) ? period.from().withDayOfMonth(1) : period.from();
            if (wanted.contains(family) && (day == null || !day.isBefore(first) && !day.isAfter(period.to()))) {
                counted[0]++;
                counted[1] += AttributeValues.itemSize(item);
            }
        });
        return new Counted(counted[0], counted[1]);
    }

    /** One Scan of the table: the bytes of the leads, and the counter items. */
    private static long scan(LocalDynamoDb dynamoDb, String table, List<Map<String, AttributeValue>> counters) {
        long[] leadBytes = new long[1];
        // Small pages: a page of 1 MB of a large table can outlast the client's timeout on a busy machine.
        dynamoDb.client().scanPaginator(request -> request.tableName(table).limit(500)).items().forEach(item -> {
            String kind = item.containsKey(LeadTable.KIND) ? item.get(LeadTable.KIND).s() : "";
            if (kind.equals(LeadTable.LEAD)) {
                leadBytes[0] += AttributeValues.itemSize(item);
            } else if (kind.equals(LeadTable.COUNT)) {
                counters.add(item);
            }
        });
        return leadBytes[0];
    }

    /**
     * Generates and imports the leads on 4 threads, a quarter to each call: an import adds its leads' counts once it
     * has written them, so fewer calls add fewer counter transactions.
     */
    private static void load(LeadStore store, int leads, Instant now) throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        List<Lead> all = new ArrayList<>(leads);
        for (int i = 0; i < leads; i++) {
            all.add(lead("lead-" + i, random, now));
        }
        BulkLoad.load(leads, (leads + BulkLoad.WRITERS - 1) / BulkLoad.WRITERS, all::get, store::importLeads);
    }

    private static Lead lead(String id, SplittableRandom random, Instant now) {
        Instant seen = now.minus(Duration.ofMinutes(random.nextLong(180L * 24 * 60)));
        Map<String, RuleTally> breakdown = new HashMap<>();
        for (int r = 0, fired = 1 + random.nextInt(6); r < fired; r++) {
            breakdown.put("rule-" + random.nextInt(12), new RuleTally(ScoreKind.ENGAGEMENT, null, 10, 1, seen));
        }
        Lead lead = Lead.newLead(id).toBuilder().firstSeenAt(seen).breakdown(breakdown).build();
        if (random.nextInt(100) >= 30) {
            return lead;
        }
        Instant at = seen.plus(Duration.ofHours(24 + random.nextInt(19 * 24)));
        for (int episode = 0; episode < 2 && at.isBefore(now); episode++) {
            lead = moved(lead, Stage.MQL, at, null);
            int verdict = random.nextInt(100);
            if (verdict < 40) {
                at = at.plus(Duration.ofHours(1 + random.nextInt(100)));
                lead = moved(lead, Stage.SQL, at, null);
                if (random.nextBoolean()) {
                    at = at.plus(Duration.ofDays(3 + random.nextInt(8)));
                    lead = moved(lead, Stage.OPPORTUNITY, at, null);
                    int outcome = random.nextInt(10);
                    if (outcome < 7) {
                        lead = moved(lead, outcome < 4 ? Stage.WON : Stage.LOST, at.plus(Duration.ofDays(20)), null);
                    }
                }
                return lead;
            }
            if (verdict >= 75) {
                return lead;
            }
            at = at.plus(Duration.ofHours(1 + random.nextInt(48)));
            lead = moved(lead, Stage.REJECTED, at, REASONS.get(random.nextInt(REASONS.size())));
            if (random.nextInt(10) > 0) {
                return lead;
            }
            at = at.plus(Duration.ofDays(7));
            lead = moved(lead, Stage.RECYCLED, at, null);
            at = at.plus(Duration.ofDays(7));
        }
        return lead;
    }

    private static Lead moved(Lead lead, Stage to, Instant at, String why) {
        return lead.movedTo(new StageChange(lead.stage(), to, at, to == Stage.MQL ? StageChange.SCORING : "rep",
                why, to == Stage.MQL ? null : lead.id() + "-" + lead.stageHistory().size()));
    }
}
