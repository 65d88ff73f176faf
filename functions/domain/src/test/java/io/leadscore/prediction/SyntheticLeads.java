package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.Prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.leadscore.prediction.Journeys.day;

/**
 * Leads made from a seed: each browses for about six weeks (blog posts, pricing visits, maybe a demo request or a
 * careers visit) and, with {@code signal}, becomes an opportunity two to four weeks after its last visit with odds
 * that demo requests and pricing visits raise and a careers visit lowers; without, at a rate and a time that ignore
 * what it did.
 */
final class SyntheticLeads {
    static final TrainingPlan PLAN = new TrainingPlan(Prediction.Label.OPPORTUNITY, Duration.ofDays(30), day(200),
            day(330), Duration.ofDays(7));

    private SyntheticLeads() {
    }

    /** One lead's recorded history and verdicts. */
    record Lead(String id, List<Activity> history, List<Feedback> verdicts) {
    }

    /** The leads' examples, added from several threads as a training function would. */
    static TrainingData of(long seed, int leads, boolean signal) {
        TrainingData data = new TrainingData(Journeys.MODEL, PLAN);
        leads(seed, leads, signal).parallelStream()
                .forEach(lead -> data.add(lead.id(), null, lead.history(), lead.verdicts()));
        return data;
    }

    static List<Lead> leads(long seed, int leads, boolean signal) {
        Random random = new Random(seed);
        List<Lead> made = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            String lead = "lead-" + i;
            double start = random.nextDouble() * 250;
            List<Activity> history = new ArrayList<>();
            int pricing = 0;
            boolean demo = false;
            boolean careers = false;
            double last = start;
            for (int visit = 0; visit < 4 + random.nextInt(8); visit++) {
                double at = start + random.nextDouble() * 42;
                last = Math.max(last, at);
                double kind = random.nextDouble();
                if (kind < 0.25) {
                    history.add(Journeys.page(lead, "/pricing", day(at)));
                    pricing++;
                } else if (kind < 0.32) {
                    history.add(Journeys.demoRequest(lead, day(at)));
                    demo = true;
                } else if (kind < 0.38) {
                    history.add(Journeys.page(lead, "/careers", day(at)));
                    careers = true;
                } else {
                    history.add(Journeys.page(lead, "/blog/" + random.nextInt(20), day(at)));
                }
            }
            double logit = signal ? -2.5 + 2.5 * (demo ? 1 : 0) + 0.8 * pricing - 3 * (careers ? 1 : 0) : -0.7;
            List<Feedback> verdicts = new ArrayList<>();
            if (random.nextDouble() < 1 / (1 + Math.exp(-logit))) {
                // Without signal, not even the timing tells: the opportunity comes at any day of the year.
                Instant at = day(signal ? last + 14 + random.nextDouble() * 14 : random.nextDouble() * 330);
                verdicts.add(Journeys.verdict(lead, FeedbackType.OPPORTUNITY, at));
            }
            made.add(new Lead(lead, history, verdicts));
        }
        return made;
    }
}
