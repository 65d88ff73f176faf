package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.Prediction;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadscore.prediction.Journeys.MODEL;
import static io.leadscore.prediction.Journeys.day;
import static io.leadscore.prediction.Journeys.demoRequest;
import static io.leadscore.prediction.Journeys.page;
import static io.leadscore.prediction.Journeys.title;
import static io.leadscore.prediction.Journeys.verdict;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Examples read from history: moments, point-in-time features, labels, and the time split. */
class TrainingDataTest {
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private final LeadFeatures features = new LeadFeatures(MODEL);
    private final Rescorer rescorer = new Rescorer(MODEL);

    /** A lead that engages, goes quiet long enough to decay and go cold, hears from sales, and engages again. */
    private static final List<Activity> HISTORY = List.of(
            title("a", "VP Sales", day(0)), page("a", "/pricing", day(0.1)), demoRequest("a", day(3)),
            page("a", "/blog/x", day(7)), page("a", "/pricing", day(14)), page("a", "/careers", day(45)),
            page("a", "/pricing", day(70)), demoRequest("a", day(77)));
    private static final List<Feedback> VERDICTS = List.of(verdict("a", FeedbackType.ACCEPTED, day(20)),
            verdict("a", FeedbackType.LOST, day(60)));

    @Test
    void theFeaturesAtEachMomentAreThoseOfTheHistoryBeforeItReplayedToIt() {
        TrainingPlan plan = new TrainingPlan(Prediction.Label.OPPORTUNITY, MONTH, day(200), day(400), WEEK);
        TrainingData data = new TrainingData(MODEL, plan);
        data.add("a", null, HISTORY, VERDICTS);

        List<Example> examples = data.training();
        // Every week from the first activity; the quiet weeks after day 14 + 30 give none until day 45's visit.
        assertEquals(List.of(7L, 14L, 21L, 28L, 35L, 42L, 49L, 56L, 63L, 70L, 77L, 84L, 91L, 98L, 105L),
                examples.stream().map(example -> (example.at() - day(0).getEpochSecond()) / 86_400).toList());
        for (Example example : examples) {
            Instant at = Instant.ofEpochSecond(example.at());
            List<Activity> before = HISTORY.stream().filter(a -> a.occurredAt().isBefore(at)).toList();
            List<Feedback> heard = VERDICTS.stream().filter(v -> v.at().isBefore(at)).toList();
            assertArrayEquals(features.of(rescorer.replay("a", before, heard, at), 0, at), example.features(),
                    "at " + at);
        }
        double[] cold = examples.get(5).features(); // day 42: 28 days after the last score increase
        assertEquals(28.0, cold[features.names().indexOf("recency")], 1e-9);
        assertEquals(2.0, cold[features.names().indexOf("rule:pricing-page:hits")]);
        assertEquals(0.0, cold[features.names().indexOf("rule:pricing-page:7d")]);
        assertEquals(1.0, cold[features.names().indexOf("fit:senior-title")]);
    }

    @Test
    void aMomentIsLabelledByTheFirstConversionWithinTheHorizonAndTheLeadLeavesOnceConverted() {
        List<Activity> history = List.of(page("b", "/pricing", day(0)), page("b", "/pricing", day(30)));
        List<Feedback> verdicts = List.of(verdict("b", FeedbackType.ACCEPTED, day(20)),
                verdict("b", FeedbackType.OPPORTUNITY, day(40)), verdict("b", FeedbackType.WON, day(65)));

        assertEquals(List.of("7:false", "14:true", "21:true", "28:true", "35:true"),
                labels(Prediction.Label.OPPORTUNITY, history, verdicts));
        // For WON, the opportunity is no conversion: the win at 65 labels the moments from 35 on (63 is 33 days
        // after the last activity: a dormant lead gives no example).
        assertEquals(List.of("7:false", "14:false", "21:false", "28:false", "35:true", "42:true", "49:true",
                "56:true"), labels(Prediction.Label.WON, history, verdicts));
        // A win without an opportunity before it is a conversion to an opportunity too.
        assertEquals(List.of("7:false", "14:false", "21:false", "28:false", "35:true", "42:true", "49:true",
                "56:true"), labels(Prediction.Label.OPPORTUNITY, history, List.of(verdicts.get(2))));
    }

    @Test
    void noMomentWhoseHorizonRunsPastNowNorAfterSilenceLongerThanTheHorizon() {
        TrainingPlan plan = new TrainingPlan(Prediction.Label.OPPORTUNITY, MONTH, day(10), day(80), WEEK);
        TrainingData data = new TrainingData(MODEL, plan);
        data.add("c", null, List.of(page("c", "/pricing", day(0))), List.of());

        // Moments 7, 14, 21, 28 (the last before silence exceeds 30 days), each ending by now (80) and not at 35.
        List<Example> all = new ArrayList<>(data.training());
        all.addAll(data.heldOut());
        assertEquals(List.of(14L, 21L, 28L), all.stream().map(e -> (e.at() - day(0).getEpochSecond()) / 86_400)
                .toList(), "7 is in neither period (its horizon ends after the split at 10), 14 is held out");
        assertEquals(List.of(), data.training());

        TrainingData late = new TrainingData(MODEL, new TrainingPlan(Prediction.Label.OPPORTUNITY, MONTH, day(10),
                day(50), WEEK));
        late.add("c", null, List.of(page("c", "/pricing", day(0))), List.of());
        assertEquals(List.of(14L), late.heldOut().stream()
                .map(e -> (e.at() - day(0).getEpochSecond()) / 86_400).toList(), "21 + 30 runs past now (50)");
    }

    @Test
    void trainingHoldsTheMomentsWhoseHorizonEndedByTheSplitAndHeldOutThoseFromIt() {
        TrainingPlan plan = new TrainingPlan(Prediction.Label.OPPORTUNITY, MONTH, day(63), day(400), WEEK);
        TrainingData data = new TrainingData(MODEL, plan);
        List<Activity> weekly = new ArrayList<>();
        for (int week = 0; week < 20; week++) {
            weekly.add(page("d", "/blog/" + week, day(7 * week + 1)));
        }
        data.add("d", null, weekly, List.of());

        assertEquals(List.of(8L, 15L, 22L, 29L), days(data.training()));
        assertEquals(List.of(64L, 71L, 78L, 85L, 92L, 99L, 106L, 113L, 120L, 127L, 134L, 141L, 148L, 155L, 162L),
                days(data.heldOut()));
    }

    @Test
    void theAccountFeatureIsTheMembersScoresAtTheMoment() {
        TrainingPlan plan = new TrainingPlan(Prediction.Label.OPPORTUNITY, MONTH, day(300), day(400), WEEK);
        TrainingData data = new TrainingData(MODEL, plan);
        List<Activity> first = List.of(page("e", "/pricing", day(0)), demoRequest("e", day(12)));
        List<Activity> second = List.of(page("f", "/pricing", day(9)), page("f", "/blog/a", day(10)),
                demoRequest("f", day(40)));
        List<Activity> alone = List.of(page("g", "/pricing", day(0)));
        data.add("e", "acme", first, List.of());
        data.add("f", "acme", second, List.of());
        data.add("g", null, alone, List.of());

        int account = features.names().indexOf("account");
        for (Example example : data.training()) {
            Instant at = Instant.ofEpochSecond(example.at());
            int expected = example.leadId().equals("g") ? 0
                    : scoreAt("e", first, at) + (at.isAfter(day(9)) ? scoreAt("f", second, at) : 0);
            assertEquals(expected, example.features()[account], example.leadId() + " at " + at);
        }
        Example eAt14 = data.training().stream().filter(e -> e.leadId().equals("e")).toList().get(1);
        assertEquals(30 + 12, eAt14.features()[account], "e's 30 and f's 12 on day 14");
    }

    @Test
    void leadsAddedFromSeveralThreadsGiveTheExamplesAddedOneByOne() {
        TrainingData oneByOne = new TrainingData(MODEL, SyntheticLeads.PLAN);
        SyntheticLeads.leads(3, 150, true).forEach(lead -> oneByOne.add(lead.id(), null, lead.history(),
                lead.verdicts()));
        TrainingData together = SyntheticLeads.of(3, 150, true);

        assertEquals(described(oneByOne.training()), described(together.training()));
        assertEquals(described(oneByOne.heldOut()), described(together.heldOut()));
    }

    private static List<String> described(List<Example> examples) {
        return examples.stream().map(e -> e.leadId() + "@" + e.at() + java.util.Arrays.toString(e.features())
                + e.converted()).toList();
    }

    private int scoreAt(String leadId, List<Activity> history, Instant at) {
        return rescorer.replay(leadId, history.stream().filter(a -> a.occurredAt().isBefore(at)).toList(), List.of(),
                at).score();
    }

    private static List<String> labels(Prediction.Label label, List<Activity> history, List<Feedback> verdicts) {
        TrainingData data = new TrainingData(MODEL, new TrainingPlan(label, MONTH, day(300), day(400), WEEK));
        data.add(history.get(0).leadId(), null, history, verdicts);
        return data.training().stream().map(e -> (e.at() - day(0).getEpochSecond()) / 86_400 + ":" + e.converted())
                .toList();
    }

    private static List<Long> days(List<Example> examples) {
        return examples.stream().map(e -> (e.at() - day(0).getEpochSecond()) / 86_400).toList();
    }
}
