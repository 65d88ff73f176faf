package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A scoring model falling due for review (by default 60 days after its first publish, then every 90 days): time for
 * marketing to hold its revisions against what sales accepted and draft the next one. Announced once per due date by
 * the scheduled run that finds it due, in the model's partition.
 *
 * @param modelId          the model, {@code default}
 * @param revision         the revision published when the review fell due: the one to review
 * @param dueAt            when the review fell due
 * @param firstPublishedAt when the model was first published, where its review schedule starts
 */
@JsonPropertyOrder({"qualificationId", "modelId", "revision", "dueAt", "firstPublishedAt"})
public record ModelReviewDue(String modelId, int revision, Instant dueAt, Instant firstPublishedAt)
        implements BusEvent {
    public static final String DETAIL_TYPE = "ModelReviewDue";

    public ModelReviewDue {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(firstPublishedAt, "firstPublishedAt");
        if (revision < 1) {
            throw new IllegalArgumentException("revision: must be 1 or more, not " + revision);
        }
    }

    /** The day it fell due, in UTC. */
    @JsonIgnore
    public LocalDate dueDate() {
        return LocalDate.ofInstant(dueAt, ZoneOffset.UTC);
    }

    /**
     * {@code model:<modelId>/review/<due date>}: one reminder per model and due date however often the schedule looks.
     * In the detail under the name every leadscore event's receivers dedupe on.
     */
    @JsonProperty("qualificationId")
    public String qualificationId() {
        return key(modelId, dueDate());
    }

    static String key(String modelId, LocalDate dueDate) {
        return "model:" + modelId + "/review/" + dueDate;
    }

    @Override
    public String key() {
        return qualificationId();
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
