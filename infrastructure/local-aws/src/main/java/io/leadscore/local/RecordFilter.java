package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lambda's {@code FilterCriteria} and EventBridge's event patterns, applied with Event Ruler, the library behind both:
 * a record passes when it matches any of the patterns, or when there are none.
 *
 * <p>It also tells, from a write request alone, whether the write may make a record that passes ({@link #mayPass}):
 * what lets a poller sleep through writes its function would never be given.
 */
final class RecordFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that any encoding of a request holds verbatim, quoted: "v" in DynamoDB's JSON, 'v' in PartiQL. */
    private static final Pattern VERBATIM = Pattern.compile("[A-Za-z0-9_.:#@-]+");

    private final Machine machine = Machine.builder().build();
    /**
     * For each pattern, the sets of values of which a write must hold one each, quoted, for an INSERT it makes to match.
     */
    private final List<List<Set<String>>> insertedValues = new ArrayList<>();

    RecordFilter(List<String> patterns) {
        for (String pattern : patterns) {
            try {
                machine.addRule(pattern, pattern);
                insertedValues.add(insertedValues(JSON.readTree(pattern)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("invalid pattern " + pattern + ": " + e.getMessage(), e);
            }
        }
    }

    /** @param record the record as Lambda delivers it in JSON */
    boolean accepts(JsonNode record) {
        return machine.isEmpty() || !machine.rulesForJSONEvent(record).isEmpty();
    }

    /**
     * Whether a write request may make a stream record that passes: false only when every pattern takes INSERT
     * records alone and asks of the new item a value that the request does not hold. An INSERT's new image is made of
     * the request's values only (a put's item; an update's key and the values it sets), so such a write makes no
     * record that passes.
     *
     * @param request the request's body as sent to DynamoDB (JSON, PartiQL statements within): a value of the item
     *                is there quoted, {@code "activity"} or {@code 'activity'}
     */
    boolean mayPass(String request) {
        return machine.isEmpty() || insertedValues.stream().anyMatch(needed -> needed.stream()
                .allMatch(values -> values.stream().anyMatch(request::contains)));
    }

    /**
     * The sets of values of which the new item of a record matching the pattern holds one each, as far as they can be
     * told: none when the pattern takes other records than INSERTs.
     */
    private static List<Set<String>> insertedValues(JsonNode pattern) {
        JsonNode eventName = pattern.path("eventName");
        boolean insertsOnly = eventName.isArray() && !eventName.isEmpty()
                && eventName.valueStream().allMatch(name -> name.asText().equals("INSERT") && name.isTextual());
        List<Set<String>> needed = new ArrayList<>();
        if (insertsOnly) {
            collect(pattern.path("dynamodb").path("NewImage"), needed);
        }
        return needed;
    }

    /** Adds each array of verbatim strings within the object: a matching item holds one of each. */
    private static void collect(JsonNode node, List<Set<String>> needed) {
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                collect(value, needed);
            } else if (value.isArray() && !value.isEmpty() && value.valueStream()
                    .allMatch(element -> element.isTextual() && VERBATIM.matcher(element.asText()).matches())) {
                needed.add(value.valueStream().map(JsonNode::asText)
                        .flatMap(text -> Stream.of('"' + text + '"', "'" + text + "'"))
                        .collect(Collectors.toUnmodifiableSet()));
            }
        });
    }
}
