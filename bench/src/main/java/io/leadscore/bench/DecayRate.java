package io.leadscore.bench;

import io.leadscore.activity.Retention;
import io.leadscore.decay.DecaySweep;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.DueIndex;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a decay sweep on DynamoDB Local: scored leads (100,000 by default; the suite runs 10,000) of which 1%
 * are due, one sweep, and what it read (index entries per lead due) and how fast it went (leads decayed per second).
 * Run: mvn -q compile exec:java -pl bench -am -Dexec.mainClass=io.leadscore.bench.DecayRate -Dexec.args=100000
 */
public final class DecayRate {
    private DecayRate() {
    }

    public static void main(String[] args) {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Instant now = Instant.now();
        LeadScorer scorer = new LeadScorer(ModelLoader.defaultModel());
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(SamTemplate.load(SamTemplate.locate())).start()) {
            String table = dynamoDb.tableName("LeadScoreTable");
            LeadStore store = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
            long loading = System.nanoTime();
            // One lead in a hundred last engaged 31 days ago: its first decay step is due.
            BulkLoad.load(leads, 1000, i -> scored(scorer, "lead-" + i,
                    now.minus(Duration.ofDays(i % 100 == 0 ? 31 : 5))), store::importLeads);
            System.out.printf("loaded %d leads in %.0f s%n", leads, (System.nanoTime() - loading) / 1e9);

            long sweeping = System.nanoTime();
            DecaySweep.Summary summary = new DecaySweep(new DueIndex(dynamoDb.client(), table),
                    () -> new ScoringRun(store, scorer.model(), Clock.systemUTC())).run(now, () -> true);
            double seconds = (System.nanoTime() - sweeping) / 1e9;
            System.out.printf("sweep: %d leads due, %d decayed, %d index entries read = %.2f per lead due;"
                            + " %.1f s = %.0f leads decayed/s%n", summary.leadsDue(), summary.leadsDecayed(),
                    summary.indexItemsRead(), summary.indexItemsRead() / (double) summary.leadsDue(), seconds,
                    summary.leadsDecayed() / seconds);
            double reads = summary.indexItemsRead() / (double) summary.leadsDue();
            Goal.report("decay-index-reads", String.format(Locale.ROOT, "Decay: index entries read per lead due,"
                    + " %,d leads, 1%% due", leads), "<= 1.2", reads <= StoreThroughput.DECAY_GOAL_READS,
                    "%.2f (%,d leads due; %.0f leads decayed/s)", reads, summary.leadsDue(),
                    summary.leadsDecayed() / seconds);
        }
    }

    /** 85 points: pricing three times, a whitepaper, and a fitting profile; all at {@code at}. */
    private static Lead scored(LeadScorer scorer, String leadId, Instant at) {
        LeadScorer.Replay replay = scorer.replay(Lead.newLead(leadId));
        List<Map<String, Object>> events = List.of(Map.of("url", "https://acme.example/pricing"),
                Map.of("url", "https://acme.example/pricing/teams"), Map.of("url", "https://acme.example/pricing/faq"),
                Map.of("formId", "whitepaper-roi"), Map.of("jobTitle", "VP Sales", "industry", "software",
                        "companySize", BigDecimal.valueOf(250), "country", "US"));
        String[] types = {"page_view", "page_view", "page_view", "form_submit", "identify"};
        for (int i = 0; i < types.length; i++) {
            replay.apply(new Activity(leadId + "-" + i, types[i], leadId, at, events.get(i), "site", at), at);
        }
        return replay.lead();
    }
}
