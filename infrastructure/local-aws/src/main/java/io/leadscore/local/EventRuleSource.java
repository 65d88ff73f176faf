package io.leadscore.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import software.amazon.event.ruler.JsonRuleCompiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An EventBridge rule that invokes a function: SAM's {@code Type: EventBridgeRule} (or {@code CloudWatchEvent}) event,
 * or an {@code AWS::Events::Rule} resource with a target {@code Arn: !GetAtt Function.Arn}.
 *
 * @param name                   the event's key under {@code Events}, or the rule resource's logical id
 * @param busLogicalId           the bus of {@code EventBusName: !Ref Bus}, or {@value #DEFAULT_BUS}
 * @param pattern                the event pattern, in JSON
 * @param maximumRetryAttempts   EventBridge's retries when it cannot invoke the function ({@code RetryPolicy})
 * @param maximumEventAgeSeconds how long EventBridge keeps trying ({@code RetryPolicy})
 * @param functionRetryAttempts  Lambda's retries when the function fails on the event, which it invokes
 *                               asynchronously: the function's {@code EventInvokeConfig.MaximumRetryAttempts}
 */
public record EventRuleSource(String name, String busLogicalId, String pattern, int maximumRetryAttempts,
                              int maximumEventAgeSeconds, int functionRetryAttempts) {

    public static final String BUS_RESOURCE_TYPE = "AWS::Events::EventBus";
    static final String RULE_RESOURCE_TYPE = "AWS::Events::Rule";
    /** The bus of rules that name none, and of events put without an {@code EventBusName}. */
    public static final String DEFAULT_BUS = "default";
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
    public static final int DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
    public static final int DEFAULT_FUNCTION_RETRY_ATTEMPTS = 2;

    public EventRuleSource {
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("invalid event pattern " + pattern + ": " + problem);
        }
        check("maximumRetryAttempts", maximumRetryAttempts, 0, 185);
        check("maximumEventAgeSeconds", maximumEventAgeSeconds, 60, 86_400);
        check("functionRetryAttempts", functionRetryAttempts, 0, 2);
    }

    /** A SAM {@code EventBridgeRule} event of a function; none when the rule is disabled. */
    static Optional<EventRuleSource> parseEvent(String name, TemplateNode properties, TemplateNode template,
                                                int functionRetryAttempts) {
        return enabled(properties)
                ? Optional.of(parse(name, properties, properties.required("Pattern"), properties, template, functionRetryAttempts))
                : Optional.empty();
    }

    /** The template's enabled {@code AWS::Events::Rule} resources with a pattern, once for each target that is the function. */
    static List<EventRuleSource> parseRules(String functionId, TemplateNode template, int functionRetryAttempts) {
        List<EventRuleSource> rules = new ArrayList<>();
        template.get("Resources").fields().forEach((ruleId, resource) -> {
            TemplateNode rule = resource.get("Properties");
            // a rule without a pattern runs on a schedule
            if (resource.get("Type").text("").equals(RULE_RESOURCE_TYPE) && enabled(rule) && !rule.get("EventPattern").isMissing()) {
                rule.get("Targets").elements().stream()
                        .filter(target -> isFunction(target.required("Arn"), functionId))
                        .forEach(target -> rules.add(parse(ruleId, rule, rule.get("EventPattern"), target, template, functionRetryAttempts)));
            }
        });
        return rules;
    }

    /**
     * @param rule   where {@code EventBusName} is
     * @param target where {@code RetryPolicy} is
     */
    private static EventRuleSource parse(String name, TemplateNode rule, TemplateNode pattern, TemplateNode target,
                                         TemplateNode template, int functionRetryAttempts) {
        TemplateNode retryPolicy = target.get("RetryPolicy");
        try {
            return new EventRuleSource(name, bus(rule.get("EventBusName"), template),
                    pattern.json().isTextual() ? pattern.text() : pattern.json().toString(),
                    retryPolicy.get("MaximumRetryAttempts").integer(DEFAULT_MAXIMUM_RETRY_ATTEMPTS),
                    retryPolicy.get("MaximumEventAgeInSeconds").integer(DEFAULT_MAXIMUM_EVENT_AGE_SECONDS),
                    functionRetryAttempts);
        } catch (IllegalArgumentException e) {
            throw target.error("is not a valid rule: " + e.getMessage());
        }
    }

    private static boolean enabled(TemplateNode rule) {
        return !rule.get("State").text("ENABLED").equals("DISABLED");
    }

    /** {@code Arn: !GetAtt Function.Arn}, the form that names a function of the template. */
    private static boolean isFunction(TemplateNode arn, String functionId) {
        return arn.get("Fn::GetAtt").json().equals(JsonNodeFactory.instance.arrayNode().add(functionId).add("Arn"));
    }

    /** The bus of {@code EventBusName: !Ref Bus}, the only form that local mode can follow besides the default bus. */
    private static String bus(TemplateNode busName, TemplateNode template) {
        if (busName.isMissing() || busName.json().asText().equals(DEFAULT_BUS)) {
            return DEFAULT_BUS;
        }
        String bus = busName.get("Ref").text("");
        if (!template.get("Resources").get(bus).get("Type").text("").equals(BUS_RESOURCE_TYPE)) {
            throw busName.error("must be !Ref <Bus> of an " + BUS_RESOURCE_TYPE + " of the template, or absent for the default bus");
        }
        return bus;
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}
