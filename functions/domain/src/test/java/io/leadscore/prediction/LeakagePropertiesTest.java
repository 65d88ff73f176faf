package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.Prediction;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static io.leadscore.prediction.Journeys.MODEL;
import static io.leadscore.prediction.Journeys.day;
import static io.leadscore.prediction.Journeys.demoRequest;
import static io.leadscore.prediction.Journeys.page;
import static io.leadscore.prediction.Journeys.title;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No leakage: nothing that happens after an example's moment reaches its features, whichever lead of its account it
 * happens to, and no training label reads a verdict from after the split.
 */
class LeakagePropertiesTest {
    private static final TrainingPlan PLAN = new TrainingPlan(Prediction.Label.OPPORTUNITY, Duration.ofDays(30),
            day(100), day(200), Duration.ofDays(7));
    private static final List<String> LEADS = List.of("a", "b", "c");
    private static final FeedbackType[] TYPES = FeedbackType.values();

    /** Three leads of one account, each with up to 30 activities and 4 verdicts over 150 days. */
    private record Histories(Map<String, List<Activity>> activities, Map<String, List<Feedback>> verdicts) {
        static Histories random(Random random) {
            Map<String, List<Activity>> activities = new TreeMap<>();
            Map<String, List<Feedback>> verdicts = new TreeMap<>();
            for (String lead : LEADS) {
                List<Activity> history = new ArrayList<>();
                for (int i = random.nextInt(30) + 1; i > 0; i--) {
                    history.add(activity(random, lead, day(random.nextDouble() * 150)));
                }
                activities.put(lead, history);
                List<Feedback> heard = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    heard.add(verdict(random, lead, day(random.nextDouble() * 150)));
                }
                verdicts.put(lead, heard);
            }
            return new Histories(activities, verdicts);
        }

        /** Every activity and verdict after {@code after}: some dropped, some changed, some added. */
        Histories changedAfter(Instant after, Random random, Predicate<Object> which) {
            Map<String, List<Activity>> activities = new TreeMap<>();
            Map<String, List<Feedback>> verdicts = new TreeMap<>();
            for (String lead : LEADS) {
                List<Activity> history = changed(this.activities.get(lead), Activity::occurredAt, after, random, which,
                        activity -> activity(random, lead, activity.occurredAt()));
                List<Feedback> heard = changed(this.verdicts.get(lead), Feedback::at, after, random, which,
                        verdict -> verdict(random, lead, verdict.at()));
                Instant start = after.plusSeconds(1);
                for (int i = random.nextInt(6); i > 0; i--) {
                    Instant at = start.plusSeconds((long) (random.nextDouble() * 100 * 86_400));
                    if (random.nextBoolean()) {
                        Activity added = activity(random, lead, at);
                        if (which.test(added)) {
                            history.add(added);
                        }
                    } else {
                        Feedback added = verdict(random, lead, at);
                        if (which.test(added)) {
                            heard.add(added);
                        }
                    }
                }
                activities.put(lead, history);
                verdicts.put(lead, heard);
            }
            return new Histories(activities, verdicts);
        }

        /** Each of {@code events} after {@code after} that {@code which} picks kept, dropped or replaced at random. */
        private static <T> List<T> changed(List<T> events, Function<T, Instant> at, Instant after, Random random,
                                           Predicate<Object> which, UnaryOperator<T> replacement) {
            List<T> changed = new ArrayList<>();
            for (T event : events) {
                int fate = at.apply(event).isAfter(after) && which.test(event) ? random.nextInt(3) : 0;
                if (fate == 0) {
                    changed.add(event);
                } else if (fate == 1) {
                    changed.add(replacement.apply(event));
                }
            }
            return changed;
        }

        /** Each example by lead and moment: its features, and its label. */
        Map<String, String> examples(boolean trainingOnly) {
            TrainingData data = new TrainingData(MODEL, PLAN);
            LEADS.forEach(lead -> data.add(lead, "acme", activities.get(lead), verdicts.get(lead)));
            List<Example> examples = new ArrayList<>(data.training());
            if (!trainingOnly) {
                examples.addAll(data.heldOut());
            }
            Map<String, String> byMoment = new TreeMap<>();
            examples.forEach(e -> byMoment.put(e.leadId() + "@" + e.at(), Arrays.toString(e.features())
                    + (trainingOnly ? " " + e.converted() : "")));
            return byMoment;
        }
    }

    private static Activity activity(Random random, String lead, Instant at) {
        return switch (random.nextInt(5)) {
            case 0 -> page(lead, "/pricing", at);
            case 1 -> demoRequest(lead, at);
            case 2 -> page(lead, "/careers", at);
            case 3 -> title(lead, random.nextBoolean() ? "VP Sales" : "Engineer", at);
            default -> page(lead, "/blog/" + random.nextInt(9), at);
        };
    }

    private static Feedback verdict(Random random, String lead, Instant at) {
        return Journeys.verdict(lead, TYPES[random.nextInt(TYPES.length)], at);
    }

    @Property(tries = 40)
    void whatHappensAfterAMomentLeavesItsFeaturesAsTheyWere(@ForAll long seed, @ForAll @IntRange(max = 150) int day) {
        Random random = new Random(seed);
        Histories histories = Histories.random(random);
        Instant cut = day(day);
        Histories changed = histories.changedAfter(cut, random, event -> true);

        Map<String, String> before = upTo(histories.examples(false), cut);
        assertEquals(before, upTo(changed.examples(false), cut));
    }

    @Property(tries = 40)
    void noTrainingLabelReadsAVerdictAfterTheSplit(@ForAll long seed) {
        Random random = new Random(seed);
        Histories histories = Histories.random(random);
        Histories changed = histories.changedAfter(PLAN.splitAt(), random, event -> event instanceof Feedback);

        Map<String, String> training = histories.examples(true);
        Assume.that(!training.isEmpty());
        assertEquals(training, changed.examples(true));
    }

    private static Map<String, String> upTo(Map<String, String> examples, Instant cut) {
        Map<String, String> kept = new TreeMap<>();
        examples.forEach((key, features) -> {
            if (Long.parseLong(key.substring(key.indexOf('@') + 1)) <= cut.getEpochSecond()) {
                kept.put(key, features);
            }
        });
        return kept;
    }
}
