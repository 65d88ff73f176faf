package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of imported history as the import route and the bucket's chunks take it: {@code {"events": [...],
 * "announce": false}}, the events in the API's event shape (POST /v1/events), 1 to {@value #MAX_EVENTS} of them.
 * Bounded so that one batch is recorded and replayed well within one request's time.
 *
 * @param announce true: qualifications the history causes are announced (MQL notifications); by default they are
 *                 set silently, since they happened long ago
 */
public record ImportBatch(List<JsonNode> events, boolean announce) {
    public static final int MAX_EVENTS = 500;
    /** 500 events of about 1 KB each, with room; far below Lambda's 6 MB request limit. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public ImportBatch {
        events = List.copyOf(events);
    }

    /** A batch the route refuses whole: the field at fault and the problem. */
    public static final class Malformed extends RuntimeException {
        private final String field;

        public Malformed(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The batch in a request's JSON body; each event is validated later, on its own. */
    public static ImportBatch read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Malformed("body", "must be a JSON object: {\"events\": [...]}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("events") && !name.equals("announce")) {
                throw new Malformed(name, "unknown field (allowed: announce, events)");
            }
        });
        JsonNode events = body.get("events");
        if (events == null || !events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new Malformed("events", "must be a list of 1 to " + MAX_EVENTS + " events"
                    + (events != null && events.isArray() ? ", not " + events.size() : ""));
        }
        JsonNode announce = body.get("announce");
        if (announce != null && !announce.isBoolean()) {
            throw new Malformed("announce", "must be true or false");
        }
        List<JsonNode> list = new ArrayList<>();
        events.forEach(list::add);
        return new ImportBatch(list, announce != null && announce.booleanValue());
    }
}
