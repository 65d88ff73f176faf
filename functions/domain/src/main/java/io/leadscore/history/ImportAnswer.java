package io.leadscore.history;

import io.leadscore.activity.FieldError;

import java.util.List;

/**
 * What became of a batch of imported events: how many were recorded now, how many were recorded before (a re-run,
 * or an event id seen twice), and each refused event with its place in the batch and the errors that name its fields.
 */
public record ImportAnswer(int accepted, int duplicates, List<Rejected> rejected) {

    public ImportAnswer {
        rejected = List.copyOf(rejected);
    }

    /** A refused event: its index in the batch, its event id if it had a readable one, and why. */
    public record Rejected(int index, String eventId, List<FieldError> errors) {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
