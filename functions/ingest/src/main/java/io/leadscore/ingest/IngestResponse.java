package io.leadscore.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.aws.http.ApiError;

import java.util.List;

/** The body of a POST /v1/events answer: counts first, then one result per posted event, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResponse(int accepted, int duplicates, int rejected, List<EventResult> results, ApiError error) {

    static IngestResponse of(List<EventResult> results) {
        int accepted = count(results, EventResult.Status.accepted);
        int duplicates = count(results, EventResult.Status.duplicate);
        int rejected = count(results, EventResult.Status.rejected);
        ApiError error = accepted + duplicates == 0
                ? ApiError.of("invalid_events", "no event was accepted; see results[].errors") : null;
        return new IngestResponse(accepted, duplicates, rejected, results, error);
    }

    boolean nothingAccepted() {
        return error != null;
    }

    private static int count(List<EventResult> results, EventResult.Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
