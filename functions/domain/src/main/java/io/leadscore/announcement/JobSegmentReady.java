package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * A segment of a re-score or backtest job ready for a worker: a rule on the bus hands it to the jobs function. A
 * segment handed out again (its worker stopped) is a new attempt, so that each handing-out is published once. A
 * training run ({@value #TRAINING}, one segment: its id is the job's) is handed to the train function the same way.
 *
 * @param type     {@value #RESCORE} (publishing a revision), {@value #BACKTEST} (trying one on recorded history) or
 *                 {@value #TRAINING} (fitting trained weights to it; {@code revision} is the published one)
 * @param revision the revision the job scores with
 * @param segment  which of the job's segments, from 0 (a parallel scan's segment)
 * @param segments how many segments the job has
 * @param attempt  which handing-out of the segment this is, from 1
 */
@JsonPropertyOrder({"jobId", "type", "modelId", "revision", "segment", "segments", "attempt"})
public record JobSegmentReady(String jobId, String type, String modelId, int revision, int segment, int segments,
                              int attempt) implements BusEvent {
    public static final String DETAIL_TYPE = "JobSegmentReady";
    public static final String RESCORE = "rescore";
    public static final String BACKTEST = "backtest";
    public static final String TRAINING = "training";
    static final List<String> TYPES = List.of(RESCORE, BACKTEST, TRAINING);

    public JobSegmentReady {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(modelId, "modelId");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type: must be one of " + TYPES + ", not " + type);
        }
        if (revision < 1 || segments < 1 || segment < 0 || segment >= segments || attempt < 1) {
            throw new IllegalArgumentException("revision " + revision + ", segment " + segment + " of " + segments
                    + ", attempt " + attempt + ": revision, segments and attempt count from 1, segment from 0 to"
                    + " segments - 1");
        }
    }

    /** {@code <jobId>/segment/<segment>/<attempt>}. */
    @Override
    public String key() {
        return jobId + "/segment/" + segment + "/" + attempt;
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
