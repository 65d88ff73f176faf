package io.leadscore.admin;

import io.leadscore.aws.http.Refused;
import io.leadscore.model.Prediction;
import io.leadscore.prediction.Criterion;
import io.leadscore.prediction.TrainingRequest;
import io.leadscore.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** POST /v1/models/{modelId}/trainings' body: each field read, each wrong one a 400 that names it. */
class TrainingRequestFieldsTest {

    @Test
    void everyFieldIsReadAndAnEmptyBodyAsksForTheDefaults() throws Exception {
        assertEquals(new TrainingRequest(Prediction.Label.WON, 45, Instant.parse("2026-06-01T00:00:00Z"), null,
                        Criterion.Kind.CAPACITY, 25),
                Trainings.request(Json.mapper().readTree("{\"label\": \"won\", \"horizonDays\": 45, \"splitAt\":"
                        + " \"2026-06-01T00:00:00Z\", \"criterion\": \"capacity\", \"leadsPerWeek\": 25}")));
        assertEquals(TrainingRequest.defaults(), Trainings.request(null));
        assertEquals(TrainingRequest.defaults(), Trainings.request(Json.mapper().readTree("{}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"label\": \"mql\"}|label",
            "{\"label\": 3}|label",
            "{\"horizonDays\": 0}|horizonDays",
            "{\"horizonDays\": 366}|horizonDays",
            "{\"horizonDays\": 2.5}|horizonDays",
            "{\"horizonDays\": \"30\"}|horizonDays",
            "{\"heldOutDays\": 30}|heldOutDays",
            "{\"heldOutDays\": 90, \"splitAt\": \"2026-06-01T00:00:00Z\"}|heldOutDays",
            "{\"splitAt\": \"June\"}|splitAt",
            "{\"criterion\": \"auc\"}|criterion",
            "{\"criterion\": \"capacity\"}|leadsPerWeek",
            "{\"leadsPerWeek\": 0}|leadsPerWeek",
            "{\"threshold\": 0.5}|threshold",
            "[]|body"})
    void aWrongFieldIsA400ThatNamesIt(String body, String field) throws Exception {
        Refused refused = assertThrows(Refused.class, () -> Trainings.request(Json.mapper().readTree(body)));

        assertEquals(400, refused.status());
        assertEquals(field, refused.error().field(), refused.error().message());
    }

    @Test
    void aSplitThatLeavesNoHeldOutMomentWithAKnownOutcomeNamesSplitAt() {
        TrainingRequest late = new TrainingRequest(Prediction.Label.OPPORTUNITY, 30,
                Instant.parse("2026-11-15T00:00:00Z"), null, Criterion.Kind.F1, null);

        TrainingRequest.Invalid invalid = assertThrows(TrainingRequest.Invalid.class,
                () -> late.plan(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals("splitAt", invalid.field());
        assertEquals(Instant.parse("2026-10-02T00:00:00Z"), TrainingRequest.defaults()
                .plan(Instant.parse("2026-12-01T00:00:00Z")).splitAt(), "twice the 30-day horizon held out");
    }
}
