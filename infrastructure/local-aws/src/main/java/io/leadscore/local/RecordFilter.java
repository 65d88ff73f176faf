package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.List;

/**
 * Lambda's {@code FilterCriteria} and EventBridge's event patterns, applied with Event Ruler, the library behind both:
 * a record passes when it matches any of the patterns, or when there are none.
 */
final class RecordFilter {

    private final Machine machine = Machine.builder().build();

    RecordFilter(List<String> patterns) {
        for (String pattern : patterns) {
            try {
                machine.addRule(pattern, pattern);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("invalid pattern " + pattern + ": " + e.getMessage(), e);
            }
        }
    }

    /** @param record the record as Lambda delivers it in JSON */
    boolean accepts(JsonNode record) {
        return machine.isEmpty() || !machine.rulesForJSONEvent(record).isEmpty();
    }
}
