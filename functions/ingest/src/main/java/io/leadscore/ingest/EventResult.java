package io.leadscore.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.activity.FieldError;

import java.util.List;

/** What became of one posted event: accepted, duplicate (recorded before), or rejected with the reasons. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventResult(int index, String eventId, Status status, List<FieldError> errors) {

    public enum Status {
        accepted, duplicate, rejected
    }
}
