package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with what local mode needs to run it, {@code Globals.Function} applied.
 *
 * @param codeUri               the local folder {@code sam build} builds from, as {@code CodeUri} names it (here,
 *                              {@code .}: the Makefile's); null for none or an S3 location. Local mode runs the
 *                              handlers from its own class path, not from it
 * @param handlerClass          the class of {@code Handler: package.Class::method}
 * @param handlerMethod         the method, {@code handleRequest} when the handler names only the class
 * @param timeoutSeconds        the function's {@code Timeout}, or the global one, or SAM's default of 3 s
 * @param unresolvedEnvironment environment variables as written, global ones first; see {@link #environment(Resolver)}
 * @param eventRules            the EventBridge rules that invoke the function: its own events, then the rule resources
 *                              that target it
 * @param schedules             its {@code Type: Schedule} events
 * @param queueSources          its {@code Type: SQS} events
 * @param bucketSources         its {@code Type: S3} events
 */
public record FunctionDef(String logicalId, String codeUri, String handlerClass, String handlerMethod, int timeoutSeconds,
                          Map<String, JsonNode> unresolvedEnvironment, List<HttpRoute> httpRoutes,
                          List<StreamSource> streamSources, List<EventRuleSource> eventRules,
                          List<ScheduleSource> schedules, List<QueueSource> queueSources,
                          List<BucketSource> bucketSources) {

    public static final String RESOURCE_TYPE = "AWS::Serverless::Function";
    private static final int SAM_DEFAULT_TIMEOUT_SECONDS = 3;

    public FunctionDef {
        unresolvedEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(unresolvedEnvironment));
        httpRoutes = List.copyOf(httpRoutes);
        streamSources = List.copyOf(streamSources);
        eventRules = List.copyOf(eventRules);
        schedules = List.copyOf(schedules);
        queueSources = List.copyOf(queueSources);
        bucketSources = List.copyOf(bucketSources);
    }

    /** The environment variables with their intrinsic functions resolved; the function's own win over global ones. */
    public Map<String, String> environment(Resolver resolver) {
        Map<String, String> environment = new LinkedHashMap<>();
        unresolvedEnvironment.forEach((name, value) -> {
            try {
                environment.put(name, resolver.resolve(value));
            } catch (TemplateException e) {
                throw new TemplateException(logicalId + ", environment variable " + name + ": " + e.getMessage(), e);
            }
        });
        return Collections.unmodifiableMap(environment);
    }

    static FunctionDef parse(String logicalId, TemplateNode properties, TemplateNode template) {
        TemplateNode globals = template.get("Globals").get("Function");
        String handler = inherited("Handler", properties, globals).text();
        int separator = handler.indexOf("::");
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        for (TemplateNode scope : List.of(globals, properties)) {
            scope.get("Environment").get("Variables").fields().forEach((name, value) -> environment.put(name, value.json()));
        }
        List<HttpRoute> routes = new ArrayList<>();
        List<StreamSource> streams = new ArrayList<>();
        List<EventRuleSource> rules = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        List<QueueSource> queues = new ArrayList<>();
        List<BucketSource> buckets = new ArrayList<>();
        int asyncRetries = properties.get("EventInvokeConfig").get("MaximumRetryAttempts").integer(
                globals.get("EventInvokeConfig").get("MaximumRetryAttempts").integer(EventRuleSource.DEFAULT_FUNCTION_RETRY_ATTEMPTS));
        properties.get("Events").fields().forEach((name, event) -> {
            String type = event.required("Type").text();
            if (List.of("EventBridgeRule", "CloudWatchEvent", "Schedule").contains(type)) {
                DeadLetterQueueConfig.check(event.get("Properties").get("DeadLetterConfig"), template);
            }
            switch (type) {
                case "HttpApi" -> routes.add(HttpRoute.parse(event.get("Properties"), template));
                case "DynamoDB" -> streams.add(StreamSource.parse(event.required("Properties"), template));
                case "EventBridgeRule", "CloudWatchEvent" ->
                        EventRuleSource.parseEvent(name, event.required("Properties"), template, asyncRetries).ifPresent(rules::add);
                case "Schedule" -> schedules.add(ScheduleSource.parse(name, event.required("Properties"), template));
                case "SQS" -> queues.add(QueueSource.parse(event.required("Properties"), template));
                case "S3" -> buckets.add(BucketSource.parse(event.required("Properties"), template));
                default -> { } // other event sources have no local stand-in here
            }
        });
        rules.addAll(EventRuleSource.parseRules(logicalId, template, asyncRetries));
        TemplateNode codeUri = properties.get("CodeUri").isMissing() ? globals.get("CodeUri") : properties.get("CodeUri");
        return new FunctionDef(logicalId, codeUri.json().isTextual() ? codeUri.text() : null,
                separator < 0 ? handler : handler.substring(0, separator),
                separator < 0 ? "handleRequest" : handler.substring(separator + 2),
                properties.get("Timeout").integer(globals.get("Timeout").integer(SAM_DEFAULT_TIMEOUT_SECONDS)),
                environment, routes, streams, rules, schedules, queues, buckets);
    }

    private static TemplateNode inherited(String key, TemplateNode properties, TemplateNode globals) {
        return properties.get(key).isMissing() && !globals.get(key).isMissing() ? globals.get(key) : properties.required(key);
    }
}
