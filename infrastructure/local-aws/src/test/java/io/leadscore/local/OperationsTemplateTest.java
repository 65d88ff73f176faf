package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml watches what can go wrong in operation: every function's errors, stream lag, dead letters. */
class OperationsTemplateTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final JsonNode RESOURCES = CloudFormationYaml.read(TEMPLATE.file()).get("Resources");

    @Test
    void everyFunctionHasAnAlarmOnItsErrors() {
        TEMPLATE.functions().forEach(f -> assertTrue(alarmed("Errors", f.logicalId()), f.logicalId() + " errors"));
    }

    @Test
    void everyStreamConsumerHasAnAlarmOnItsIteratorAge() {
        TEMPLATE.functions().stream().filter(f -> !f.streamSources().isEmpty())
                .forEach(f -> assertTrue(alarmed("IteratorAge", f.logicalId()), f.logicalId() + " iterator age"));
    }

    @Test
    void everyQueueThatCollectsFailuresHasAnAlarmOnItsDepth() {
        List<String> failureQueues = new ArrayList<>();
        RESOURCES.fields().forEachRemaining(resource -> resource.getValue().findValues("Destination").forEach(d -> {
            if (d.has("Fn::GetAtt")) {
                failureQueues.add(d.get("Fn::GetAtt").get(0).asText());
            }
        }));
        assertTrue(failureQueues.containsAll(List.of("ScoreFailureQueue", "NotifyDeadLetterQueue")), failureQueues.toString());
        failureQueues.forEach(q -> assertTrue(alarmed("ApproximateNumberOfMessagesVisible", q), q + " depth"));
    }

    /** An alarm on {@code metric} whose dimension names the resource, and that tells someone. */
    private static boolean alarmed(String metric, String resource) {
        List<JsonNode> alarms = new ArrayList<>();
        RESOURCES.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::CloudWatch::Alarm")
                    && r.path("Properties").path("MetricName").asText().equals(metric)
                    && r.path("Properties").path("Dimensions").toString().contains("\"" + resource + "\"")
                    && !r.path("Properties").path("AlarmActions").isEmpty()) {
                alarms.add(r);
            }
        });
        return !alarms.isEmpty();
    }
}
