package io.leadscore.announcement;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelNeedsReviewTest {
    static final ModelNeedsReview W48 = new ModelNeedsReview("default", "2026-W48", LocalDate.parse("2026-11-23"),
            LocalDate.parse("2026-11-29"), 40, 30, 16);

    @Test
    void keyedByItsModelAndWeek() {
        assertEquals("model:default/audit/2026-W48", W48.key());
        assertEquals("ModelNeedsReview", W48.detailType());
        assertEquals("{\"qualificationId\":\"model:default/audit/2026-W48\",\"modelId\":\"default\","
                + "\"week\":\"2026-W48\",\"from\":\"2026-11-23\",\"to\":\"2026-11-29\",\"mqls\":40,\"decided\":30,"
                + "\"rejected\":16}", io.leadscore.support.Json.write(W48));
    }

    @Test
    void readsBackWhatItWritesAndNamesWhatIsWrong() {
        assertEquals(W48, BusEvent.read(ModelNeedsReview.DETAIL_TYPE, W48.detail()));
        Map<String, Object> detail = new LinkedHashMap<>(W48.detail());
        detail.put("qualificationId", "model:default/audit/2026-W47");
        detail.put("from", "23 November");
        detail.remove("rejected");

        assertEquals("ModelNeedsReview event is invalid: from: must be an ISO-8601 date such as 2026-11-23; rejected:"
                        + " required; qualificationId: must be model:default/audit/2026-W48 (the model and the week)",
                assertThrows(IllegalArgumentException.class, () -> BusEvent.read(ModelNeedsReview.DETAIL_TYPE, detail))
                        .getMessage());
    }

    @Test
    void onlyAWeekWithMoreThanHalfRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ModelNeedsReview("default", "2026-W48",
                LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29"), 40, 30, 15));
        assertThrows(IllegalArgumentException.class, () -> new ModelNeedsReview("default", "2026-W48",
                LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-30"), 40, 30, 16));
    }
}
