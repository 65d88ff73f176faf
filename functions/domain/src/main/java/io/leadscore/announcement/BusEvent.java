package io.leadscore.announcement;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.support.Json;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What leadscore puts on its event bus (source {@value #SOURCE}): one record per detail-type. The outbox stores each in
 * the partition it belongs to (a lead's, an account's, a model's, a job's), in the transaction of the change that
 * caused it; the publish function puts it on the bus; its consumers read it back through these types.
 * {@code events/schemas/<detail-type>.json} describes each detail for everyone else, and the template registers those
 * schemas with the bus.
 *
 * <p>The detail is the record as Jackson writes it. {@link #read} takes one back and names every missing or malformed
 * field.
 */
public sealed interface BusEvent permits Announcement, ModelReviewDue, ModelNeedsReview, JobSegmentReady {
    String SOURCE = "leadscore";
    /** Every detail-type: the announcements of leads and accounts first, then the models' and the jobs'. */
    List<String> DETAIL_TYPES = Stream.concat(Announcement.DETAIL_TYPES.stream(),
            Stream.of(ModelReviewDue.DETAIL_TYPE, ModelNeedsReview.DETAIL_TYPE, JobSegmentReady.DETAIL_TYPE)).toList();

    /** The EventBridge detail-type, and the name of its schema. */
    String detailType();

    /**
     * The key it is stored, published and delivered once under: no two events of one detail-type share it, and the
     * same happening always gets the same key, so that writing it twice stores it once.
     */
    String key();

    /** The detail as it goes on the bus, as plain maps, lists and values (what the outbox stores). */
    default Map<String, Object> detail() {
        return Json.mapper().convertValue(this, new TypeReference<Map<String, Object>>() {
        });
    }

    /**
     * Reads an event's detail as the type its detail-type names.
     *
     * @throws IllegalArgumentException naming the detail-type if it is not leadscore's, or every missing or malformed
     *                                  field of the detail: {@code LeadQualified event is invalid: score: required; ...}
     */
    static BusEvent read(String detailType, Map<String, ?> detail) {
        return BusEventReader.read(detailType, detail);
    }
}
