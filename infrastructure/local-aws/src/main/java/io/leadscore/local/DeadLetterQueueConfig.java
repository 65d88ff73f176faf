package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * The {@code DeadLetterConfig} of a SAM EventBridge or schedule event, checked as the SAM transform reads it. The
 * transform ignores keys it does not know: {@code {Type: SQS, Destination: arn}} deploys, but with a queue SAM makes
 * of its own, so the queue that was meant (and its alarm) never sees a failure. Local mode refuses that template.
 */
final class DeadLetterQueueConfig {

    private static final Set<String> SAM_KEYS = Set.of("Arn", "Type", "QueueLogicalId");
    private static final String QUEUE = "AWS::SQS::Queue";
    private static final String QUEUE_POLICY = "AWS::SQS::QueuePolicy";

    private DeadLetterQueueConfig() {
    }

    /** Refuses keys SAM does not know, {@code Arn} beside {@code Type}, and a queue of the template EventBridge may not send to. */
    static void check(TemplateNode config, TemplateNode template) {
        if (config.isMissing()) {
            return;
        }
        config.fields().keySet().stream().filter(key -> !SAM_KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw config.get(key).error("is not a key SAM knows (Arn, Type, QueueLogicalId): the transform ignores it");
        });
        TemplateNode arn = config.get("Arn");
        if (arn.isMissing() == config.get("Type").isMissing()) {
            throw config.error("must have either Arn (a queue of yours) or Type: SQS (a queue SAM makes), not "
                    + (arn.isMissing() ? "neither" : "both"));
        }
        if (!config.get("Type").isMissing() && !config.get("Type").text().equals("SQS")) {
            throw config.get("Type").error("must be SQS, not " + config.get("Type").text());
        }
        JsonNode getAtt = arn.get("Fn::GetAtt").json();
        if (getAtt.isArray() && getAtt.size() == 2) {
            String queue = getAtt.get(0).asText();
            if (!template.get("Resources").get(queue).get("Type").text("").equals(QUEUE)) {
                throw arn.error("must name an " + QUEUE + " of the template, not " + queue);
            }
            if (!eventBridgeMaySend(queue, template)) {
                throw arn.error("names " + queue + ", but no " + QUEUE_POLICY + " lets events.amazonaws.com send to it:"
                        + " EventBridge could not dead-letter an event");
            }
        }
    }

    /** A queue policy on the queue with a statement that allows EventBridge {@code sqs:SendMessage}. */
    private static boolean eventBridgeMaySend(String queue, TemplateNode template) {
        return template.get("Resources").fields().values().stream()
                .filter(resource -> resource.get("Type").text("").equals(QUEUE_POLICY))
                .map(resource -> resource.get("Properties"))
                .filter(policy -> policy.get("Queues").elements().stream().anyMatch(q -> q.get("Ref").text("").equals(queue)))
                .flatMap(policy -> policy.get("PolicyDocument").get("Statement").elements().stream())
                .anyMatch(statement -> statement.get("Effect").text("").equals("Allow")
                        && oneOf(statement.get("Principal").get("Service"), "events.amazonaws.com")
                        && oneOf(statement.get("Action"), "sqs:SendMessage"));
    }

    /** IAM takes a value or a list of values. */
    private static boolean oneOf(TemplateNode values, String value) {
        for (JsonNode element : values.json().isArray() ? values.json() : List.of(values.json())) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
