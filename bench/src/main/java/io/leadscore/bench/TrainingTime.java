package io.leadscore.bench;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.Criterion;
import io.leadscore.prediction.Training;
import io.leadscore.prediction.TrainingData;
import io.leadscore.prediction.TrainingRequest;
import io.leadscore.prediction.TrainingResult;
import io.leadscore.revision.ModelRevision;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.train.TribuoTrainer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training on N leads with their history (issue 15, "Measured"): the shipped model, each lead's 180 days of activities
 * (buyers read pricing and demo pages and ask for demos; readers read the blog and careers pages) and its sales
 * verdicts (an opportunity weeks after a demo request, for most buyers), generated in memory. Reading them from the
 * table is what a backtest's reading costs (RescoreThroughput), left out here: this measures what the train function
 * adds, in two parts, the examples (each lead replayed at every weekly moment, on both cores) and the fit and report
 * ({@link Training#run} with Tribuo), and the heap they peak at, the examples, and the train function's jar.
 *
 * <p>Arguments: {@code [--leads N]} (100,000). Run with the train function's heap in mind: {@code -Xmx2g}.
 */
public final class TrainingTime {
    private static final Duration DAYS = Duration.ofDays(180);

    private TrainingTime() {
    }

    /** One lead's history and verdicts. */
    record Lead(String id, List<Activity> history, List<Feedback> verdicts) {
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 1 && args[0].equals("--leads") ? Integer.parseInt(args[1]) : 100_000;
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        ScoringModel model = ModelLoader.defaultModel();
        ModelRevision published = ModelRevision.draft("default", 1, ModelSeed.of(null).yaml(), "bench",
                now.minus(DAYS.plusDays(1)), null, null);
        List<Lead> generated = generate("lead-", leads, now, new Random(15));
        long activities = generated.stream().mapToLong(l -> l.history().size()).sum();
        resetPeaks();

        long started = System.nanoTime();
        TrainingData data = new TrainingData(model, TrainingRequest.defaults().plan(now));
        ExecutorService cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<?>> added = new ArrayList<>();
        int slice = (generated.size() + 63) / 64;
        for (int from = 0; from < generated.size(); from += slice) {
            List<Lead> part = generated.subList(from, Math.min(generated.size(), from + slice));
            added.add(cores.submit(() -> part.forEach(l -> data.add(l.id(), null, l.history(), l.verdicts()))));
        }
        for (Future<?> future : added) {
            future.get();
        }
        cores.shutdown();
        int training = data.training().size();
        int heldOut = data.heldOut().size();
        long examplesDone = System.nanoTime();
        TrainingResult result = Training.run(published, data, new TribuoTrainer(),
                new Criterion(Criterion.Kind.F1, null));
        long fitDone = System.nanoTime();
        double peakMb = peakHeapBytes() / (1024.0 * 1024.0);
        double examplesSeconds = (examplesDone - started) / 1e9;
        double fitSeconds = (fitDone - examplesDone) / 1e9;
        Path jar = Path.of("functions/train/target/train.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("../functions/train/target/train.jar");
        }
        double jarMb = Files.exists(jar) ? Files.size(jar) / (1024.0 * 1024.0) : Double.NaN;

        System.out.printf(Locale.ROOT, "| leads | activities | training examples | held-out examples | examples (s) | fit and"
                + " report (s) | total (s) | peak heap (MB) | AUC | train.jar (MiB) | load (1 min) |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.0f | %.3f | %.2f | %.1f |%n",
                leads, activities, training, heldOut, examplesSeconds, fitSeconds, examplesSeconds + fitSeconds, peakMb,
                result.report().auc() == null ? Double.NaN : result.report().auc(), jarMb,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Goal.report("training-time", String.format(Locale.ROOT, "Training on %,d leads with their history (issue 15;"
                        + " reading excluded), and its peak heap", leads), "< 900 s (a Lambda's 15 minutes), < 10 GB",
                examplesSeconds + fitSeconds < 900 && peakMb < 10_240, "%.0f s, %.0f MB heap, %,d examples",
                examplesSeconds + fitSeconds, peakMb, training + heldOut);
    }

    /**
     * A fifth of the leads are buyers: pricing and demo pages every few days, a demo request half the time, and an
     * opportunity three weeks after it for two in three of those; the others read the blog, the careers page and the
     * odd pricing page, and one in a hundred becomes an opportunity all the same. A lead's id is {@code prefix} and its
     * number.
     */
    static List<Lead> generate(String prefix, int count, Instant now, Random random) {
        List<Lead> leads = new ArrayList<>(count);
        Instant start = now.minus(DAYS);
        for (int n = 0; n < count; n++) {
            String id = prefix + n;
            boolean buyer = random.nextDouble() < 0.2;
            List<Activity> history = new ArrayList<>();
            List<Feedback> verdicts = new ArrayList<>();
            Instant at = start.plus(Duration.ofMinutes((long) (random.nextDouble() * DAYS.toMinutes() * 0.8)));
            int visits = 2 + random.nextInt(buyer ? 12 : 6);
            Instant demoAt = null;
            for (int v = 0; v < visits && at.isBefore(now); v++) {
                String path = buyer ? (random.nextBoolean() ? "/pricing" : "/demo")
                        : (random.nextDouble() < 0.1 ? "/pricing" : random.nextBoolean() ? "/careers" : "/blog/post");
                history.add(activity(id, "page_view", at, Map.of("url", "https://acme.example" + path), v));
                if (buyer && demoAt == null && random.nextDouble() < 0.15) {
                    demoAt = at.plus(Duration.ofMinutes(5));
                    history.add(activity(id, "form_submit", demoAt, Map.of("formId", "demo-request"), 1000 + v));
                }
                at = at.plus(Duration.ofHours(12 + random.nextInt(24 * (buyer ? 5 : 14))));
            }
            double converts = demoAt != null ? 0.65 : 0.01;
            Instant anchor = demoAt != null ? demoAt : history.get(0).occurredAt();
            if (random.nextDouble() < converts) {
                Instant opportunityAt = anchor.plus(Duration.ofDays(5 + random.nextInt(25)));
                if (opportunityAt.isBefore(now)) {
                    verdicts.add(new Feedback(id, "opp-" + n, FeedbackType.OPPORTUNITY, null, "rep-1", opportunityAt));
                }
            }
            leads.add(new Lead(id, history, verdicts));
        }
        return leads;
    }

    private static Activity activity(String leadId, String type, Instant at, Map<String, Object> properties, int n) {
        Instant t = at.truncatedTo(ChronoUnit.SECONDS);
        return new Activity(leadId + "-" + n, type, leadId, t, properties, "site-1", t);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap's peak. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
