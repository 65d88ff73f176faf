package io.leadscore.notify;

import io.leadscore.announcement.AccountQualified;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.announcement.ModelReviewDue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the notify function tells people, as the event bus delivered it: a qualification, for sales, or a model's review
 * falling due, for marketing. NOTIFY_CONFIG routes each by its detail-type (a qualification also by its group and
 * profile). Its detail is kept as received, which signed webhooks forward as it is (fields this version does not know
 * included).
 */
sealed interface Notice permits QualifiedEvent, ReviewDueEvent {
    /** The detail-types notify delivers: what the template's rule for it matches. */
    List<String> DETAIL_TYPES = List.of(LeadQualified.DETAIL_TYPE, AccountQualified.DETAIL_TYPE,
            ModelReviewDue.DETAIL_TYPE);

    /** The event read through the bus contract. */
    BusEvent event();

    /** The event's detail as received; its null values are kept. */
    Map<String, Object> detail();

    /** When it happened: the qualification's time, the moment the review fell due. */
    Instant occurredAt();

    /** What each destination is told once: the event's key, which its detail names {@code qualificationId}. */
    default String qualificationId() {
        return event().key();
    }

    default String detailType() {
        return event().detailType();
    }

    /**
     * Reads an event's detail, refusing any other detail-type, and a detail with every missing or malformed field
     * named.
     */
    static Notice from(String detailType, Map<String, Object> detail) {
        if (!DETAIL_TYPES.contains(detailType)) {
            throw new IllegalArgumentException("detail-type '" + detailType + "' is not one notify delivers ("
                    + String.join(", ", DETAIL_TYPES) + ")");
        }
        return detailType.equals(ModelReviewDue.DETAIL_TYPE)
                ? ReviewDueEvent.from(detail)
                : QualifiedEvent.from(detailType, detail);
    }
}
