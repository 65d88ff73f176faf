package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template.yaml deploys, and watches what can go wrong in operation: every function's errors, stream lag, dead
 * letters. The values are checked as the SAM transform reads them, not the keys by name.
 */
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

    /**
     * Failures a function handles itself never raise Lambda's Errors metric: each is an embedded metric (namespace
     * leadscore, dimension Function) with an alarm that tells someone.
     */
    @Test
    void everyFailureAFunctionHandlesItselfHasAnAlarmOnItsMetric() {
        List<Map.Entry<String, String>> handled = List.of(Map.entry("score", "LeadsFailed"), Map.entry("shadow", "LeadsFailed"),
                Map.entry("decay", "LeadsFailed"),
                Map.entry("decay", "ReviewCheckFailed"), Map.entry("publish", "PublishFailed"),
                Map.entry("ingest", "RequestsUnavailable"), Map.entry("notify", "NotificationsFailed"),
                Map.entry("jobs", "LeadsFailed"), Map.entry("redrive", "RedrivesFailed"),
                Map.entry("notify", "NotificationsAbandoned"), Map.entry("republish", "RepublishRepeated"));
        handled.forEach(entry -> {
            String function = entry.getKey();
            String metric = entry.getValue();
            assertTrue(RESOURCES.findParents("MetricName").stream().anyMatch(alarm ->
                        alarm.path("Namespace").asText().equals("leadscore") && alarm.path("MetricName").asText().equals(metric)
                                && alarm.path("Dimensions").toString().equals("[{\"Name\":\"Function\",\"Value\":\"" + function + "\"}]")
                                && alarm.path("Threshold").asInt(-1) == 0 && !alarm.path("AlarmActions").isEmpty()),
                function + " " + metric);
        });
    }

    /**
     * A notification buffered while its destination is down alarms once the oldest has waited longer than the
     * BufferedDeliveryAlarmMinutes parameter: the highest age the retry runs reported in five minutes.
     */
    @Test
    void theOldestBufferedNotificationAlarmsPastTheParametersMinutes() {
        JsonNode alarm = RESOURCES.path("BufferedDeliveryAgeAlarm").path("Properties");
        assertEquals("leadscore", alarm.path("Namespace").asText());
        assertEquals("OldestBufferedDeliveryMinutes", alarm.path("MetricName").asText());
        assertEquals("[{\"Name\":\"Function\",\"Value\":\"notify\"}]", alarm.path("Dimensions").toString());
        assertEquals("Maximum", alarm.path("Statistic").asText());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals("BufferedDeliveryAlarmMinutes", alarm.path("Threshold").path("Ref").asText());
        assertFalse(alarm.path("AlarmActions").isEmpty());
        JsonNode parameter = CloudFormationYaml.read(TEMPLATE.file()).path("Parameters").path("BufferedDeliveryAlarmMinutes");
        assertEquals(30, parameter.path("Default").asInt());
        assertEquals(24 * 60, parameter.path("MaxValue").asInt(), "past 24 hours a notification is abandoned");
    }

    /** SAM refuses {@code Authorizer: AWS_IAM} on a route of an API that does not set {@code EnableIamAuthorizer: true}. */
    @Test
    void everyIamRouteBelongsToAnApiThatEnablesTheIamAuthorizer() {
        List<String> iamRoutes = new ArrayList<>();
        functionEvents().forEach((name, event) -> {
            JsonNode properties = event.path("Properties");
            if (event.path("Type").asText().equals("HttpApi") && properties.path("Auth").path("Authorizer").asText().equals("AWS_IAM")) {
                iamRoutes.add(name);
                JsonNode api = RESOURCES.path(properties.path("ApiId").path("Ref").asText());
                assertEquals("AWS::Serverless::HttpApi", api.path("Type").asText(), name + " names its API");
                assertTrue(api.path("Properties").path("Auth").path("EnableIamAuthorizer").booleanValue(),
                        name + ": its API must enable the IAM authorizer");
            }
        });
        assertTrue(iamRoutes.containsAll(List.of("QueryFunction.GetLead", "QueryFunction.ListAccounts")), iamRoutes.toString());
    }

    /**
     * An EventBridge rule's dead letters reach the queue that is watched: SAM takes only {@code Arn}, {@code Type} and
     * {@code QueueLogicalId} (with {@code Type} it makes a queue of its own), so the queue is named by {@code Arn}, and
     * its policy lets EventBridge send to it from the rule SAM makes of the event ({@code <Function><Event>}).
     */
    @Test
    void everyDeadLetterConfigNamesAWatchedQueueThatItsRuleMaySendTo() {
        List<String> configs = new ArrayList<>();
        functionEvents().forEach((name, event) -> {
            JsonNode config = event.path("Properties").path("DeadLetterConfig");
            if (config.isMissingNode()) {
                return;
            }
            configs.add(name);
            assertEquals(Set.of("Arn"), fieldNames(config), name + ": the queue is named by Arn alone");
            String queue = getAtt(config.path("Arn"), "Arn");
            assertEquals("AWS::SQS::Queue", RESOURCES.path(queue).path("Type").asText(), name);
            assertTrue(alarmed("ApproximateNumberOfMessagesVisible", queue), queue + " depth");
            String rule = name.replace(".", "");
            assertTrue(eventBridgeMaySend(queue, rule), queue + " must let EventBridge send from " + rule);
        });
        assertEquals(List.of("JobsFunction.SegmentReady", "NotifyFunction.Qualified"), configs.stream().sorted().toList());
    }

    /** Where failures go: the stream consumers' and async invocations' on-failure destinations, and dead letters. */
    @Test
    void everyQueueThatCollectsFailuresHasAnAlarmOnItsDepthAndTheFunctionMaySendToIt() {
        Set<String> failureQueues = new TreeSet<>();
        RESOURCES.fields().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            List<JsonNode> onFailure = new ArrayList<>(List.of(properties.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure")));
            properties.path("Events").forEach(event -> onFailure.add(event.path("Properties").path("DestinationConfig").path("OnFailure")));
            onFailure.stream().filter(destination -> !destination.isMissingNode()).forEach(destination -> {
                assertEquals("SQS", destination.path("Type").asText(), resource.getKey());
                String queue = getAtt(destination.path("Destination"), "Arn");
                failureQueues.add(queue);
                assertTrue(properties.path("Policies").findValues("SQSSendMessagePolicy").stream().anyMatch(policy ->
                                getAtt(policy.path("QueueName"), "QueueName").equals(queue))
                                || statements(resource.getKey()).stream().anyMatch(statement ->
                                statement.path("Action").asText().equals("sqs:SendMessage")
                                        && getAtt(statement.path("Resource"), "Arn").equals(queue)),
                        resource.getKey() + " may send to " + queue);
            });
            properties.path("Events").forEach(event -> {
                JsonNode dlq = event.path("Properties").path("DeadLetterConfig").path("Arn");
                if (!dlq.isMissingNode()) {
                    failureQueues.add(getAtt(dlq, "Arn"));
                }
            });
        });
        assertEquals(Set.of("JobsDeadLetterQueue", "NotifyDeadLetterQueue", "ScoreFailureQueue"), failureQueues);
        failureQueues.forEach(q -> assertTrue(alarmed("ApproximateNumberOfMessagesVisible", q), q + " depth"));
    }

    /**
     * Stream consumers keep a lead's activities in order: one invocation per shard (the README says what a higher
     * ParallelizationFactor would change).
     */
    @Test
    void streamConsumersTakeOneBatchAtATimeFromEachShard() {
        functionEvents().forEach((name, event) -> {
            if (event.path("Type").asText().equals("DynamoDB")) {
                assertEquals(1, event.path("Properties").path("ParallelizationFactor").asInt(1), name);
            }
        });
    }

    /** Logs are kept as long as the LogRetentionDays parameter says: each function's group is made with it. */
    @Test
    void everyFunctionLogsToAGroupWithTheRetentionParameter() {
        TEMPLATE.functions().forEach(function -> assertTrue(resourcesOfType("AWS::Logs::LogGroup").stream().anyMatch(group ->
                        group.path("Properties").path("LogGroupName").path("Fn::Sub").asText()
                                .equals("/aws/lambda/${" + function.logicalId() + "}")
                                && group.path("Properties").path("RetentionInDays").path("Ref").asText().equals("LogRetentionDays")),
                function.logicalId()));
    }

    /** The API's access log names the IAM caller of every query and admin request, and is kept as long as the logs. */
    @Test
    void theApiLogsEachRequestWithItsIamCaller() {
        JsonNode settings = RESOURCES.path("LeadScoreApi").path("Properties").path("AccessLogSettings");
        String group = getAtt(settings.path("DestinationArn"), "Arn");
        assertEquals("LogRetentionDays", RESOURCES.path(group).path("Properties").path("RetentionInDays").path("Ref").asText());
        JsonNode format = json(settings.path("Format").asText());
        assertEquals("$context.identity.userArn", format.path("caller").asText());
        assertEquals("$context.routeKey", format.path("routeKey").asText());
    }

    /**
     * A function writes only the partitions it owns (a condition on dynamodb:LeadingKeys on each statement that
     * allows a write), and is granted only the actions its code calls: the score function reads, puts and deletes (a
     * member's share that left its account), in one transaction that also adds to the report counters, which it may
     * update and nothing else; it queries an account's shares to recount its tally.
     */
    @Test
    void functionsWriteOnlyThePartitionsTheyOwn() {
        Map<String, List<String>> owned = Map.of(
                "IngestFunction", List.of("LEAD#*", "RATE#*", "WRITEKEY#*"),
                "ScoreFunction", List.of("LEAD#*", "ACCOUNT#*", "COUNT#*"),
                "ShadowFunction", List.of("LEAD#*", "COUNT#*"),
                "DecayFunction", List.of("LEAD#*", "ACCOUNT#*", "COUNT#*"),
                "PublishFunction", List.of("LEAD#*", "ACCOUNT#*", "MODEL#*", "JOB#*"),
                "RepublishFunction", List.of("LEAD#*", "ACCOUNT#*", "MODEL#*", "JOB#*"),
                "NotifyFunction", List.of("NOTIFY#*", "NOTIFYQ#*"),
                "NotifyRetryFunction", List.of("NOTIFY#*", "NOTIFYQ#*"));
        owned.forEach((function, partitions) -> {
            List<String> keys = new ArrayList<>();
            tableStatements(function).stream().filter(OperationsTemplateTest::writes).forEach(statement -> {
                List<String> statementKeys = leadingKeys(statement);
                assertFalse(statementKeys.isEmpty(), function + " writes with no condition on the partition");
                keys.addAll(statementKeys);
            });
            assertTrue(keys.containsAll(partitions), function + ": " + keys);
        });
        Map<List<String>, List<String>> scoreActions = new LinkedHashMap<>();
        tableStatements("ScoreFunction").forEach(statement -> {
            List<String> actions = new ArrayList<>();
            statement.path("Action").forEach(action -> actions.add(action.asText()));
            scoreActions.put(leadingKeys(statement), actions);
        });
        assertEquals(Map.of(List.of("LEAD#*", "ACCOUNT#*", "ERASED#*", "MODEL#${ModelId}"),
                        List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
                                "dynamodb:Query"),
                        List.of("COUNT#*"), List.of("dynamodb:UpdateItem")), scoreActions);
    }

    private static List<JsonNode> tableStatements(String function) {
        return statements(function).stream().filter(statement ->
                statement.path("Resource").path("Fn::GetAtt").toString().equals("[\"LeadScoreTable\",\"Arn\"]")).toList();
    }

    private static List<String> leadingKeys(JsonNode statement) {
        List<String> keys = new ArrayList<>();
        statement.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys")
                .forEach(key -> keys.add(key.isTextual() ? key.asText() : "MODEL#${ModelId}"));
        return keys;
    }

    /**
     * A function with a DynamoDB event has a role of its own: SAM would give the role it makes the managed policy
     * AWSLambdaDynamoDBExecutionRole, which reads every stream of the account. Its stream reads name this table's
     * stream, the one its events read; ListStreams, which names no stream, this table's streams.
     */
    @Test
    void streamConsumersReadThisTablesStreamOnly() {
        List<String> consumers = new ArrayList<>();
        TEMPLATE.functions().stream().filter(f -> !f.streamSources().isEmpty()).forEach(function -> {
            String name = function.logicalId();
            consumers.add(name);
            JsonNode properties = RESOURCES.path(name).path("Properties");
            JsonNode role = RESOURCES.path(getAtt(properties.path("Role"), "Arn"));
            assertEquals("AWS::IAM::Role", role.path("Type").asText(), name);
            assertEquals("[{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"}]",
                    role.path("Properties").path("ManagedPolicyArns").toString(), name + ": logs only");
            properties.path("Events").forEach(event -> {
                if (event.path("Type").asText().equals("DynamoDB")) {
                    assertEquals(STREAM_ARN, event.path("Properties").path("Stream").toString(), name);
                }
            });
            Map<String, String> streamActions = new java.util.TreeMap<>();
            statements(name).forEach(statement -> actions(statement).stream()
                    .filter(action -> action.startsWith("dynamodb:") && !action.endsWith("Item")
                            && !action.equals("dynamodb:Query")) // an account's shares, read to recount it
                    .forEach(action -> streamActions.put(action, statement.path("Resource").toString())));
            assertEquals(Map.of("dynamodb:DescribeStream", STREAM_ARN, "dynamodb:GetRecords", STREAM_ARN,
                    "dynamodb:GetShardIterator", STREAM_ARN,
                    "dynamodb:ListStreams", "{\"Fn::Sub\":\"${LeadScoreTable.Arn}/stream/*\"}"), streamActions, name);
        });
        assertEquals(List.of("PublishFunction", "ScoreFunction", "ShadowFunction"), consumers.stream().sorted().toList());
    }

    /**
     * Activities and ledger entries expire by the table's TTL attribute, RetentionDays after they happened: the
     * parameter (two years by default, at least one) reaches every function that writes them.
     */
    @Test
    void theRetentionReachesEveryFunctionThatWritesHistory() {
        JsonNode parameter = CloudFormationYaml.read(TEMPLATE.file()).path("Parameters").path("RetentionDays");
        assertEquals(730, parameter.path("Default").asInt());
        assertEquals(365, parameter.path("MinValue").asInt());
        JsonNode ttl = RESOURCES.path("LeadScoreTable").path("Properties").path("TimeToLiveSpecification");
        assertEquals("expiresAt", ttl.path("AttributeName").asText());
        assertTrue(ttl.path("Enabled").booleanValue());
        List<String> given = new ArrayList<>();
        TEMPLATE.functions().forEach(function -> {
            JsonNode days = RESOURCES.path(function.logicalId()).path("Properties").path("Environment")
                    .path("Variables").path("RETENTION_DAYS");
            if (!days.isMissingNode()) {
                assertEquals("RetentionDays", days.path("Ref").asText(), function.logicalId());
                given.add(function.logicalId());
            }
        });
        // TrainFunction writes none, but reads histories through the same LeadStore, which is built with it.
        assertEquals(List.of("AdminFunction", "DecayFunction", "ImportChunkFunction", "IngestFunction", "JobsFunction",
                "OpsFunction", "RedriveFunction", "ScoreFunction", "ShadowFunction", "TrainFunction"),
                given.stream().sorted().toList());
    }

    /**
     * The re-publish runs every 5 minutes, takes records unpublished for RepublishAfterMinutes (15 by default), and may
     * only query the due index, claim and mark outbox records, and put events on this bus.
     */
    @Test
    void theRepublishRunsOnScheduleAfterTheDelayWithItsOwnNarrowRights() {
        JsonNode parameter = CloudFormationYaml.read(TEMPLATE.file()).path("Parameters").path("RepublishAfterMinutes");
        assertEquals(15, parameter.path("Default").asInt());
        assertEquals(1, parameter.path("MinValue").asInt());
        JsonNode properties = RESOURCES.path("RepublishFunction").path("Properties");
        assertEquals("RepublishAfterMinutes", properties.at("/Environment/Variables/REPUBLISH_AFTER_MINUTES/Ref").asText());
        assertEquals("LeadScoreBus", properties.at("/Environment/Variables/EVENT_BUS_NAME/Ref").asText());
        assertEquals(List.of("rate(5 minutes)"), TEMPLATE.function("RepublishFunction").schedules().stream()
                .map(ScheduleSource::expression).toList());
        assertEquals(1, properties.path("ReservedConcurrentExecutions").asInt(), "one run at a time");
        Map<String, String> grants = new TreeMap<>();
        statements("RepublishFunction").forEach(statement -> actions(statement).forEach(action ->
                grants.merge(action, statement.path("Resource").toString(), (a, b) -> a + b)));
        assertEquals(Map.of("dynamodb:Query", "{\"Fn::Sub\":\"${LeadScoreTable.Arn}/index/DueIndex\"}",
                "dynamodb:UpdateItem", "{\"Fn::GetAtt\":[\"LeadScoreTable\",\"Arn\"]}",
                "events:PutEvents", "{\"Fn::GetAtt\":[\"LeadScoreBus\",\"Arn\"]}"), grants);
    }

    private static final String STREAM_ARN = "{\"Fn::GetAtt\":[\"LeadScoreTable\",\"StreamArn\"]}";

    /** The statements of a function's policies: in its own Policies, or in those of the role it names. */
    private static List<JsonNode> statements(String function) {
        JsonNode properties = RESOURCES.path(function).path("Properties");
        JsonNode policies = properties.has("Role")
                ? RESOURCES.path(getAtt(properties.path("Role"), "Arn")).path("Properties").path("Policies")
                : properties.path("Policies");
        List<JsonNode> statements = new ArrayList<>();
        policies.findValues("Statement").forEach(found -> found.forEach(statements::add));
        return statements;
    }

    /** Whether a statement allows a write (a read-only one, e.g. of the erased leads' fences, owns nothing). */
    private static boolean writes(JsonNode statement) {
        return actions(statement).stream()
                .anyMatch(action -> action.matches("dynamodb:(Put|Update|Delete|BatchWrite)Item"));
    }

    /** A statement's actions, which IAM takes as one string or a list. */
    private static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        List<String> actions = new ArrayList<>();
        (action.isArray() ? action : List.of(action)).forEach(each -> actions.add(each.asText()));
        return actions;
    }

    private static List<JsonNode> resourcesOfType(String type) {
        List<JsonNode> found = new ArrayList<>();
        RESOURCES.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }

    /**
     * A re-score writes nothing until no score batch can still run under the revision published before: it waits as
     * long as the score function may run.
     */
    @Test
    void aReScoreWaitsAsLongAsAScoreBatchMayRun() {
        assertEquals(String.valueOf(TEMPLATE.function("ScoreFunction").timeoutSeconds()),
                RESOURCES.path("JobsFunction").path("Properties").path("Environment").path("Variables")
                        .path("RESCORE_SETTLE_SECONDS").asText());
    }

    /** The data of record outlives the stack and a replacement; what is stateful says what happens to it. */
    @Test
    void theTableIsRetainedAndEveryQueueSaysWhatBecomesOfIt() {
        JsonNode table = RESOURCES.path("LeadScoreTable");
        assertEquals("Retain", table.path("DeletionPolicy").asText());
        assertEquals("Retain", table.path("UpdateReplacePolicy").asText());
        RESOURCES.fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                assertFalse(resource.getValue().path("DeletionPolicy").asText().isEmpty(), resource.getKey());
                assertFalse(resource.getValue().path("UpdateReplacePolicy").asText().isEmpty(), resource.getKey());
            }
        });
    }

    /** Every event of every function, keyed {@code Function.Event}. */
    private static Map<String, JsonNode> functionEvents() {
        Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
        RESOURCES.fields().forEachRemaining(resource -> resource.getValue().path("Properties").path("Events").fields()
                .forEachRemaining(event -> events.put(resource.getKey() + "." + event.getKey(), event.getValue())));
        return events;
    }

    /** The resource of {@code !GetAtt Resource.attribute}; the test fails on any other form. */
    private static String getAtt(JsonNode value, String attribute) {
        JsonNode getAtt = value.path("Fn::GetAtt");
        assertEquals(attribute, getAtt.path(1).asText(), "!GetAtt <Resource>." + attribute + " expected, not " + value);
        return getAtt.path(0).asText();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A queue policy on the queue allowing EventBridge to send to its ARN, from the rule with logical id {@code rule}. */
    private static boolean eventBridgeMaySend(String queue, String rule) {
        List<JsonNode> statements = new ArrayList<>();
        RESOURCES.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    && r.path("Properties").path("Queues").findValues("Ref").stream().anyMatch(ref -> ref.asText().equals(queue))) {
                r.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        });
        return statements.stream().anyMatch(s -> s.path("Effect").asText().equals("Allow")
                && s.path("Principal").path("Service").asText().equals("events.amazonaws.com")
                && s.path("Action").asText().equals("sqs:SendMessage")
                && getAtt(s.path("Resource"), "Arn").equals(queue)
                && getAtt(s.path("Condition").path("ArnEquals").path("aws:SourceArn"), "Arn").equals(rule));
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

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
