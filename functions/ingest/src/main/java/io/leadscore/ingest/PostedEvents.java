package io.leadscore.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The events a request posted, not yet validated: one event alone, or the {@code events} of a batch.
 *
 * @param batch whether they came as {@code {"events": [...]}}, where an event's errors are named {@code events[i]}
 */
record PostedEvents(List<JsonNode> events, boolean batch) {

    PostedEvents {
        events = List.copyOf(events);
    }

    /** Where the event at {@code index} sits in the request, as its errors name it; empty for a lone event. */
    String path(int index) {
        return batch ? "events[" + index + "]" : "";
    }
}
