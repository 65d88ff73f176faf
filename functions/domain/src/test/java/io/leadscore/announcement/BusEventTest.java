package io.leadscore.announcement;

import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bus events that are no lead's or account's: written field for field, keyed once, read back strictly. */
class BusEventTest {
    static final ModelReviewDue REVIEW_DUE = new ModelReviewDue("default", 3,
            Instant.parse("2026-10-31T09:14:05Z"), Instant.parse("2026-09-01T09:14:05Z"));
    static final JobSegmentReady SEGMENT_READY = new JobSegmentReady("job-7f3a", JobSegmentReady.RESCORE, "default",
            3, 2, 8, 1);

    @Test
    void aReviewReminderIsKeyedByItsModelAndTheDayItFellDue() {
        assertEquals("{\"qualificationId\":\"model:default/review/2026-10-31\",\"modelId\":\"default\",\"revision\":3,"
                + "\"dueAt\":\"2026-10-31T09:14:05Z\",\"firstPublishedAt\":\"2026-09-01T09:14:05Z\"}",
                Json.write(REVIEW_DUE));
        assertEquals("model:default/review/2026-10-31", REVIEW_DUE.key());
        assertEquals(REVIEW_DUE.key(), new ModelReviewDue("default", 4, Instant.parse("2026-10-31T23:59:59Z"),
                REVIEW_DUE.firstPublishedAt()).key(), "the same day, however late the schedule looked");
        assertEquals(ModelReviewDue.DETAIL_TYPE, REVIEW_DUE.detailType());
    }

    @Test
    void aSegmentIsKeyedByItsJobItsNumberAndTheAttempt() {
        assertEquals("{\"jobId\":\"job-7f3a\",\"type\":\"rescore\",\"modelId\":\"default\",\"revision\":3,"
                + "\"segment\":2,\"segments\":8,\"attempt\":1}", Json.write(SEGMENT_READY));
        assertEquals("job-7f3a/segment/2/1", SEGMENT_READY.key());
        assertEquals(JobSegmentReady.DETAIL_TYPE, SEGMENT_READY.detailType());
    }

    @Test
    void readsBackWhatItWrites() {
        for (BusEvent event : List.of(REVIEW_DUE, SEGMENT_READY)) {
            assertEquals(event, BusEvent.read(event.detailType(), event.detail()));
        }
    }

    @Test
    void aReviewReminderMayLeaveOutItsKeyAndTakesWholeNumbersAsDoubles() {
        Map<String, Object> detail = new LinkedHashMap<>(REVIEW_DUE.detail());
        detail.remove("qualificationId");
        detail.put("revision", 3.0);

        assertEquals(REVIEW_DUE, BusEvent.read(ModelReviewDue.DETAIL_TYPE, detail));
    }

    @Test
    void namesEveryMissingOrMalformedFieldOfAReviewReminder() {
        Map<String, Object> detail = new LinkedHashMap<>(REVIEW_DUE.detail());
        detail.put("qualificationId", "model:default/review/2026-11-01");
        detail.put("revision", 0);
        detail.remove("firstPublishedAt");

        assertEquals("ModelReviewDue event is invalid: revision: must be 1 or more; firstPublishedAt: required;"
                        + " qualificationId: must be model:default/review/2026-10-31 (the model and the day its review"
                        + " fell due)",
                assertThrows(IllegalArgumentException.class, () -> BusEvent.read(ModelReviewDue.DETAIL_TYPE, detail))
                        .getMessage());
    }

    @Test
    void namesEveryMissingOrMalformedFieldOfASegment() {
        Map<String, Object> detail = new LinkedHashMap<>(SEGMENT_READY.detail());
        detail.remove("jobId");
        detail.put("type", "replay");
        detail.put("segment", 8);
        detail.put("attempt", "first");

        assertEquals("JobSegmentReady event is invalid: jobId: required; type: must be one of rescore, backtest, training;"
                        + " segment: must be less than segments (8), counting from 0; attempt: must be a whole number",
                assertThrows(IllegalArgumentException.class, () -> BusEvent.read(JobSegmentReady.DETAIL_TYPE, detail))
                        .getMessage());
    }

    @Test
    void listsEveryDetailTypeAndNoOther() {
        assertEquals(List.of("LeadQualified", "LeadDisqualified", "LeadWentCold", "AccountQualified",
                "AccountDisqualified", "ModelReviewDue", "ModelNeedsReview", "JobSegmentReady"), BusEvent.DETAIL_TYPES);
        assertEquals(List.of("LeadQualified", "LeadDisqualified", "LeadWentCold", "AccountQualified",
                "AccountDisqualified"), Announcement.DETAIL_TYPES);
        assertEquals("detail-type 'ModelReviewdue' is not one of leadscore's " + BusEvent.DETAIL_TYPES,
                assertThrows(IllegalArgumentException.class, () -> BusEvent.read("ModelReviewdue", Map.of()))
                        .getMessage(), "detail-types are names: spelled exactly");
    }
}
