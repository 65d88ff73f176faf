package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Sales rejected more than half of the MQLs they decided on in a week: the scoring model needs re-evaluation now, not
 * at its next scheduled review. Announced once per model and ISO week by the scheduled audit of the last complete
 * week, in the model's partition.
 *
 * @param week     the ISO week audited, {@code 2026-W48}
 * @param from     its Monday
 * @param to       its Sunday
 * @param decided  the MQLs of the week that sales accepted or rejected
 * @param rejected of those, the rejected
 */
@JsonPropertyOrder({"qualificationId", "modelId", "week", "from", "to", "mqls", "decided", "rejected"})
public record ModelNeedsReview(String modelId, String week, LocalDate from, LocalDate to, long mqls, long decided,
                               long rejected) implements BusEvent {
    public static final String DETAIL_TYPE = "ModelNeedsReview";

    public ModelNeedsReview {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(week, "week");
        if (from.getDayOfWeek() != DayOfWeek.MONDAY || !to.equals(from.plusDays(6))) {
            throw new IllegalArgumentException("an audited week runs from a Monday to a Sunday, not " + from + " to "
                    + to);
        }
        if (rejected * 2 <= decided || decided > mqls) {
            throw new IllegalArgumentException("a week needs review when more than half of its decided MQLs were"
                    + " rejected, not " + rejected + " of " + decided + " (of " + mqls + " MQLs)");
        }
    }

    /** {@code model:<modelId>/audit/<week>}: one announcement per model and week however often the audit runs. */
    @JsonProperty("qualificationId")
    public String qualificationId() {
        return key(modelId, week);
    }

    static String key(String modelId, String week) {
        return "model:" + modelId + "/audit/" + week;
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
