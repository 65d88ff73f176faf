package io.leadscore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FeedbackReaderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void readsAVerdictOnTheLeadItsPathNames() throws Exception {
        FeedbackReader.Read read = FeedbackReader.forLead("dana", json("""
                {"type": "lost", "reason": "went with a competitor", "rep": "sam@acme.example",
                 "at": "2026-11-30T17:00:00+01:00", "feedbackId": "crm-991"}"""), NOW);

        assertEquals(new Feedback("dana", "crm-991", FeedbackType.LOST, "went with a competitor", "sam@acme.example",
                Instant.parse("2026-11-30T16:00:00Z")), read.feedback());
        assertEquals("feedback-crm-991", read.feedback().ledgerEventId());
    }

    @Test
    void anUnknownTypeIsNamedWithTheTypesThereAre() throws Exception {
        FeedbackReader.Read read = FeedbackReader.forLead("dana", json("""
                {"type": "closed", "rep": "sam", "at": "2026-11-30T17:00:00Z", "feedbackId": "f-1"}"""), NOW);

        assertNull(read.feedback());
        assertEquals(List.of(new FieldError("type", "unknown type 'closed' (types: accepted, rejected, opportunity,"
                + " won, lost, recycled)")), read.errors());
    }

    @Test
    void everyProblemIsNamedByItsFieldInTheBatch() throws Exception {
        FeedbackReader.Read read = FeedbackReader.item(json("""
                {"type": "rejected", "at": "yesterday", "feedbackId": "#1", "owner": "x"}"""), "items[4]", NOW);

        assertEquals(List.of(
                new FieldError("items[4].owner", "unknown field (allowed: at, feedbackId, leadId, reason, rep, type)"),
                new FieldError("items[4].leadId", "is required"),
                new FieldError("items[4].feedbackId", "must be 1-128 of A-Z a-z 0-9 . _ : -, starting with a letter"
                        + " or digit"),
                new FieldError("items[4].reason", "is required for a rejection"),
                new FieldError("items[4].rep", "is required"),
                new FieldError("items[4].at", "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T17:30:00Z")),
                read.errors());
    }

    @Test
    void aVerdictMayBeOldButNotAheadOfTheClock() throws Exception {
        String body = """
                {"type": "won", "rep": "sam", "at": "%s", "feedbackId": "f-1"}""";

        assertEquals(Instant.parse("2019-01-01T00:00:00Z"),
                FeedbackReader.forLead("dana", json(body.formatted("2019-01-01T00:00:00Z")), NOW).feedback().at());
        assertEquals(List.of(new FieldError("at", "is in the future (clock skew allowed: 5 minutes)")),
                FeedbackReader.forLead("dana", json(body.formatted("2026-12-01T09:06:00Z")), NOW).errors());
    }

    @Test
    void aLeadIdIsNotPartOfAVerdictOnAPath() throws Exception {
        assertEquals(List.of(new FieldError("leadId", "unknown field (allowed: at, feedbackId, reason, rep, type)")),
                FeedbackReader.forLead("dana", json("""
                        {"leadId": "ed", "type": "won", "rep": "sam", "at": "2026-11-30T17:00:00Z",
                         "feedbackId": "f-1"}"""), NOW).errors());
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
